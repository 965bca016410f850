// The SQLite engine's insert: one transaction per batch, rows in key order through multi-row statements, the
// latest values merged, the touched rollup buckets marked dirty.
import type { DatabaseSync, SQLInputValue } from 'node:sqlite';
import { checkBatch, compareRowKeys, rowFields, rowTs, type ReadingBatch } from '../reading-batch.ts';
import { BUCKET_MS, READINGS, READING_COLUMNS, bucketOf } from './telemetry-store.schema.ts';
import { MARK_DIRTY_SQL, chunkSize, inTransaction, multiRow } from './sqlite-telemetry-sql.ts';
import type { SqliteLatest } from './sqlite-telemetry-latest.ts';

/** rows per multi-row INSERT; a power of two so a remainder splits into few cached statement sizes */
const READING_CHUNK = 256;
const READING_WIDTH = READING_COLUMNS.length;

export function createSqliteWriter(db: DatabaseSync, latest: SqliteLatest) {
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
  const markDirty = db.prepare(MARK_DIRTY_SQL);

  /**
   * Inserts rows `order[i, i + size)` as one chunk and sets their flags. Duplicates are rare: the chunk goes in
   * at once; only when some row was not new, the chunk is undone and inserted row by row to learn which (in key
   * order, stable, so the first of equal rows wins).
   */
  function insertChunk(
    data: Float64Array,
    order: readonly number[],
    i: number,
    size: number,
    fresh: Uint8Array,
  ) {
    const params = insertReadings.params(size);
    for (let k = 0; k < size; k++) rowFields(data, order[i + k] as number, params, k * READING_WIDTH);
    db.exec('SAVEPOINT chunk');
    if (insertReadings.run(size) === size) {
      for (let k = i; k < i + size; k++) fresh[order[k] as number] = 1;
    } else {
      db.exec('ROLLBACK TO chunk');
      for (let k = i; k < i + size; k++) {
        const r = order[k] as number;
        rowFields(data, r, oneParams, 0);
        fresh[r] = Number(insertOne.run(...oneParams).changes) === 1 ? 1 : 0;
      }
    }
    db.exec('RELEASE chunk');
  }

  function insertInKeyOrder(data: Float64Array, order: readonly number[], touched?: Set<number>): Uint8Array {
    const n = order.length;
    const fresh = new Uint8Array(n);
    // merged into the cache in place; a rolled-back batch drops the cache (reloaded and replayed when needed)
    const cache = latest.load();
    const buckets = new Set<number>();
    try {
      const flushing = inTransaction(db, () => {
        for (let i = 0; i < n;) {
          const size = chunkSize(n - i, READING_CHUNK);
          insertChunk(data, order, i, size, fresh);
          let lastBucket = NaN;
          for (let k = i; k < i + size; k++) {
            const r = order[k] as number;
            if (fresh[r] === 0) continue;
            const ts = rowTs(data, r);
            const key = latest.merge(cache, data, r, ts);
            touched?.add(key);
            const bucket = bucketOf(ts, BUCKET_MS);
            if (bucket !== lastBucket) buckets.add((lastBucket = bucket));
          }
          i += size;
        }
        const flush = latest.flushDue();
        for (const bucket of [...buckets].sort((a, b) => a - b)) {
          markDirty.run(0, bucket);
          if (!flush) latest.markReplay(bucket);
        }
        if (flush) latest.flushInTransaction(cache);
        return flush;
      });
      latest.committed(flushing, buckets);
    } catch (error) {
      latest.drop();
      throw error;
    }
    return fresh;
  }

  return {
    /**
     * Inserts in key order: readings of concurrent requests overlap in time, and sorted they land at the end
     * of the time-first key instead of splitting pages in the middle of it. The sort is stable (and quick on
     * the sorted runs a group commit is made of), so the first of equal rows in input order still wins;
     * flags come back in input order.
     */
    insert(batch: ReadingBatch, touched?: Set<number>): Uint8Array {
      checkBatch(batch);
      const { count: n, data } = batch;
      let sorted = true;
      for (let r = 1; r < n && sorted; r++) sorted = compareRowKeys(data, r - 1, r) <= 0;
      const order = Array.from({ length: n }, (_, i) => i);
      if (!sorted) order.sort((a, b) => compareRowKeys(data, a, b));
      return insertInKeyOrder(data, order, touched);
    },
  };
}
