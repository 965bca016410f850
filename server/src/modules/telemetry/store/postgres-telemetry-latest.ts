// The PostgreSQL store's latest values: merged in memory (`pending`) and written to telemetry_latest at most
// every LATEST_FLUSH_MS, one upsert per target then instead of one per batch. Until that flush every batch leaves
// replay marks (writer, 15-min bucket) in its own transaction; whoever finds the marks of a writer that is gone
// (its advisory lock free) merges the raw rows of those buckets again (merging is idempotent), so a crash loses
// no latest value. Reads add this process's pending values to the table's (`overlay`).
import type pg from 'pg';
import { KIND_CODE, METRIC_COUNT, rowKind, rowTarget, valuesAt } from '../reading-batch.ts';
import type { StoreOptions } from '../telemetry.store.ts';
import { LatestSlots } from './latest-slots.ts';
import { BinaryCopy, copyInto } from './pg-binary-copy.ts';
import { BUCKET_MS, LATEST_FLUSH_MS, REPLAY, latestKey, type LatestState } from './telemetry-store.schema.ts';
import {
  LATEST_STAGE,
  MARK_REPLAY,
  REPLAY_READ,
  UPSERT_LATEST,
  WRITER_LOCK_CLASS,
  type Rows,
} from './postgres-telemetry-sql.ts';

/** how often a writer looks for the replay marks of writers that died */
const ORPHAN_CHECK_MS = 60_000;

/** merges the raw rows of the given buckets into `pending` */
async function replay(client: pg.Client, pending: LatestSlots, buckets: readonly number[]): Promise<void> {
  for (const bucket of buckets) {
    const result = await client.query({
      text: REPLAY_READ,
      values: [bucket, bucket + BUCKET_MS],
      rowMode: 'array',
    });
    for (const row of result.rows as Rows) {
      pending.merge(
        latestKey(Number(row[0]), Number(row[1])),
        Number(row[2]),
        row.slice(3) as (number | null)[],
      );
    }
  }
}

async function marksOf(client: pg.Client, writerIds: readonly number[]): Promise<number[]> {
  const result = await client.query({
    text: `SELECT DISTINCT bucket FROM ${REPLAY} WHERE writer = ANY($1::int4[]) ORDER BY bucket`,
    values: [[...writerIds]],
    rowMode: 'array',
  });
  return (result.rows as [number][]).map(([bucket]) => bucket);
}

/** writes every pending target; inside the caller's transaction */
async function writePending(client: pg.Client, pending: LatestSlots): Promise<void> {
  if (pending.size === 0) return;
  const copy = new BinaryCopy();
  for (const [key, slot] of pending.slots) {
    const kind = Math.floor(key / 4_294_967_296);
    copy.tuple(3 + 2 * METRIC_COUNT);
    copy.int2(kind);
    copy.int4(key - kind * 4_294_967_296);
    copy.int8(pending.ts[slot] as number);
    const base = slot * METRIC_COUNT;
    for (let m = base; m < base + METRIC_COUNT; m++) {
      copy.float8(pending.times[m] === -Infinity ? null : pending.values[m]);
    }
    for (let m = base; m < base + METRIC_COUNT; m++) {
      const t = pending.times[m] as number;
      if (t === -Infinity) copy.null();
      else copy.int8(t);
    }
  }
  await copyInto(client, LATEST_STAGE, copy.finish());
  await client.query(UPSERT_LATEST);
}

/** writers with replay marks whose advisory lock is free (they died); their locks are ours until released */
async function findOrphans(client: pg.Client, writerId: number): Promise<number[]> {
  const others = await client.query({
    text: `SELECT DISTINCT writer FROM ${REPLAY} WHERE writer <> $1`,
    values: [writerId],
    rowMode: 'array',
  });
  const orphans: number[] = [];
  for (const [id] of others.rows as [number][]) {
    const locked = await client.query({
      text: `SELECT pg_try_advisory_lock(${WRITER_LOCK_CLASS}, $1)`,
      values: [id],
      rowMode: 'array',
    });
    if ((locked.rows as [boolean][])[0]?.[0]) orphans.push(id);
  }
  return orphans;
}

export type PgLatestDeps = {
  writerId: number;
  /** clients whose connection failed */
  lost: WeakSet<pg.Client>;
  options: StoreOptions;
  /** flushes what is pending in the write lane (settle, then flush, on the writer connection) */
  flushInLane: () => Promise<void>;
  isClosed: () => boolean;
};

export function createPgLatest(deps: PgLatestDeps) {
  const { writerId, lost, options } = deps;
  const pending = new LatestSlots();
  /** buckets this writer has replay marks for */
  const marked = new Set<number>();
  /** set when pending may hold merges of a rolled-back batch: rebuilt from our own marks before the next use */
  let pendingSuspect = false;
  let lastFlush = 0;
  let lastOrphanCheck = 0;
  let flushTimer: NodeJS.Timeout | undefined;

  function flushed(): void {
    if (options.onLatestWritten) {
      const stationIds: number[] = [];
      const code = KIND_CODE.station;
      for (const key of pending.slots.keys()) {
        if (Math.floor(key / 4_294_967_296) === code) stationIds.push(key - code * 4_294_967_296);
      }
      if (stationIds.length > 0) options.onLatestWritten(stationIds);
    }
    pending.clear();
    marked.clear();
    lastFlush = performance.now();
  }

  /** Flush in a transaction of its own, taking over the marks of `orphans` (writers that died) as well. */
  async function flush(client: pg.Client, orphans: readonly number[] = []): Promise<void> {
    if (flushTimer) clearTimeout(flushTimer);
    flushTimer = undefined;
    await client.query('BEGIN');
    try {
      await writePending(client, pending);
      await client.query(`DELETE FROM ${REPLAY} WHERE writer = ANY($1::int4[])`, [[writerId, ...orphans]]);
      await client.query('COMMIT');
    } catch (error) {
      if (!lost.has(client)) await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
    flushed();
  }

  async function takeOver(client: pg.Client, orphans: readonly number[]): Promise<void> {
    try {
      pendingSuspect = true; // until the flush below has made the takeover durable
      await replay(client, pending, await marksOf(client, orphans));
      await flush(client, orphans);
      pendingSuspect = false;
    } finally {
      for (const id of orphans) {
        await client
          .query(`SELECT pg_advisory_unlock(${WRITER_LOCK_CLASS}, $1)`, [id])
          .catch(() => undefined);
      }
    }
  }

  /** before using pending: rebuild it if suspect, and now and then take over the marks of dead writers */
  async function settle(client: pg.Client): Promise<void> {
    if (pendingSuspect) {
      pending.clear();
      marked.clear();
      const buckets = await marksOf(client, [writerId]);
      await replay(client, pending, buckets);
      for (const bucket of buckets) marked.add(bucket);
      pendingSuspect = false;
    }
    if (performance.now() - lastOrphanCheck < ORPHAN_CHECK_MS && lastOrphanCheck !== 0) return;
    lastOrphanCheck = performance.now();
    const orphans = await findOrphans(client, writerId);
    if (orphans.length > 0) await takeOver(client, orphans);
  }

  /** a quiet moment after a batch: flush what is pending (in the write lane); a failure waits for the next try */
  function flushSoon(): void {
    flushTimer = undefined;
    if (deps.isClosed() || pending.size === 0) return;
    deps.flushInLane().catch(() => {
      flushTimer ??= setTimeout(flushSoon, LATEST_FLUSH_MS).unref();
    });
  }

  return {
    settle,
    flush,
    get size() {
      return pending.size;
    },
    /** a new writer connection: another writer may have taken our marks over meanwhile */
    reconnected(): void {
      if (marked.size > 0 || pending.size > 0) pendingSuspect = true;
    },
    /** a batch's merges begin: suspect until its commit (undone by a rebuild should the commit not happen) */
    beginMerge(): void {
      pendingSuspect = true;
    },
    /** merges the values of packed row `r` (newly stored) */
    merge(data: Float64Array, r: number, ts: number): void {
      pending.mergePacked(latestKey(rowKind(data, r), rowTarget(data, r)), ts, data, valuesAt(r));
    },
    /**
     * Inside the batch's transaction: writes the pending values when a flush is due, else replay marks for the
     * batch's new buckets. Returns what `committed` needs.
     */
    async inTransaction(client: pg.Client, buckets: ReadonlySet<number>) {
      const flushing = performance.now() - lastFlush >= LATEST_FLUSH_MS;
      const newMarks = flushing ? [] : [...buckets].filter((b) => !marked.has(b));
      if (flushing) {
        await writePending(client, pending);
        await client.query(`DELETE FROM ${REPLAY} WHERE writer = $1`, [writerId]);
      } else if (newMarks.length > 0) await client.query(MARK_REPLAY, [writerId, newMarks]);
      return { flushing, newMarks };
    },
    committed({ flushing, newMarks }: { flushing: boolean; newMarks: number[] }): void {
      pendingSuspect = false;
      if (flushing) flushed();
      else {
        for (const bucket of newMarks) marked.add(bucket);
        flushTimer ??= setTimeout(flushSoon, LATEST_FLUSH_MS).unref();
      }
    },
    /** merges this process's pending values of a target into `state`; whether it had any */
    overlay: (key: number, state: LatestState) => pending.overlay(key, state),
    pendingKeys: () => pending.slots.keys(),
    stopTimer(): void {
      if (flushTimer) clearTimeout(flushTimer);
    },
  };
}
export type PgLatest = ReturnType<typeof createPgLatest>;
