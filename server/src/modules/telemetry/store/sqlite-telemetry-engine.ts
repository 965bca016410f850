// The SQLite TelemetryStore engine: its own node:sqlite connection, multi-row prepared inserts, latest values in
// memory. It runs wherever it is created: inside the store's worker thread in the server, in process for the
// benchmark's reference. Its parts: the insert (sqlite-telemetry-writer.ts), the latest values
// (sqlite-telemetry-latest.ts), rollups and retention (sqlite-telemetry-maintenance.ts), reads
// (sqlite-telemetry-reads.ts).
import { DatabaseSync } from 'node:sqlite';
import type { StoreOptions, TelemetryStore } from '../telemetry.store.ts';
import type { ReadingBatch } from '../reading-batch.ts';
import { createSqliteLatest } from './sqlite-telemetry-latest.ts';
import { createSqliteWriter } from './sqlite-telemetry-writer.ts';
import { createSqliteMaintenance } from './sqlite-telemetry-maintenance.ts';
import { createSqliteReads } from './sqlite-telemetry-reads.ts';

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

function openDatabase(file: string, options: EngineOptions): DatabaseSync {
  const db = new DatabaseSync(file);
  // WAL + synchronous=NORMAL: a committed batch survives a process kill; busy_timeout waits out the domain's
  // own connection writing to the same file. cache_size in KiB (negative). journal_size_limit: the WAL file is
  // cut back to 256 MiB after a checkpoint has let it start over. busy_timeout first: two engines (writer and
  // reader worker) opening the file at once must wait for each other's lock, not fail.
  db.exec(
    'PRAGMA busy_timeout = 5000; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; ' +
      'PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY; PRAGMA journal_size_limit = 268435456; ' +
      `PRAGMA wal_autocheckpoint = ${options.externalCheckpoints === true ? 0 : 4096};`,
  );
  return db;
}

export function createSqliteTelemetryEngine(
  file: string,
  options: EngineOptions = {},
): SqliteTelemetryEngine {
  const db = openDatabase(file, options);
  let closed = false;
  const open = () => {
    if (closed) throw new Error('telemetry store is closed');
  };
  const latest = createSqliteLatest(db, () => closed);
  const writer = createSqliteWriter(db, latest);
  const maintenance = createSqliteMaintenance(db, { dayOffsetMs: options.dayOffsetMs ?? 0, open });
  const reads = createSqliteReads(db);

  return {
    async insertBatch(batch) {
      open();
      if (batch.count === 0) return new Uint8Array(0);
      return writer.insert(batch);
    },

    async insertReturningLatest(batch) {
      open();
      const touched = new Set<number>();
      const flags = batch.count === 0 ? new Uint8Array(0) : writer.insert(batch, touched);
      return { flags, latest: latest.packStates(touched) };
    },

    async latest(kind, targetIds) {
      open();
      return latest.records(kind, targetIds);
    },

    async latestStates() {
      open();
      return latest.packStates();
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

    refreshRollups: maintenance.refreshRollups,
    purgeRaw: maintenance.purgeRaw,

    async settle() {
      open();
      // TRUNCATE waits (busy_timeout) for readers to finish with old frames, then empties the log
      db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    },

    async close() {
      if (closed) return;
      await maintenance.idle();
      closed = true;
      try {
        latest.flushNow();
      } catch {
        // nothing lost: the replay marks stay and the next open merges their readings again
      } finally {
        db.close();
      }
    },
  };
}
