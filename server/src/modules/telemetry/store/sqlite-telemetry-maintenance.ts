// The SQLite engine's rollups and retention: dirty buckets rebuilt exactly (15 min from raw, hour from 15 min,
// day from hour), raw readings purged in steps; both yield between steps so ingest interleaves, one at a time.
import type { DatabaseSync, SQLInputValue, SQLOutputValue } from 'node:sqlite';
import { ROLLUP_MS, type RollupLevel, type TimeRange } from '../telemetry.store.ts';
import {
  DIRTY,
  LEVELS,
  READINGS,
  ROLLUP_ROW_COLUMNS,
  rollupBucket,
  rollupSelectSql,
  rollupTable,
} from './telemetry-store.schema.ts';
import {
  MARK_DIRTY_SQL,
  arrays,
  chunkSize,
  inTransaction,
  multiRow,
  type Rows,
} from './sqlite-telemetry-sql.ts';

/** rollup rows (63 columns) per multi-row INSERT */
const ROLLUP_CHUNK = 64;
/** rows deleted per purge step, so ingest interleaves with a long purge */
const PURGE_STEP = 50_000;

const yieldToIngest = () => new Promise<void>((resolve) => setImmediate(resolve));

export function createSqliteMaintenance(
  db: DatabaseSync,
  options: { dayOffsetMs: number; open: () => void },
) {
  const markDirty = db.prepare(MARK_DIRTY_SQL);
  const listDirty = arrays(db, `SELECT bucket, gen FROM ${DIRTY} WHERE level = ? ORDER BY bucket`);
  const listDirtyIn = arrays(
    db,
    `SELECT bucket, gen FROM ${DIRTY} WHERE level = ? AND bucket > ? AND bucket < ? ORDER BY bucket`,
  );
  const dirtyBefore = db.prepare(`SELECT 1 FROM ${DIRTY} WHERE level = 0 AND bucket < ? LIMIT 1`);
  const clearDirty = db.prepare(`DELETE FROM ${DIRTY} WHERE level = ? AND bucket = ? AND gen = ?`);
  const rebuild = LEVELS.map((level) => ({
    remove: db.prepare(`DELETE FROM ${rollupTable(level)} WHERE bucket = ?`),
    compute: arrays(
      db,
      rollupSelectSql(level, () => '?'),
    ),
    insert: multiRow(
      db,
      `INSERT INTO ${rollupTable(level)} (${ROLLUP_ROW_COLUMNS.join(',')})`,
      '',
      ROLLUP_ROW_COLUMNS.length,
    ),
  }));
  const purgeBound = db.prepare(`SELECT ts FROM ${READINGS} WHERE ts < ? ORDER BY ts LIMIT 1 OFFSET ?`);
  const purgeBefore = db.prepare(`DELETE FROM ${READINGS} WHERE ts < ?`);

  /** rebuilds one bucket of level `li` from the level below (or raw) and clears its mark of generation `gen` */
  function rebuildBucket(li: number, bucket: number, gen: SQLInputValue): void {
    const ms = ROLLUP_MS[LEVELS[li] as RollupLevel];
    const parent = LEVELS[li + 1];
    const step = rebuild[li] as (typeof rebuild)[number];
    // computed outside the write transaction (a read does not hold up the writer), written in a short one
    const rows: Rows = step.compute.all(bucket, bucket, bucket + ms);
    inTransaction(db, () => {
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
      clearDirty.run(li, bucket, gen);
      if (parent) markDirty.run(li + 1, rollupBucket(bucket, parent, options.dayOffsetMs));
    });
  }

  async function refreshRollups(range?: TimeRange): Promise<number> {
    let done = 0;
    for (let li = 0; li < LEVELS.length; li++) {
      const ms = ROLLUP_MS[LEVELS[li] as RollupLevel];
      // a bucket overlaps the range when it ends after its start and begins before its end
      const marks = range ? listDirtyIn.all(li, range.fromMs - ms, range.toMs) : listDirty.all(li);
      for (const [bucket, gen] of marks) {
        options.open();
        rebuildBucket(li, Number(bucket), gen as SQLInputValue);
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
      options.open();
      const bound = purgeBound.get(beforeMs, PURGE_STEP - 1) as { ts: SQLOutputValue } | undefined;
      // ts + 1 ≤ beforeMs, and > the step's first row, so every step makes progress
      removed += Number(purgeBefore.run(bound ? Number(bound.ts) + 1 : beforeMs).changes);
      if (!bound) return removed;
      await yieldToIngest();
    }
  }

  // refresh and purge yield between steps; one at a time
  let maintenance: Promise<unknown> = Promise.resolve();
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const run = maintenance.then(task, task);
    maintenance = run.catch(() => undefined);
    return run;
  };

  return {
    refreshRollups: (range?: TimeRange) => serial(() => refreshRollups(range)),
    purgeRaw: (beforeMs: number) => serial(() => purgeRaw(beforeMs)),
    /** resolves once the maintenance running now has ended */
    idle: () => maintenance.catch(() => undefined),
  };
}
