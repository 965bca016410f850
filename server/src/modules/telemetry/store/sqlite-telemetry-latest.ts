// The SQLite engine's latest values: in memory and authoritative here, merged on every commit, written to
// telemetry_latest at most every LATEST_FLUSH_MS (one upsert per target then, not per batch). Until the flush
// that covers it, every batch leaves replay marks of its 15-min buckets in its own transaction; loading merges
// the raw rows of the marked buckets again (merging is idempotent), so a crash loses no latest value.
import type { DatabaseSync } from 'node:sqlite';
import { METRIC_COUNT, rowKind, rowTarget, valuesAt } from '../reading-batch.ts';
import type { TargetKind } from '../telemetry.store.ts';
import {
  BUCKET_MS,
  LATEST,
  LATEST_COLUMNS,
  LATEST_FLUSH_MS,
  LATEST_STATE_WIDTH,
  READINGS,
  REPLAY,
  VALUE_COLUMNS,
  emptyLatest,
  latestFromRow,
  latestKey,
  latestRecords,
  mergeLatest,
  mergePacked,
  packLatestState,
  type LatestState,
} from './telemetry-store.schema.ts';
import { arrays, chunkSize, inTransaction, multiRow } from './sqlite-telemetry-sql.ts';

const LATEST_CHUNK = 64;

export function createSqliteLatest(db: DatabaseSync, isClosed: () => boolean) {
  const upsertLatest = multiRow(
    db,
    `INSERT INTO ${LATEST} (${LATEST_COLUMNS.join(',')})`,
    `ON CONFLICT (kind, target_id) DO UPDATE SET ${LATEST_COLUMNS.slice(2)
      .map((c) => `${c} = excluded.${c}`)
      .join(', ')}`,
    LATEST_COLUMNS.length,
  );
  // one process owns a SQLite file: writer 0
  const listReplay = arrays(db, `SELECT bucket FROM ${REPLAY} WHERE writer = 0 ORDER BY bucket`);
  const clearReplay = db.prepare(`DELETE FROM ${REPLAY} WHERE writer = 0`);
  const markReplay = db.prepare(
    `INSERT INTO ${REPLAY} (writer, bucket) VALUES (0, ?) ON CONFLICT DO NOTHING`,
  );
  const replayRead = arrays(
    db,
    `SELECT kind, target_id, ts, ${VALUE_COLUMNS.join(',')} FROM ${READINGS} WHERE ts >= ? AND ts < ?`,
  );

  let latest: Map<number, LatestState> | undefined;
  const unflushed = new Set<number>();
  const replayMarked = new Set<number>();
  let lastFlush = 0;
  let flushTimer: NodeJS.Timeout | undefined;

  /** the table's states plus the raw rows of the marked buckets, merged again */
  function load(): Map<number, LatestState> {
    if (latest) return latest;
    const loaded = new Map<number, LatestState>();
    for (const row of arrays(db, `SELECT ${LATEST_COLUMNS.join(',')} FROM ${LATEST}`).all()) {
      loaded.set(latestKey(Number(row[0]), Number(row[1])), latestFromRow(row));
    }
    unflushed.clear();
    replayMarked.clear();
    for (const [bucket] of listReplay.all()) {
      const from = Number(bucket);
      for (const row of replayRead.all(from, from + BUCKET_MS)) {
        const key = latestKey(Number(row[0]), Number(row[1]));
        let state = loaded.get(key);
        if (!state) loaded.set(key, (state = emptyLatest()));
        mergeLatest(state, Number(row[2]), row.slice(3) as (number | null)[]);
        unflushed.add(key);
      }
      replayMarked.add(from);
    }
    latest = loaded;
    if (replayMarked.size > 0) flushNow();
    return loaded;
  }

  function writeLatest(cache: Map<number, LatestState>, keySet: Set<number>): void {
    const keys = [...keySet];
    for (let i = 0; i < keys.length;) {
      const size = chunkSize(keys.length - i, LATEST_CHUNK);
      const params = upsertLatest.params(size);
      let k = 0;
      for (let r = i; r < i + size; r++) {
        const key = keys[r] as number;
        const s = cache.get(key) as LatestState;
        const kind = Math.floor(key / 4_294_967_296);
        params[k++] = kind;
        params[k++] = key - kind * 4_294_967_296;
        params[k++] = s.ts;
        for (let m = 0; m < METRIC_COUNT; m++)
          params[k++] = s.times[m] === -Infinity ? null : (s.values[m] as number);
        for (let m = 0; m < METRIC_COUNT; m++)
          params[k++] = s.times[m] === -Infinity ? null : (s.times[m] as number);
      }
      upsertLatest.run(size);
      i += size;
    }
  }

  /** writes every unflushed target and clears the replay marks; inside the caller's transaction */
  function flushInTransaction(cache: Map<number, LatestState>): void {
    writeLatest(cache, unflushed);
    clearReplay.run();
  }

  function flushed(): void {
    unflushed.clear();
    replayMarked.clear();
    lastFlush = performance.now();
  }

  function flushNow(): void {
    if (flushTimer) clearTimeout(flushTimer);
    flushTimer = undefined;
    const cache = latest;
    if (!cache || (unflushed.size === 0 && replayMarked.size === 0)) return;
    inTransaction(db, () => flushInTransaction(cache));
    flushed();
  }

  /** a quiet moment after a batch: flush unless closed; a failure leaves the marks for the next try */
  function flushSoon(): void {
    flushTimer = undefined;
    if (isClosed()) return;
    try {
      flushNow();
    } catch {
      flushTimer = setTimeout(flushSoon, LATEST_FLUSH_MS).unref();
    }
  }

  return {
    load,
    flushNow,

    /** merges the values of packed row `r` (newly stored) into the cache; returns the target's key */
    merge(cache: Map<number, LatestState>, data: Float64Array, r: number, ts: number): number {
      const key = latestKey(rowKind(data, r), rowTarget(data, r));
      let state = cache.get(key);
      if (!state) cache.set(key, (state = emptyLatest()));
      if (ts > state.ts) state.ts = ts;
      mergePacked(state.values, state.times, 0, ts, data, valuesAt(r));
      unflushed.add(key);
      return key;
    },

    /** whether this batch's transaction writes the latest values too (else it leaves replay marks) */
    flushDue: () => performance.now() - lastFlush >= LATEST_FLUSH_MS,

    /** inside the batch's transaction: a replay mark for `bucket` unless it has one */
    markReplay(bucket: number): void {
      if (!replayMarked.has(bucket)) markReplay.run(bucket);
    },

    flushInTransaction,

    /** after the batch's commit */
    committed(flushing: boolean, buckets: Iterable<number>): void {
      if (flushing) flushed();
      else {
        for (const bucket of buckets) replayMarked.add(bucket);
        flushTimer ??= setTimeout(flushSoon, LATEST_FLUSH_MS).unref();
      }
    },

    /** a batch rolled back: the cache may hold its merges; reloaded (and replayed) when next needed */
    drop(): void {
      latest = undefined;
    },

    /** the latest states of the given targets, packed (telemetry-store.schema.ts: packLatestState) */
    packStates(keys?: Iterable<number>): Float64Array {
      const cache = load();
      const list = [...(keys ?? cache.keys())];
      const packed = new Float64Array(list.length * LATEST_STATE_WIDTH);
      let at = 0;
      for (const key of list) at = packLatestState(packed, at, key, cache.get(key) as LatestState);
      return packed;
    },

    records: (kind: TargetKind, targetIds?: readonly number[]) => latestRecords(load(), kind, targetIds),
  };
}
export type SqliteLatest = ReturnType<typeof createSqliteLatest>;
