// The SQLite TelemetryStore: its own node:sqlite connection, multi-row prepared inserts, latest values in memory.
import { DatabaseSync, type SQLInputValue, type SQLOutputValue, type StatementSync } from 'node:sqlite';
import type { MetricKey } from '@hearth/contracts/telemetry';
import {
  ROLLUP_MS,
  type LatestRecord,
  type RollupLevel,
  type RollupRow,
  type StoredReading,
  type TargetKind,
  type TelemetryStore,
  type StoreOptions,
} from '../telemetry.store.ts';
import {
  BUCKET_MS,
  DIRTY,
  KIND_CODE,
  LATEST,
  LATEST_COLUMNS,
  LATEST_FLUSH_MS,
  LEVELS,
  METRIC_COUNT,
  READINGS,
  READING_COLUMNS,
  REPLAY,
  VALUE_COLUMNS,
  bucketOf,
  rollupBucket,
  emptyLatest,
  latestFromRow,
  latestKey,
  mergeLatest,
  rawSql,
  rollupInsertSql,
  rollupTable,
  seriesSql,
  bucketCountsSql,
  toLatestRecord,
  type LatestState,
} from './telemetry-store.schema.ts';

/** rows per multi-row INSERT; a power of two so a remainder splits into few cached statement sizes */
const READING_CHUNK = 256;
const LATEST_CHUNK = 64;
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

export function createSqliteTelemetryStore(file: string, options: StoreOptions = {}): TelemetryStore {
  const dayOffsetMs = options.dayOffsetMs ?? 0;
  const db = new DatabaseSync(file);
  // WAL + synchronous=NORMAL: a committed batch survives a process kill; busy_timeout waits out the domain's
  // own connection writing to the same file. cache_size in KiB (negative).
  db.exec(
    'PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000; ' +
      'PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY; PRAGMA wal_autocheckpoint = 4096;',
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
  const dirtyBefore = db.prepare(`SELECT 1 FROM ${DIRTY} WHERE level = 0 AND bucket < ? LIMIT 1`);
  const clearDirty = db.prepare(`DELETE FROM ${DIRTY} WHERE level = ? AND bucket = ? AND gen = ?`);
  const rebuild = LEVELS.map((level) => ({
    remove: db.prepare(`DELETE FROM ${rollupTable(level)} WHERE bucket = ?`),
    insert: db.prepare(rollupInsertSql(level, () => '?')),
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
  const seriesStatements = new Map<string, ReturnType<typeof arrays>>();

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

  function fill(params: SQLInputValue[], offset: number, row: StoredReading, kind: number): void {
    let k = offset;
    params[k++] = row.ts;
    params[k++] = kind;
    params[k++] = row.targetId;
    params[k++] = row.deviceId;
    params[k++] = row.receivedAt;
    const values = row.values;
    for (let m = 0; m < METRIC_COUNT; m++) params[k++] = values[m] ?? null;
  }

  /**
   * Inserts in key order: readings of concurrent requests overlap in time, and sorted they land at the end
   * of the time-first key instead of splitting pages in the middle of it. The sort is stable, so the first
   * of equal rows in input order still wins; results come back in input order.
   */
  function insertSync(input: readonly StoredReading[]): boolean[] {
    const order = Array.from(input.keys()).sort((a, b) => {
      const x = input[a] as StoredReading;
      const y = input[b] as StoredReading;
      return (
        x.ts - y.ts ||
        KIND_CODE[x.kind] - KIND_CODE[y.kind] ||
        x.targetId - y.targetId ||
        x.deviceId - y.deviceId
      );
    });
    const sortedFresh = insertInKeyOrder(order.map((i) => input[i] as StoredReading));
    const fresh = new Array<boolean>(input.length);
    order.forEach((original, k) => (fresh[original] = sortedFresh[k] as boolean));
    return fresh;
  }

  function insertInKeyOrder(rows: readonly StoredReading[]): boolean[] {
    const n = rows.length;
    const fresh = new Array<boolean>(n).fill(false);
    const kinds = new Uint8Array(n);
    for (let r = 0; r < n; r++) {
      const code = KIND_CODE[(rows[r] as StoredReading).kind];
      if (code === undefined) throw new TypeError(`unknown target kind at row ${r}`);
      kinds[r] = code;
    }
    // merged into the cache in place; a rolled-back batch drops the cache (reloaded and replayed when needed)
    const cache = loadLatest();
    const buckets = new Set<number>();
    db.exec('BEGIN IMMEDIATE');
    try {
      for (let i = 0; i < n;) {
        const size = chunkSize(n - i, READING_CHUNK);
        const params = insertReadings.params(size);
        for (let r = 0; r < size; r++)
          fill(params, r * READING_WIDTH, rows[i + r] as StoredReading, kinds[i + r] as number);
        // Duplicates are rare: insert the chunk at once; only when some row was not new, undo the chunk and
        // insert it row by row to learn which (in input order, so the first of equal rows wins).
        db.exec('SAVEPOINT chunk');
        if (insertReadings.run(size) === size) fresh.fill(true, i, i + size);
        else {
          db.exec('ROLLBACK TO chunk');
          for (let r = i; r < i + size; r++) {
            fill(oneParams, 0, rows[r] as StoredReading, kinds[r] as number);
            fresh[r] = Number(insertOne.run(...oneParams).changes) === 1;
          }
        }
        db.exec('RELEASE chunk');
        let lastBucket = NaN;
        for (let r = i; r < i + size; r++) {
          if (!fresh[r]) continue;
          const row = rows[r] as StoredReading;
          const key = latestKey(kinds[r] as number, row.targetId);
          let state = cache.get(key);
          if (!state) cache.set(key, (state = emptyLatest()));
          mergeLatest(state, row.ts, row.values);
          unflushed.add(key);
          const bucket = bucketOf(row.ts, BUCKET_MS);
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

  async function refreshRollups(): Promise<number> {
    let done = 0;
    for (let li = 0; li < LEVELS.length; li++) {
      const ms = ROLLUP_MS[LEVELS[li] as RollupLevel];
      const parent = LEVELS[li + 1];
      for (const [bucketValue, gen] of listDirty.all(li)) {
        open();
        const bucket = Number(bucketValue);
        const step = rebuild[li] as (typeof rebuild)[number];
        db.exec('BEGIN IMMEDIATE');
        try {
          step.remove.run(bucket);
          step.insert.run(bucket, bucket, bucket + ms);
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
    async insertBatch(rows) {
      open();
      if (rows.length === 0) return [];
      return insertSync(rows);
    },

    async latest(kind: TargetKind, targetIds?: readonly number[]) {
      open();
      const code = KIND_CODE[kind];
      const cache = loadLatest();
      const out = new Map<number, LatestRecord>();
      if (targetIds) {
        for (const id of targetIds) {
          const s = cache.get(latestKey(code, id));
          if (s) out.set(id, toLatestRecord(s));
        }
      } else {
        for (const [key, s] of cache) {
          const id = key - code * 4_294_967_296;
          if (id >= 0 && id < 4_294_967_296) out.set(id, toLatestRecord(s));
        }
      }
      return out;
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
      const name = `${level}:${metric}`;
      let stmt = seriesStatements.get(name);
      if (!stmt) seriesStatements.set(name, (stmt = arrays(seriesSql(level, metric, () => '?'))));
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
      const rows = arrays(bucketCountsSql(level, () => '?')).all(KIND_CODE[kind], fromMs, toMs);
      return new Map(rows.map((row) => [Number(row[0]), Number(row[1])]));
    },

    refreshRollups: () => serial(refreshRollups),
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
