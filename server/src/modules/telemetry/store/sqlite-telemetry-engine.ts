// The SQLite TelemetryStore engine: its own node:sqlite connection, multi-row prepared inserts, latest values in
// memory. It runs wherever it is created: inside the store's worker thread in the server, in process for the
// benchmark's reference.
import { DatabaseSync, type SQLInputValue, type SQLOutputValue, type StatementSync } from 'node:sqlite';
import type { MetricKey } from '@hearth/contracts/telemetry';
import {
  ROLLUP_MS,
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
import {
  BUCKET_MS,
  DIRTY,
  LATEST,
  LATEST_COLUMNS,
  LATEST_FLUSH_MS,
  LEVELS,
  READINGS,
  READING_COLUMNS,
  REPLAY,
  VALUE_COLUMNS,
  bucketOf,
  rollupBucket,
  emptyLatest,
  latestFromRow,
  latestKey,
  LATEST_STATE_WIDTH,
  packLatestState,
  latestRecords,
  mergeLatest,
  mergePacked,
  rawSql,
  ROLLUP_ROW_COLUMNS,
  rollupSelectSql,
  rollupTable,
  seriesSql,
  bucketCountsSql,
  flatPointsSql,
  type LatestState,
} from './telemetry-store.schema.ts';

/** rows per multi-row INSERT; a power of two so a remainder splits into few cached statement sizes */
const READING_CHUNK = 256;
const LATEST_CHUNK = 64;
/** rollup rows (63 columns) per multi-row INSERT */
const ROLLUP_CHUNK = 64;
/** rows deleted per purge step, so ingest interleaves with a long purge */
const PURGE_STEP = 50_000;
const READING_WIDTH = READING_COLUMNS.length;
const LATEST_WIDTH = LATEST_COLUMNS.length;

type Rows = unknown[][];

/** Multi-row `INSERT` statements of power-of-two sizes over one reused parameter array. */
function multiRow(db: DatabaseSync, head: string, tail: string, width: number) {
  const tuple = `(${Array(width).fill('?').join(',')})`;
  const statements = new Map<number, { stmt: StatementSync; params: SQLInputValue[] }>();
  return {
    /** the parameter array for `rows` rows (keep the sizes few: powers of two), to fill before `run` */
    params(rows: number): SQLInputValue[] {
      let entry = statements.get(rows);
      if (!entry) {
        const stmt = db.prepare(`${head} VALUES ${Array(rows).fill(tuple).join(',')} ${tail}`);
        entry = { stmt, params: new Array<SQLInputValue>(rows * width) };
        statements.set(rows, entry);
      }
      return entry.params;
    },
    run(rows: number): number {
      const entry = statements.get(rows);
      if (!entry) throw new Error('params() first');
      return Number(entry.stmt.run(...entry.params).changes);
    },
  };
}

/** largest power of two ≤ n, capped at max */
const chunkSize = (n: number, max: number) => (n >= max ? max : 2 ** Math.floor(Math.log2(n)));

export type EngineOptions = StoreOptions & {
  /** another thread checkpoints the WAL (the server's checkpointer); otherwise this connection does, at 128 MiB */
  externalCheckpoints?: boolean;
};

/** The engine: the store, plus an insert that also hands back the new latest state of every target it touched. */
export type SqliteTelemetryEngine = TelemetryStore & {
  insertReturningLatest(batch: ReadingBatch): Promise<{ flags: Uint8Array; latest: Float64Array }>;
  /** every target's latest state, packed (telemetry-store.schema.ts: packLatestState) */
  latestStates(): Promise<Float64Array>;
};

export function createSqliteTelemetryEngine(
  file: string,
  options: EngineOptions = {},
): SqliteTelemetryEngine {
  const dayOffsetMs = options.dayOffsetMs ?? 0;
  const db = new DatabaseSync(file);
  // WAL + synchronous=NORMAL: a committed batch survives a process kill; busy_timeout waits out the domain's
  // own connection writing to the same file. cache_size in KiB (negative). journal_size_limit: the WAL file is
  // cut back to 256 MiB after a checkpoint has let it start over.
  db.exec(
    'PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000; ' +
      'PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY; PRAGMA journal_size_limit = 268435456; ' +
      `PRAGMA wal_autocheckpoint = ${options.externalCheckpoints === true ? 0 : 4096};`,
  );
  const arrays = (sql: string) => {
    const stmt = db.prepare(sql);
    stmt.setReturnArrays(true);
    return { all: (...params: SQLInputValue[]) => stmt.all(...params) as unknown as Rows };
  };

  const insertReadings = multiRow(
    db,
    `INSERT INTO ${READINGS} (${READING_COLUMNS.join(',')})`,
    'ON CONFLICT DO NOTHING',
    READING_WIDTH,
  );
  const insertOne = db.prepare(
    `INSERT INTO ${READINGS} (${READING_COLUMNS.join(',')}) VALUES (${READING_COLUMNS.map(() => '?').join(',')}) ` +
      'ON CONFLICT DO NOTHING',
  );
  const oneParams = new Array<SQLInputValue>(READING_WIDTH);
  const upsertLatest = multiRow(
    db,
    `INSERT INTO ${LATEST} (${LATEST_COLUMNS.join(',')})`,
    `ON CONFLICT (kind, target_id) DO UPDATE SET ${LATEST_COLUMNS.slice(2)
      .map((c) => `${c} = excluded.${c}`)
      .join(', ')}`,
    LATEST_WIDTH,
  );
  const markDirty = db.prepare(
    `INSERT INTO ${DIRTY} (level, bucket) VALUES (?, ?) ON CONFLICT (level, bucket) DO UPDATE SET gen = gen + 1`,
  );
  const listDirty = arrays(`SELECT bucket, gen FROM ${DIRTY} WHERE level = ? ORDER BY bucket`);
  const listDirtyIn = arrays(
    `SELECT bucket, gen FROM ${DIRTY} WHERE level = ? AND bucket > ? AND bucket < ? ORDER BY bucket`,
  );
  const dirtyBefore = db.prepare(`SELECT 1 FROM ${DIRTY} WHERE level = 0 AND bucket < ? LIMIT 1`);
  const clearDirty = db.prepare(`DELETE FROM ${DIRTY} WHERE level = ? AND bucket = ? AND gen = ?`);
  const rebuild = LEVELS.map((level) => ({
    remove: db.prepare(`DELETE FROM ${rollupTable(level)} WHERE bucket = ?`),
    compute: arrays(rollupSelectSql(level, () => '?')),
    insert: multiRow(
      db,
      `INSERT INTO ${rollupTable(level)} (${ROLLUP_ROW_COLUMNS.join(',')})`,
      '',
      ROLLUP_ROW_COLUMNS.length,
    ),
  }));
  // one process owns a SQLite file: writer 0
  const listReplay = arrays(`SELECT bucket FROM ${REPLAY} WHERE writer = 0 ORDER BY bucket`);
  const clearReplay = db.prepare(`DELETE FROM ${REPLAY} WHERE writer = 0`);
  const markReplay = db.prepare(
    `INSERT INTO ${REPLAY} (writer, bucket) VALUES (0, ?) ON CONFLICT DO NOTHING`,
  );
  const replayRead = arrays(
    `SELECT kind, target_id, ts, ${VALUE_COLUMNS.join(',')} FROM ${READINGS} WHERE ts >= ? AND ts < ?`,
  );
  const rawRead = arrays(rawSql(() => '?'));
  const purgeBound = db.prepare(`SELECT ts FROM ${READINGS} WHERE ts < ? ORDER BY ts LIMIT 1 OFFSET ?`);
  const purgeBefore = db.prepare(`DELETE FROM ${READINGS} WHERE ts < ?`);
  /** statements prepared on first use, by name */
  const statements = new Map<string, ReturnType<typeof arrays>>();
  const cached = (name: string, sql: () => string) => {
    let stmt = statements.get(name);
    if (!stmt) statements.set(name, (stmt = arrays(sql())));
    return stmt;
  };

  // The latest values live in memory and are authoritative here: merged on every commit, written to
  // telemetry_latest at most every LATEST_FLUSH_MS (one upsert per target then, not per batch). Until the flush
  // that covers it, every batch leaves replay marks of its 15-min buckets in its own transaction; loading merges
  // the raw rows of the marked buckets again (merging is idempotent), so a crash loses no latest value.
  let latest: Map<number, LatestState> | undefined;
  const unflushed = new Set<number>();
  const replayMarked = new Set<number>();
  let lastFlush = 0;
  let flushTimer: NodeJS.Timeout | undefined;

  function loadLatest(): Map<number, LatestState> {
    if (latest) return latest;
    const loaded = new Map<number, LatestState>();
    for (const row of arrays(`SELECT ${LATEST_COLUMNS.join(',')} FROM ${LATEST}`).all()) {
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

  /** writes every unflushed target and clears the replay marks; inside the caller's transaction */
  function flushInTransaction(cache: Map<number, LatestState>): void {
    writeLatest(cache, unflushed);
    clearReplay.run();
  }

  function flushNow(): void {
    if (flushTimer) clearTimeout(flushTimer);
    flushTimer = undefined;
    if (!latest || (unflushed.size === 0 && replayMarked.size === 0)) return;
    db.exec('BEGIN IMMEDIATE');
    try {
      flushInTransaction(latest);
      db.exec('COMMIT');
    } catch (error) {
      if (db.isTransaction) db.exec('ROLLBACK');
      throw error;
    }
    flushed();
  }

  function flushed(): void {
    unflushed.clear();
    replayMarked.clear();
    lastFlush = performance.now();
  }

  // refresh and purge yield between steps; one at a time
  let maintenance: Promise<unknown> = Promise.resolve();
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const run = maintenance.then(task, task);
    maintenance = run.catch(() => undefined);
    return run;
  };
  const yieldToIngest = () => new Promise<void>((resolve) => setImmediate(resolve));
  let closed = false;
  const open = () => {
    if (closed) throw new Error('telemetry store is closed');
  };

  /** the parameters of packed row `r` at `offset` of `params` (NaN values bound as NULL) */
  function fill(params: SQLInputValue[], offset: number, data: Float64Array, r: number): void {
    let k = offset;
    const o = r * STRIDE;
    params[k++] = data[o + TS] as number;
    params[k++] = data[o + KIND] as number;
    params[k++] = data[o + TARGET] as number;
    params[k++] = data[o + DEVICE] as number;
    params[k++] = data[o + RECEIVED] as number;
    for (let m = o + VALUES_AT; m < o + STRIDE; m++) {
      const v = data[m] as number;
      params[k++] = v === v ? v : null;
    }
  }

  /** key comparison of packed rows a and b: ts, kind, target, device */
  function compareRows(data: Float64Array, a: number, b: number): number {
    const x = a * STRIDE;
    const y = b * STRIDE;
    return (
      (data[x + TS] as number) - (data[y + TS] as number) ||
      (data[x + KIND] as number) - (data[y + KIND] as number) ||
      (data[x + TARGET] as number) - (data[y + TARGET] as number) ||
      (data[x + DEVICE] as number) - (data[y + DEVICE] as number)
    );
  }

  /**
   * Inserts in key order: readings of concurrent requests overlap in time, and sorted they land at the end
   * of the time-first key instead of splitting pages in the middle of it. The sort is stable (and quick on
   * the sorted runs a group commit is made of), so the first of equal rows in input order still wins;
   * flags come back in input order.
   */
  function insertSync(batch: ReadingBatch, touched?: Set<number>): Uint8Array {
    const { count: n, data } = batch;
    if (data.length < n * STRIDE) throw new RangeError('reading batch shorter than its count');
    for (let r = 0; r < n; r++) {
      const kind = data[r * STRIDE + KIND] as number;
      if (kind !== KIND_CODE.station && kind !== KIND_CODE.household) {
        throw new TypeError(`unknown target kind at row ${r}`);
      }
    }
    let sorted = true;
    for (let r = 1; r < n && sorted; r++) sorted = compareRows(data, r - 1, r) <= 0;
    const order = Array.from({ length: n }, (_, i) => i);
    if (!sorted) order.sort((a, b) => compareRows(data, a, b));
    return insertInKeyOrder(data, order, touched);
  }

  function insertInKeyOrder(data: Float64Array, order: readonly number[], touched?: Set<number>): Uint8Array {
    const n = order.length;
    const fresh = new Uint8Array(n);
    // merged into the cache in place; a rolled-back batch drops the cache (reloaded and replayed when needed)
    const cache = loadLatest();
    const buckets = new Set<number>();
    db.exec('BEGIN IMMEDIATE');
    try {
      for (let i = 0; i < n;) {
        const size = chunkSize(n - i, READING_CHUNK);
        const params = insertReadings.params(size);
        for (let k = 0; k < size; k++) fill(params, k * READING_WIDTH, data, order[i + k] as number);
        // Duplicates are rare: insert the chunk at once; only when some row was not new, undo the chunk and
        // insert it row by row to learn which (in key order, stable, so the first of equal rows wins).
        db.exec('SAVEPOINT chunk');
        if (insertReadings.run(size) === size) {
          for (let k = i; k < i + size; k++) fresh[order[k] as number] = 1;
        } else {
          db.exec('ROLLBACK TO chunk');
          for (let k = i; k < i + size; k++) {
            const r = order[k] as number;
            fill(oneParams, 0, data, r);
            fresh[r] = Number(insertOne.run(...oneParams).changes) === 1 ? 1 : 0;
          }
        }
        db.exec('RELEASE chunk');
        let lastBucket = NaN;
        for (let k = i; k < i + size; k++) {
          const r = order[k] as number;
          if (fresh[r] === 0) continue;
          const o = r * STRIDE;
          const ts = data[o + TS] as number;
          const key = latestKey(data[o + KIND] as number, data[o + TARGET] as number);
          let state = cache.get(key);
          if (!state) cache.set(key, (state = emptyLatest()));
          if (ts > state.ts) state.ts = ts;
          mergePacked(state.values, state.times, 0, ts, data, o + VALUES_AT);
          unflushed.add(key);
          touched?.add(key);
          const bucket = bucketOf(ts, BUCKET_MS);
          if (bucket !== lastBucket) buckets.add((lastBucket = bucket));
        }
        i += size;
      }
      const flush = performance.now() - lastFlush >= LATEST_FLUSH_MS;
      for (const bucket of [...buckets].sort((a, b) => a - b)) {
        markDirty.run(0, bucket);
        if (!flush && !replayMarked.has(bucket)) markReplay.run(bucket);
      }
      if (flush) flushInTransaction(cache);
      db.exec('COMMIT');
      if (flush) flushed();
      else {
        for (const bucket of buckets) replayMarked.add(bucket);
        flushTimer ??= setTimeout(flushSoon, LATEST_FLUSH_MS).unref();
      }
    } catch (error) {
      latest = undefined;
      if (db.isTransaction) db.exec('ROLLBACK');
      throw error;
    }
    return fresh;
  }

  /** a quiet moment after a batch: flush unless closed; a failure leaves the marks for the next try */
  function flushSoon(): void {
    flushTimer = undefined;
    if (closed) return;
    try {
      flushNow();
    } catch {
      flushTimer = setTimeout(flushSoon, LATEST_FLUSH_MS).unref();
    }
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
        for (let m = 0; m < METRIC_COUNT; m++) {
          params[k++] = s.times[m] === -Infinity ? null : (s.values[m] as number);
        }
        for (let m = 0; m < METRIC_COUNT; m++) {
          params[k++] = s.times[m] === -Infinity ? null : (s.times[m] as number);
        }
      }
      upsertLatest.run(size);
      i += size;
    }
  }

  async function refreshRollups(range?: TimeRange): Promise<number> {
    let done = 0;
    for (let li = 0; li < LEVELS.length; li++) {
      const ms = ROLLUP_MS[LEVELS[li] as RollupLevel];
      const parent = LEVELS[li + 1];
      // a bucket overlaps the range when it ends after its start and begins before its end
      const marks = range ? listDirtyIn.all(li, range.fromMs - ms, range.toMs) : listDirty.all(li);
      for (const [bucketValue, gen] of marks) {
        open();
        const bucket = Number(bucketValue);
        const step = rebuild[li] as (typeof rebuild)[number];
        // computed outside the write transaction (a read does not hold up the writer), written in a short one
        const rows = step.compute.all(bucket, bucket, bucket + ms);
        db.exec('BEGIN IMMEDIATE');
        try {
          step.remove.run(bucket);
          for (let i = 0; i < rows.length;) {
            const size = chunkSize(rows.length - i, ROLLUP_CHUNK);
            const params = step.insert.params(size);
            let k = 0;
            for (let r = i; r < i + size; r++)
              for (const v of rows[r] as unknown[]) params[k++] = v as SQLInputValue;
            step.insert.run(size);
            i += size;
          }
          // a mark re-set by an insert since the listing has a new gen and stays for the next refresh
          clearDirty.run(li, bucket, gen as SQLInputValue);
          if (parent) markDirty.run(li + 1, rollupBucket(bucket, parent, dayOffsetMs));
          db.exec('COMMIT');
        } catch (error) {
          if (db.isTransaction) db.exec('ROLLBACK');
          throw error;
        }
        done++;
        await yieldToIngest();
      }
    }
    return done;
  }

  /** the latest states of the given targets, packed (telemetry-store.schema.ts: packLatestState) */
  function packStates(keys: Iterable<number>): Float64Array {
    const cache = loadLatest();
    const list = [...keys];
    const packed = new Float64Array(list.length * LATEST_STATE_WIDTH);
    let at = 0;
    for (const key of list) at = packLatestState(packed, at, key, cache.get(key) as LatestState);
    return packed;
  }

  async function purgeRaw(beforeMs: number): Promise<number> {
    // Roll up what is still dirty before its raw rows go: a bucket is always rebuilt from raw.
    if (dirtyBefore.get(beforeMs)) await refreshRollups();
    let removed = 0;
    for (;;) {
      open();
      const bound = purgeBound.get(beforeMs, PURGE_STEP - 1) as { ts: SQLOutputValue } | undefined;
      // ts + 1 ≤ beforeMs, and > the step's first row, so every step makes progress
      removed += Number(purgeBefore.run(bound ? Number(bound.ts) + 1 : beforeMs).changes);
      if (!bound) return removed;
      await yieldToIngest();
    }
  }

  return {
    async insertBatch(batch) {
      open();
      if (batch.count === 0) return new Uint8Array(0);
      return insertSync(batch);
    },

    async insertReturningLatest(batch) {
      open();
      const touched = new Set<number>();
      const flags = batch.count === 0 ? new Uint8Array(0) : insertSync(batch, touched);
      return { flags, latest: packStates(touched) };
    },

    async latest(kind: TargetKind, targetIds?: readonly number[]) {
      open();
      return latestRecords(loadLatest(), kind, targetIds);
    },

    async latestStates() {
      open();
      return packStates(loadLatest().keys());
    },

    async raw(kind, targetId, fromMs, toMs, limit) {
      open();
      const code = KIND_CODE[kind];
      return rawRead.all(fromMs, toMs, code, targetId, limit).map((row) => ({
        kind,
        targetId,
        deviceId: Number(row[1]),
        ts: Number(row[0]),
        receivedAt: Number(row[2]),
        values: row.slice(3).map((v) => (v === null ? null : Number(v))),
      }));
    },

    async series(level: RollupLevel, kind: TargetKind, targetId: number, metric: MetricKey, fromMs, toMs) {
      open();
      const stmt = cached(`series:${level}:${metric}`, () => seriesSql(level, metric, () => '?'));
      return stmt.all(KIND_CODE[kind], targetId, fromMs, toMs).map((row): RollupRow => ({
        bucket: Number(row[0]),
        min: Number(row[1]),
        max: Number(row[2]),
        mean: Number(row[3]) / Number(row[4]),
        count: Number(row[4]),
      }));
    },

    async bucketCounts(level: RollupLevel, kind: TargetKind, fromMs: number, toMs: number) {
      open();
      const rows = cached(`counts:${level}`, () => bucketCountsSql(level, () => '?')).all(
        KIND_CODE[kind],
        fromMs,
        toMs,
      );
      return new Map(rows.map((row) => [Number(row[0]), Number(row[1])]));
    },

    async flatPoints(kind: TargetKind, fromMs: number, toMs: number, minReadings: number) {
      open();
      const rows = cached('flat', () => flatPointsSql((i) => `?${i}`)).all(
        KIND_CODE[kind],
        fromMs,
        toMs,
        minReadings,
      );
      return new Map(rows.map((row) => [Number(row[0]), Number(row[1])]));
    },

    refreshRollups: (range) => serial(() => refreshRollups(range)),
    purgeRaw: (beforeMs) => serial(() => purgeRaw(beforeMs)),

    async close() {
      if (closed) return;
      await maintenance.catch(() => undefined);
      closed = true;
      try {
        flushNow();
      } catch {
        // nothing lost: the replay marks stay and the next open merges their readings again
      } finally {
        db.close();
      }
    },
  };
}
