// The SQLite engine's rollups and retention: dirty buckets rebuilt exactly (15 min from raw, hour from 15 min,
// day from hour), raw readings purged in steps; both yield between steps so ingest interleaves, one at a time.
import type { DatabaseSync, SQLInputValue, SQLOutputValue } from 'node:sqlite';
import { ROLLUP_MS, type RollupLevel, type TimeRange } from '../telemetry.store.ts';
import {
  DIRTY,
  LEVELS,
  READINGS,
  rollupBucket,
  rollupInsertSql,
  rollupTable,
} from './telemetry-store.schema.ts';
import { MARK_DIRTY_SQL, arrays, inTransaction } from './sqlite-telemetry-sql.ts';

/** buckets rebuilt per write transaction (a live refresh has a few; a seeded season thousands) */
const BUCKETS_PER_COMMIT = 16;
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
    insert: db.prepare(rollupInsertSql(level, () => '?')),
  }));
  const purgeBound = db.prepare(`SELECT ts FROM ${READINGS} WHERE ts < ? ORDER BY ts LIMIT 1 OFFSET ?`);
  const purgeBefore = db.prepare(`DELETE FROM ${READINGS} WHERE ts < ?`);

  /**
   * Rebuilds buckets of level `li` from the level below (or raw) with one INSERT … SELECT each, and clears their
   * marks of the listed generation, in one short write transaction: several buckets per commit when a full
   * refresh has many (a seeded season). The rows never cross into JavaScript.
   */
  function rebuildBuckets(li: number, marks: readonly unknown[][]): void {
    const ms = ROLLUP_MS[LEVELS[li] as RollupLevel];
    const parent = LEVELS[li + 1];
    const step = rebuild[li] as (typeof rebuild)[number];
    inTransaction(db, () => {
      for (const [at, gen] of marks) {
        const bucket = Number(at);
        step.remove.run(bucket);
        step.insert.run(bucket, bucket, bucket + ms);
        // a mark re-set by an insert since the listing has a new gen and stays for the next refresh
        clearDirty.run(li, bucket, gen as SQLInputValue);
        if (parent) markDirty.run(li + 1, rollupBucket(bucket, parent, options.dayOffsetMs));
      }
    });
  }

  async function refreshRollups(range?: TimeRange): Promise<number> {
    let done = 0;
    for (let li = 0; li < LEVELS.length; li++) {
      const ms = ROLLUP_MS[LEVELS[li] as RollupLevel];
      // a bucket overlaps the range when it ends after its start and begins before its end
      const marks = range ? listDirtyIn.all(li, range.fromMs - ms, range.toMs) : listDirty.all(li);
      for (let i = 0; i < marks.length; i += BUCKETS_PER_COMMIT) {
        options.open();
        const part = marks.slice(i, i + BUCKETS_PER_COMMIT);
        rebuildBuckets(li, part);
        done += part.length;
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
