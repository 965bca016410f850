// The PostgreSQL store's rollups and retention: dirty buckets rebuilt exactly, one at a time across processes;
// raw readings dropped a whole daily partition at a time, the boundary partition by DELETE.
import type pg from 'pg';
import { ROLLUP_MS, type RollupLevel, type TimeRange } from '../telemetry.store.ts';
import {
  DAY_MS,
  DIRTY,
  LATEST,
  LEVELS,
  READINGS,
  rollupBucket,
  rollupInsertSql,
  rollupTable,
} from './telemetry-store.schema.ts';
import { MARK_DIRTY, ROLLUP_LOCK, quote } from './postgres-telemetry-sql.ts';

export function createPgMaintenance(pool: pg.Pool, options: { dayOffsetMs: number; knownDays: Set<number> }) {
  /** rebuilds one bucket of level `li` and clears its mark of generation `gen`, in a transaction */
  async function rebuildBucket(
    client: pg.PoolClient,
    li: number,
    bucket: number,
    gen: number,
  ): Promise<void> {
    const level = LEVELS[li] as RollupLevel;
    const ms = ROLLUP_MS[level];
    const parent = LEVELS[li + 1];
    await client.query('BEGIN');
    try {
      // one rebuild at a time across processes; a rebuild repeated after another one is harmless
      await client.query(ROLLUP_LOCK);
      await client.query(`DELETE FROM ${rollupTable(level)} WHERE bucket = $1`, [bucket]);
      await client.query(
        rollupInsertSql(level, (i) => `$${i}::bigint`),
        [bucket, bucket, bucket + ms],
      );
      // a mark re-set by an insert since the listing has a new gen (and its row lock made us wait)
      await client.query(`DELETE FROM ${DIRTY} WHERE level = $1 AND bucket = $2 AND gen = $3`, [
        li,
        bucket,
        gen,
      ]);
      if (parent)
        await client.query(MARK_DIRTY, [li + 1, [rollupBucket(bucket, parent, options.dayOffsetMs)]]);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }

  async function refreshRollups(range?: TimeRange): Promise<number> {
    const client = await pool.connect();
    let done = 0;
    try {
      for (let li = 0; li < LEVELS.length; li++) {
        const ms = ROLLUP_MS[LEVELS[li] as RollupLevel];
        // a bucket overlaps the range when it ends after its start and begins before its end
        const marks = await client.query({
          text: range
            ? `SELECT bucket, gen FROM ${DIRTY} WHERE level = $1 AND bucket > $2 AND bucket < $3 ORDER BY bucket`
            : `SELECT bucket, gen FROM ${DIRTY} WHERE level = $1 ORDER BY bucket`,
          values: range ? [li, range.fromMs - ms, range.toMs] : [li],
          rowMode: 'array',
        });
        for (const [bucket, gen] of marks.rows as [number, number][]) {
          await rebuildBucket(client, li, bucket, gen);
          done++;
        }
      }
    } finally {
      client.release();
    }
    return done;
  }

  /** counts and drops one partition; its row count */
  async function dropPartition(name: string): Promise<number> {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const counted = await client.query<{ n: number }>(`SELECT count(*) AS n FROM ${quote(name)}`);
      await client.query(`DROP TABLE ${quote(name)}`);
      await client.query('COMMIT');
      return Number(counted.rows[0]?.n ?? 0);
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
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
      removed += await dropPartition(name);
      options.knownDays.delete(Math.floor(Number(range[1]) / DAY_MS));
    }
    // the boundary partition
    const deleted = await pool.query(`DELETE FROM ${READINGS} WHERE ts < $1`, [beforeMs]);
    return removed + (deleted.rowCount ?? 0);
  }

  /** planner statistics of the readings and rollups after a bulk load (autovacuum would catch up only later) */
  async function analyze(): Promise<void> {
    await pool.query(`ANALYZE ${[READINGS, LATEST, ...LEVELS.map(rollupTable)].join(', ')}`);
  }

  return { refreshRollups, purgeRaw, analyze };
}
