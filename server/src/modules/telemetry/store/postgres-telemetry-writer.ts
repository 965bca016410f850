// The PostgreSQL store's insert: one writer connection, binary COPY into daily ts partitions (created on
// demand), duplicates learned through a staging table only when the key refuses a row, latest values merged.
import pg from 'pg';
import {
  checkBatch,
  rowDevice,
  rowKeyText,
  rowKind,
  rowReceived,
  rowTarget,
  rowTs,
  rowValue,
  METRIC_COUNT,
  type ReadingBatch,
} from '../reading-batch.ts';
import { BinaryCopy, copyInto } from './pg-binary-copy.ts';
import { BUCKET_MS, DAY_MS, READINGS, READING_COLUMNS, bucketOf } from './telemetry-store.schema.ts';
import {
  CREATE_STAGES,
  INSERT_READINGS,
  MARK_DIRTY,
  MAX_TS,
  STAGE,
  WRITER_LOCK_CLASS,
  dayName,
  errorCode,
  type Rows,
} from './postgres-telemetry-sql.ts';
import type { PgLatest } from './postgres-telemetry-latest.ts';

export type PgWriterDeps = {
  config: pg.ClientConfig;
  writerId: number;
  /** clients whose connection failed; a new writer client replaces one */
  lost: WeakSet<pg.Client>;
  /** days whose partition exists (retention elsewhere may drop one: see insertBatch) */
  knownDays: Set<number>;
  latest: PgLatest;
};

/** the batch in binary COPY form, with the row's input index first when `seq` */
function encodeReadings(batch: ReadingBatch, seq: boolean): Buffer {
  const { count: n, data } = batch;
  const copy = new BinaryCopy();
  const fields = READING_COLUMNS.length + (seq ? 1 : 0);
  for (let r = 0; r < n; r++) {
    copy.tuple(fields);
    if (seq) copy.int4(r);
    copy.int8(rowTs(data, r));
    copy.int2(rowKind(data, r));
    copy.int4(rowTarget(data, r));
    copy.int4(rowDevice(data, r));
    copy.int8(rowReceived(data, r));
    for (let m = 0; m < METRIC_COUNT; m++) {
      const v = rowValue(data, r, m);
      if (v === v) copy.float8(v);
      else copy.null();
    }
  }
  return copy.finish();
}

/** the UTC days of the batch's rows */
function daysOf(batch: ReadingBatch): Set<number> {
  const days = new Set<number>();
  let lastDay = NaN;
  for (let r = 0; r < batch.count; r++) {
    const day = Math.floor(rowTs(batch.data, r) / DAY_MS);
    if (day !== lastDay) days.add((lastDay = day));
  }
  return days;
}

export function createPgWriter(deps: PgWriterDeps) {
  const { lost, knownDays, latest } = deps;
  let writer: pg.Client | undefined;

  async function connect(): Promise<pg.Client> {
    if (writer && !lost.has(writer)) return writer;
    if (writer) void writer.end().catch(() => undefined);
    writer = undefined;
    const client = new pg.Client(deps.config);
    client.on('error', () => lost.add(client));
    await client.connect();
    for (const sql of CREATE_STAGES) await client.query(sql);
    await client.query(`SELECT pg_advisory_lock(${WRITER_LOCK_CLASS}, $1)`, [deps.writerId]);
    writer = client;
    latest.reconnected();
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

  /**
   * Stores the rows; 1 per new row, 0 per duplicate. Duplicates are rare: COPY straight into the table; only
   * when the key refuses a row, undo that and go through the staging table with ON CONFLICT DO NOTHING to learn
   * which rows were new.
   */
  async function storeRows(client: pg.Client, batch: ReadingBatch): Promise<Uint8Array> {
    const n = batch.count;
    await client.query('SAVEPOINT batch');
    try {
      await copyInto(client, `${READINGS} (${READING_COLUMNS.join(', ')})`, encodeReadings(batch, false));
      return new Uint8Array(n).fill(1);
    } catch (error) {
      // 23505 unique violation; 40P01 deadlock with another writer inserting the same keys
      const code = errorCode(error);
      if (code !== '23505' && code !== '40P01') throw error;
      await client.query('ROLLBACK TO SAVEPOINT batch');
      await copyInto(client, STAGE, encodeReadings(batch, true));
      const returned = await client.query({ text: INSERT_READINGS, rowMode: 'array' });
      const keys = new Set((returned.rows as Rows).map((k) => k.join(':')));
      const fresh = new Uint8Array(n);
      for (let r = 0; r < n; r++) fresh[r] = keys.delete(rowKeyText(batch.data, r)) ? 1 : 0;
      return fresh;
    }
  }

  /** merges the new rows into the latest values; the 15-min buckets they touch */
  function mergeFresh(batch: ReadingBatch, fresh: Uint8Array): Set<number> {
    const { count: n, data } = batch;
    const buckets = new Set<number>();
    let lastBucket = NaN;
    for (let r = 0; r < n; r++) {
      if (fresh[r] === 0) continue;
      const ts = rowTs(data, r);
      latest.merge(data, r, ts);
      const bucket = bucketOf(ts, BUCKET_MS);
      if (bucket !== lastBucket) buckets.add((lastBucket = bucket));
    }
    return buckets;
  }

  async function insertOnce(batch: ReadingBatch): Promise<Uint8Array> {
    const client = await connect();
    await latest.settle(client);
    await ensurePartitions(client, daysOf(batch));
    await client.query('BEGIN');
    try {
      const fresh = await storeRows(client, batch);
      latest.beginMerge();
      const buckets = mergeFresh(batch, fresh);
      const done = await latest.inTransaction(client, buckets);
      // last, so the hot mark rows stay locked only for the commit
      if (buckets.size > 0) await client.query(MARK_DIRTY, [0, [...buckets].sort((x, y) => x - y)]);
      await client.query('COMMIT');
      latest.committed(done);
      return fresh;
    } catch (error) {
      if (!lost.has(client)) await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }

  return {
    connect,
    /** the writer connection when it is up */
    current: () => (writer && !lost.has(writer) ? writer : undefined),
    /** ends the writer connection */
    end: async () => void (await writer?.end().catch(() => undefined)),

    async insertBatch(batch: ReadingBatch): Promise<Uint8Array> {
      checkBatch(batch, (ts) => ts >= 0 && ts < MAX_TS);
      try {
        return await insertOnce(batch);
      } catch (error) {
        // 23514: no partition for a row — a partition this process knew was dropped by retention elsewhere
        if (errorCode(error) !== '23514') throw error;
        knownDays.clear();
        return insertOnce(batch);
      }
    },
  };
}
