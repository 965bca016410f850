// The PostgreSQL TelemetryStore: binary COPY into daily ts partitions, latest values flushed and merged in SQL.
import { randomInt } from 'node:crypto';
import pg from 'pg';
import type { MetricKey } from '@hearth/contracts/telemetry';
import {
  ROLLUP_MS,
  type LatestRecord,
  type RollupLevel,
  type RollupRow,
  type TargetKind,
  type TelemetryStore,
  type StoreOptions,
  type TimeRange,
} from '../telemetry.store.ts';
import {
  DEVICE,
  KIND,
  KIND_CODE,
  METRIC_COUNT,
  RECEIVED,
  STRIDE,
  TARGET,
  TS,
  VALUES_AT,
  type ReadingBatch,
} from '../reading-batch.ts';
import { LatestSlots } from './latest-slots.ts';
import { BinaryCopy, copyInto } from './pg-binary-copy.ts';
import {
  BUCKET_MS,
  DAY_MS,
  DIRTY,
  LATEST,
  LATEST_COLUMNS,
  LATEST_FLUSH_MS,
  LEVELS,
  READINGS,
  READING_COLUMNS,
  REPLAY,
  TIME_COLUMNS,
  VALUE_COLUMNS,
  bucketOf,
  rollupBucket,
  emptyLatest,
  latestFromRow,
  latestKey,
  rawSql,
  rollupInsertSql,
  rollupTable,
  seriesSql,
  bucketCountsSql,
  flatPointsSql,
  toLatestRecord,
} from './telemetry-store.schema.ts';

const INT8_OID = 20;
/** partitions are named by UTC day (YYYYMMDD), so ts must fall in years 1970–9999 */
const MAX_TS = 253_402_300_800_000;
/** how often a writer looks for the replay marks of writers that died */
const ORPHAN_CHECK_MS = 60_000;
const STAGE = 'telemetry_stage';
const LATEST_STAGE = 'telemetry_latest_stage';
const ROLLUP_LOCK = `SELECT pg_advisory_xact_lock(hashtext(current_schema() || '.telemetry_rollups'))`;
/** (class, writer id): held by a live writer for as long as its connection lasts */
const WRITER_LOCK_CLASS = `hashtext(current_schema() || '.telemetry_writer')`;
const P = (i: number) => `$${i}`;

type Rows = unknown[][];

const dayName = (day: number) =>
  `${READINGS}_${new Date(day * DAY_MS).toISOString().slice(0, 10).replaceAll('-', '')}`;
const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
const errorCode = (error: unknown) =>
  typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;

export async function createPostgresTelemetryStore(
  url: string,
  schema: string,
  options: StoreOptions = {},
): Promise<TelemetryStore> {
  const dayOffsetMs = options.dayOffsetMs ?? 0;
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`invalid schema name ${schema}`);
  const config = {
    connectionString: url,
    types: {
      // ts and counts arrive as int8; epoch ms and counts fit a JS number
      getTypeParser: (oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format),
    } as pg.CustomTypesConfig,
    options: `-c search_path=${schema}`,
  };
  const pool = new pg.Pool({ ...config, max: 4 });
  pool.on('error', () => undefined); // an idle client lost; the pool replaces it

  const insertReadings =
    `INSERT INTO ${READINGS} (${READING_COLUMNS.join(', ')}) ` +
    `SELECT ${READING_COLUMNS.join(', ')} FROM ${STAGE} ` +
    // key order gives concurrent writers one lock order; seq last so the first of equal rows wins
    'ORDER BY ts, kind, target_id, device_id, seq ON CONFLICT DO NOTHING RETURNING ts, kind, target_id, device_id';
  const setLatest = [
    `ts = GREATEST(${LATEST}.ts, EXCLUDED.ts)`,
    ...VALUE_COLUMNS.map((v, m) => {
      const t = TIME_COLUMNS[m] as string;
      return `${v} = CASE WHEN EXCLUDED.${t} > ${LATEST}.${t} OR ${LATEST}.${t} IS NULL THEN EXCLUDED.${v} ELSE ${LATEST}.${v} END`;
    }),
    ...TIME_COLUMNS.map((t) => `${t} = GREATEST(${LATEST}.${t}, EXCLUDED.${t})`),
  ];
  // Merged point by point in SQL rather than overwritten: several ingest processes may write one target.
  // Key order: writers in several processes lock latest rows in one order.
  const upsertLatest =
    `INSERT INTO ${LATEST} (${LATEST_COLUMNS.join(', ')}) SELECT ${LATEST_COLUMNS.join(', ')} ` +
    `FROM ${LATEST_STAGE} ORDER BY kind, target_id ON CONFLICT (kind, target_id) DO UPDATE SET ${setLatest.join(', ')}`;
  const markDirty =
    `INSERT INTO ${DIRTY} (level, bucket) SELECT $1::smallint, b FROM unnest($2::bigint[]) AS b ORDER BY b ` +
    `ON CONFLICT (level, bucket) DO UPDATE SET gen = ${DIRTY}.gen + 1`;
  const markReplay =
    `INSERT INTO ${REPLAY} (writer, bucket) SELECT $1::int4, b FROM unnest($2::bigint[]) AS b ` +
    'ON CONFLICT DO NOTHING';
  const replayRead = `SELECT kind, target_id, ts, ${VALUE_COLUMNS.join(', ')} FROM ${READINGS} WHERE ts >= $1 AND ts < $2`;

  let writer: pg.Client | undefined;
  /** clients whose connection failed; a new writer client replaces one */
  const lost = new WeakSet<pg.Client>();
  const knownDays = new Set<number>();

  // Latest values: merged in memory (`pending`) and written to telemetry_latest at most every LATEST_FLUSH_MS,
  // one upsert per target then instead of one per batch. Until that flush every batch leaves replay marks
  // (writer, 15-min bucket) in its own transaction; whoever finds the marks of a writer that is gone (its
  // advisory lock free) merges the raw rows of those buckets again (merging is idempotent), so a crash loses no
  // latest value. `latest()` adds this process's pending values to the table's.
  const writerId = randomInt(1, 2 ** 31 - 1);
  const pending = new LatestSlots();
  /** buckets this writer has replay marks for */
  const marked = new Set<number>();
  /** set when pending may hold merges of a rolled-back batch: rebuilt from our own marks before the next use */
  let pendingSuspect = false;
  let lastFlush = 0;
  let lastOrphanCheck = 0;
  let flushTimer: NodeJS.Timeout | undefined;

  async function connectWriter(): Promise<pg.Client> {
    if (writer && !lost.has(writer)) return writer;
    if (writer) void writer.end().catch(() => undefined);
    writer = undefined;
    const client = new pg.Client(config);
    client.on('error', () => lost.add(client));
    await client.connect();
    // session-private staging tables, emptied at every commit; types match the binary COPY encoding
    await client.query(
      `CREATE TEMP TABLE ${STAGE} (seq int4, ts int8, kind int2, target_id int4, device_id int4, received_at int8, ` +
        `${VALUE_COLUMNS.map((v) => `${v} float8`).join(', ')}) ON COMMIT DELETE ROWS`,
    );
    await client.query(
      `CREATE TEMP TABLE ${LATEST_STAGE} (kind int2, target_id int4, ts int8, ` +
        `${VALUE_COLUMNS.map((v) => `${v} float8`).join(', ')}, ${TIME_COLUMNS.map((t) => `${t} int8`).join(', ')}) ` +
        'ON COMMIT DELETE ROWS',
    );
    await client.query(`SELECT pg_advisory_lock(${WRITER_LOCK_CLASS}, $1)`, [writerId]);
    writer = client;
    // while disconnected another writer may have taken our marks over; start again from what is left of them
    if (marked.size > 0 || pending.size > 0) pendingSuspect = true;
    return client;
  }

  async function ensurePartitions(client: pg.Client, days: Iterable<number>): Promise<void> {
    for (const day of days) {
      if (knownDays.has(day)) continue;
      const name = dayName(day);
      try {
        await client.query(
          `CREATE TABLE IF NOT EXISTS ${name} PARTITION OF ${READINGS} ` +
            `FOR VALUES FROM (${day * DAY_MS}) TO (${(day + 1) * DAY_MS})`,
        );
      } catch (error) {
        // another process may have created it at the same moment
        const found = await client.query('SELECT to_regclass($1) AS r', [name]);
        if (found.rows[0]?.r === null) throw error;
      }
      knownDays.add(day);
    }
  }

  /** merges the raw rows of the given buckets into `pending` */
  async function replay(client: pg.Client, buckets: readonly number[]): Promise<void> {
    for (const bucket of buckets) {
      const result = await client.query({
        text: replayRead,
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

  async function ownMarks(client: pg.Client, writerIds: readonly number[]): Promise<number[]> {
    const result = await client.query({
      text: `SELECT DISTINCT bucket FROM ${REPLAY} WHERE writer = ANY($1::int4[]) ORDER BY bucket`,
      values: [[...writerIds]],
      rowMode: 'array',
    });
    return (result.rows as [number][]).map(([bucket]) => bucket);
  }

  /** writes every pending target; inside the caller's transaction */
  async function writePending(client: pg.Client): Promise<void> {
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
    await client.query(upsertLatest);
  }

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
      await writePending(client);
      await client.query(`DELETE FROM ${REPLAY} WHERE writer = ANY($1::int4[])`, [[writerId, ...orphans]]);
      await client.query('COMMIT');
    } catch (error) {
      if (!lost.has(client)) await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
    flushed();
  }

  /** before using pending: rebuild it if suspect, and now and then take over the marks of dead writers */
  async function settle(client: pg.Client): Promise<void> {
    if (pendingSuspect) {
      pending.clear();
      marked.clear();
      const buckets = await ownMarks(client, [writerId]);
      await replay(client, buckets);
      for (const bucket of buckets) marked.add(bucket);
      pendingSuspect = false;
    }
    if (performance.now() - lastOrphanCheck < ORPHAN_CHECK_MS && lastOrphanCheck !== 0) return;
    lastOrphanCheck = performance.now();
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
    if (orphans.length === 0) return;
    try {
      pendingSuspect = true; // until the flush below has made the takeover durable
      await replay(client, await ownMarks(client, orphans));
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

  /** the batch in binary COPY form, with the row's input index first when `seq` */
  function encodeReadings(batch: ReadingBatch, seq: boolean): Buffer {
    const { count: n, data } = batch;
    const copy = new BinaryCopy();
    const fields = READING_COLUMNS.length + (seq ? 1 : 0);
    for (let r = 0; r < n; r++) {
      const o = r * STRIDE;
      copy.tuple(fields);
      if (seq) copy.int4(r);
      copy.int8(data[o + TS] as number);
      copy.int2(data[o + KIND] as number);
      copy.int4(data[o + TARGET] as number);
      copy.int4(data[o + DEVICE] as number);
      copy.int8(data[o + RECEIVED] as number);
      for (let m = o + VALUES_AT; m < o + STRIDE; m++) {
        const v = data[m] as number;
        if (v === v) copy.float8(v);
        else copy.null();
      }
    }
    return copy.finish();
  }

  async function insertOnce(batch: ReadingBatch): Promise<Uint8Array> {
    const { count: n, data } = batch;
    const client = await connectWriter();
    await settle(client);
    const days = new Set<number>();
    let lastDay = NaN;
    for (let r = 0; r < n; r++) {
      const day = Math.floor((data[r * STRIDE + TS] as number) / DAY_MS);
      if (day !== lastDay) days.add((lastDay = day));
    }
    await ensurePartitions(client, days);

    await client.query('BEGIN');
    try {
      let fresh: Uint8Array;
      // Duplicates are rare: COPY straight into the table; only when the key refuses a row, undo that and go
      // through the staging table with ON CONFLICT DO NOTHING to learn which rows were new.
      await client.query('SAVEPOINT batch');
      try {
        await copyInto(client, `${READINGS} (${READING_COLUMNS.join(', ')})`, encodeReadings(batch, false));
        fresh = new Uint8Array(n).fill(1);
      } catch (error) {
        // 23505 unique violation; 40P01 deadlock with another writer inserting the same keys
        const code = errorCode(error);
        if (code !== '23505' && code !== '40P01') throw error;
        await client.query('ROLLBACK TO SAVEPOINT batch');
        await copyInto(client, STAGE, encodeReadings(batch, true));
        const returned = await client.query({ text: insertReadings, rowMode: 'array' });
        const keys = new Set((returned.rows as Rows).map((k) => k.join(':')));
        fresh = new Uint8Array(n);
        for (let r = 0; r < n; r++) {
          const o = r * STRIDE;
          const key = `${data[o + TS]}:${data[o + KIND]}:${data[o + TARGET]}:${data[o + DEVICE]}`;
          fresh[r] = keys.delete(key) ? 1 : 0;
        }
      }

      pendingSuspect = true; // merged before the commit: undone by a rebuild should the commit not happen
      const buckets = new Set<number>();
      let lastBucket = NaN;
      for (let r = 0; r < n; r++) {
        if (fresh[r] === 0) continue;
        const o = r * STRIDE;
        const ts = data[o + TS] as number;
        pending.mergePacked(
          latestKey(data[o + KIND] as number, data[o + TARGET] as number),
          ts,
          data,
          o + VALUES_AT,
        );
        const bucket = bucketOf(ts, BUCKET_MS);
        if (bucket !== lastBucket) buckets.add((lastBucket = bucket));
      }
      const flushing = performance.now() - lastFlush >= LATEST_FLUSH_MS;
      const newMarks = flushing ? [] : [...buckets].filter((b) => !marked.has(b));
      if (flushing) {
        await writePending(client);
        await client.query(`DELETE FROM ${REPLAY} WHERE writer = $1`, [writerId]);
      } else if (newMarks.length > 0) await client.query(markReplay, [writerId, newMarks]);
      // last, so the hot mark rows stay locked only for the commit
      if (buckets.size > 0) await client.query(markDirty, [0, [...buckets].sort((x, y) => x - y)]);
      await client.query('COMMIT');
      pendingSuspect = false;
      if (flushing) flushed();
      else {
        for (const bucket of newMarks) marked.add(bucket);
        flushTimer ??= setTimeout(flushSoon, LATEST_FLUSH_MS).unref();
      }
      return fresh;
    } catch (error) {
      if (!lost.has(client)) await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }

  /** a quiet moment after a batch: flush what is pending (in the write lane); a failure waits for the next try */
  function flushSoon(): void {
    flushTimer = undefined;
    if (closed || pending.size === 0) return;
    writes(async () => {
      const client = await connectWriter();
      await settle(client);
      await flush(client);
    }).catch(() => {
      flushTimer ??= setTimeout(flushSoon, LATEST_FLUSH_MS).unref();
    });
  }

  async function insertBatch(batch: ReadingBatch): Promise<Uint8Array> {
    const { count: n, data } = batch;
    if (data.length < n * STRIDE) throw new RangeError('reading batch shorter than its count');
    for (let r = 0; r < n; r++) {
      const o = r * STRIDE;
      const kind = data[o + KIND] as number;
      if (kind !== KIND_CODE.station && kind !== KIND_CODE.household) {
        throw new TypeError(`unknown target kind at row ${r}`);
      }
      const ts = data[o + TS] as number;
      if (!(ts >= 0 && ts < MAX_TS)) throw new RangeError(`ts out of range at row ${r}`);
    }
    try {
      return await insertOnce(batch);
    } catch (error) {
      // 23514: no partition for a row — a partition this process knew was dropped by retention elsewhere
      if (errorCode(error) !== '23514') throw error;
      knownDays.clear();
      return insertOnce(batch);
    }
  }

  async function refreshRollups(range?: TimeRange): Promise<number> {
    const client = await pool.connect();
    let done = 0;
    try {
      for (let li = 0; li < LEVELS.length; li++) {
        const level = LEVELS[li] as RollupLevel;
        const ms = ROLLUP_MS[level];
        const parent = LEVELS[li + 1];
        const table = rollupTable(level);
        const rebuild = rollupInsertSql(level, (i) => `$${i}::bigint`);
        // a bucket overlaps the range when it ends after its start and begins before its end
        const marks = await client.query({
          text: range
            ? `SELECT bucket, gen FROM ${DIRTY} WHERE level = $1 AND bucket > $2 AND bucket < $3 ORDER BY bucket`
            : `SELECT bucket, gen FROM ${DIRTY} WHERE level = $1 ORDER BY bucket`,
          values: range ? [li, range.fromMs - ms, range.toMs] : [li],
          rowMode: 'array',
        });
        for (const [bucket, gen] of marks.rows as [number, number][]) {
          await client.query('BEGIN');
          try {
            // one rebuild at a time across processes; a rebuild repeated after another one is harmless
            await client.query(ROLLUP_LOCK);
            await client.query(`DELETE FROM ${table} WHERE bucket = $1`, [bucket]);
            await client.query(rebuild, [bucket, bucket, bucket + ms]);
            // a mark re-set by an insert since the listing has a new gen (and its row lock made us wait)
            await client.query(`DELETE FROM ${DIRTY} WHERE level = $1 AND bucket = $2 AND gen = $3`, [
              li,
              bucket,
              gen,
            ]);
            if (parent) await client.query(markDirty, [li + 1, [rollupBucket(bucket, parent, dayOffsetMs)]]);
            await client.query('COMMIT');
          } catch (error) {
            await client.query('ROLLBACK').catch(() => undefined);
            throw error;
          }
          done++;
        }
      }
    } finally {
      client.release();
    }
    return done;
  }

  async function purgeRaw(beforeMs: number): Promise<number> {
    // Roll up what is still dirty before its raw rows go: a bucket is always rebuilt from raw.
    const dirty = await pool.query(`SELECT 1 FROM ${DIRTY} WHERE level = 0 AND bucket < $1 LIMIT 1`, [
      beforeMs,
    ]);
    if ((dirty.rowCount ?? 0) > 0) await refreshRollups();
    const partitions = await pool.query<{ name: string; bound: string }>(
      'SELECT c.relname AS name, pg_get_expr(c.relpartbound, c.oid) AS bound FROM pg_inherits i ' +
        'JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = $1::regclass',
      [READINGS],
    );
    let removed = 0;
    for (const { name, bound } of partitions.rows) {
      const range = /FROM \('?(-?\d+)'?\) TO \('?(-?\d+)'?\)/.exec(bound);
      if (!range || Number(range[2]) > beforeMs) continue;
      // wholly before the cutoff: count, then drop the partition instead of deleting its rows
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const counted = await client.query<{ n: number }>(`SELECT count(*) AS n FROM ${quote(name)}`);
        await client.query(`DROP TABLE ${quote(name)}`);
        await client.query('COMMIT');
        removed += Number(counted.rows[0]?.n ?? 0);
        knownDays.delete(Math.floor(Number(range[1]) / DAY_MS));
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    }
    // the boundary partition
    const deleted = await pool.query(`DELETE FROM ${READINGS} WHERE ts < $1`, [beforeMs]);
    return removed + (deleted.rowCount ?? 0);
  }

  // one writer connection: batches go one after another; refresh and purge likewise among themselves
  const lane = () => {
    let tail: Promise<unknown> = Promise.resolve();
    return <T>(task: () => Promise<T>): Promise<T> => {
      const run = tail.then(task, task);
      tail = run.catch(() => undefined);
      return run;
    };
  };
  const writes = lane();
  const maintenance = lane();
  let closed = false;
  const open = () => {
    if (closed) throw new Error('telemetry store is closed');
  };

  try {
    // fail fast when the server is unreachable; take over what dead writers left
    await writes(async () => settle(await connectWriter()));
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }

  return {
    async insertBatch(batch) {
      open();
      if (batch.count === 0) return new Uint8Array(0);
      return writes(() => insertBatch(batch));
    },

    async latest(kind: TargetKind, targetIds?: readonly number[]) {
      open();
      const code = KIND_CODE[kind];
      const result = await pool.query({
        text:
          `SELECT ${LATEST_COLUMNS.join(', ')} FROM ${LATEST} WHERE kind = $1` +
          (targetIds ? ' AND target_id = ANY($2::int4[])' : ''),
        values: targetIds ? [code, [...targetIds]] : [code],
        rowMode: 'array',
      });
      const out = new Map<number, LatestRecord>();
      const seen = new Set<number>();
      for (const row of result.rows as Rows) {
        const id = Number(row[1]);
        const state = latestFromRow(row);
        pending.overlay(latestKey(code, id), state);
        out.set(id, toLatestRecord(state));
        seen.add(id);
      }
      // targets with values not flushed yet
      const ids = targetIds ?? [...pending.slots.keys()].map((key) => key - code * 4_294_967_296);
      for (const id of ids) {
        if (seen.has(id) || id < 0 || id >= 4_294_967_296) continue;
        const state = emptyLatest();
        if (pending.overlay(latestKey(code, id), state)) out.set(id, toLatestRecord(state));
      }
      return out;
    },

    async raw(kind, targetId, fromMs, toMs, limit) {
      open();
      const result = await pool.query({
        text: rawSql(P),
        values: [fromMs, toMs, KIND_CODE[kind], targetId, limit],
        rowMode: 'array',
      });
      return (result.rows as Rows).map((row) => ({
        kind,
        targetId,
        deviceId: row[1] as number,
        ts: row[0] as number,
        receivedAt: row[2] as number,
        values: row.slice(3) as (number | null)[],
      }));
    },

    async series(level: RollupLevel, kind: TargetKind, targetId: number, metric: MetricKey, fromMs, toMs) {
      open();
      const result = await pool.query({
        text: seriesSql(level, metric, P),
        values: [KIND_CODE[kind], targetId, fromMs, toMs],
        rowMode: 'array',
      });
      return (result.rows as [number, number, number, number, number][]).map(
        ([bucket, min, max, sum, count]): RollupRow => ({ bucket, min, max, mean: sum / count, count }),
      );
    },

    async bucketCounts(level: RollupLevel, kind: TargetKind, fromMs: number, toMs: number) {
      open();
      const result = await pool.query({
        text: bucketCountsSql(level, P),
        values: [KIND_CODE[kind], fromMs, toMs],
        rowMode: 'array',
      });
      return new Map((result.rows as [number, number | string][]).map(([id, n]) => [Number(id), Number(n)]));
    },

    async flatPoints(kind: TargetKind, fromMs: number, toMs: number, minReadings: number) {
      open();
      const result = await pool.query({
        text: flatPointsSql((i) => (i === 4 ? `$${i}::int8` : `$${i}`)),
        values: [KIND_CODE[kind], fromMs, toMs, minReadings],
        rowMode: 'array',
      });
      return new Map((result.rows as [number, number | string][]).map(([id, n]) => [Number(id), Number(n)]));
    },

    refreshRollups: (range) => (open(), maintenance(() => refreshRollups(range))),
    purgeRaw: (beforeMs) => (open(), maintenance(() => purgeRaw(beforeMs))),

    async close() {
      if (closed) return;
      closed = true;
      if (flushTimer) clearTimeout(flushTimer);
      try {
        // a failed last flush loses nothing: the replay marks stay and the next writer takes them over
        await writes(async () => {
          if (pending.size === 0 || !writer || lost.has(writer)) return;
          await settle(writer);
          await flush(writer);
        }).catch(() => undefined);
      } finally {
        await maintenance(async () => undefined);
        await writer?.end().catch(() => undefined);
        await pool.end();
      }
    },
  };
}
