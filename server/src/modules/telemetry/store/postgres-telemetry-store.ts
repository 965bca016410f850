// The PostgreSQL TelemetryStore: binary COPY into daily ts partitions, latest values flushed and merged in SQL.
// Its parts: the insert (postgres-telemetry-writer.ts), the latest values (postgres-telemetry-latest.ts),
// rollups and retention (postgres-telemetry-maintenance.ts), reads (postgres-telemetry-reads.ts).
import { randomInt } from 'node:crypto';
import pg from 'pg';
import type { TelemetryStore, StoreOptions } from '../telemetry.store.ts';
import { lane } from './postgres-telemetry-sql.ts';
import { createPgLatest } from './postgres-telemetry-latest.ts';
import { createPgWriter } from './postgres-telemetry-writer.ts';
import { createPgMaintenance } from './postgres-telemetry-maintenance.ts';
import { createPgReads } from './postgres-telemetry-reads.ts';

const INT8_OID = 20;

function clientConfig(url: string, schema: string): pg.ClientConfig {
  return {
    connectionString: url,
    types: {
      // ts and counts arrive as int8; epoch ms and counts fit a JS number
      getTypeParser: (oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format),
    } as pg.CustomTypesConfig,
    options: `-c search_path=${schema}`,
  };
}

export async function createPostgresTelemetryStore(
  url: string,
  schema: string,
  options: StoreOptions = {},
): Promise<TelemetryStore> {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`invalid schema name ${schema}`);
  const config = clientConfig(url, schema);
  const pool = new pg.Pool({ ...config, max: 4 });
  pool.on('error', () => undefined); // an idle client lost; the pool replaces it

  // one writer connection: batches go one after another; refresh and purge likewise among themselves
  const writes = lane();
  const maintenanceLane = lane();
  let closed = false;
  const open = () => {
    if (closed) throw new Error('telemetry store is closed');
  };
  const writerId = randomInt(1, 2 ** 31 - 1);
  const lost = new WeakSet<pg.Client>();
  const knownDays = new Set<number>();
  const latest = createPgLatest({
    writerId,
    lost,
    options,
    isClosed: () => closed,
    flushInLane: () =>
      writes(async () => {
        const client = await writer.connect();
        await latest.settle(client);
        await latest.flush(client);
      }),
  });
  const writer = createPgWriter({ config, writerId, lost, knownDays, latest });
  const maintenance = createPgMaintenance(pool, { dayOffsetMs: options.dayOffsetMs ?? 0, knownDays });
  const reads = createPgReads(pool, latest);

  try {
    // fail fast when the server is unreachable; take over what dead writers left
    await writes(async () => latest.settle(await writer.connect()));
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }

  return {
    async insertBatch(batch) {
      open();
      if (batch.count === 0) return new Uint8Array(0);
      return writes(() => writer.insertBatch(batch));
    },
    async latest(kind, targetIds) {
      open();
      return reads.latest(kind, targetIds);
    },
    async raw(kind, targetId, fromMs, toMs, limit) {
      open();
      return reads.raw(kind, targetId, fromMs, toMs, limit);
    },
    async series(level, kind, targetId, metric, fromMs, toMs) {
      open();
      return reads.series(level, kind, targetId, metric, fromMs, toMs);
    },
    async bucketCounts(level, kind, fromMs, toMs) {
      open();
      return reads.bucketCounts(level, kind, fromMs, toMs);
    },
    async flatPoints(kind, fromMs, toMs, minReadings) {
      open();
      return reads.flatPoints(kind, fromMs, toMs, minReadings);
    },
    refreshRollups: (range) => (open(), maintenanceLane(() => maintenance.refreshRollups(range))),
    purgeRaw: (beforeMs) => (open(), maintenanceLane(() => maintenance.purgeRaw(beforeMs))),
    settle: () => (open(), maintenanceLane(() => maintenance.analyze())),

    async close() {
      if (closed) return;
      closed = true;
      latest.stopTimer();
      try {
        // a failed last flush loses nothing: the replay marks stay and the next writer takes them over
        await writes(async () => {
          const client = writer.current();
          if (latest.size === 0 || !client) return;
          await latest.settle(client);
          await latest.flush(client);
        }).catch(() => undefined);
      } finally {
        await maintenanceLane(async () => undefined);
        await writer.end();
        await pool.end();
      }
    },
  };
}
