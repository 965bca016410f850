// The SQLite TelemetryStore as the server uses it, on three threads besides the event loop:
//  - the writer (an engine in a worker): inserts and the latest values, so inserts overlap with parsing;
//  - the reader (another engine, its own connection): raw reads, series, counts and the rollup and retention
//    work, so a long aggregate never holds up an insert (WAL lets it read while the writer writes);
//  - the checkpointer: copies the WAL into the database for every connection to the file.
// The file is the store's own (`hearth-telemetry.db` beside the domain's `hearth.db`): telemetry commits and
// domain transactions never wait for each other's write lock (decision record 0004).
// Batches cross as transferred buffers (no copy). A worker that dies fails its calls in flight (nothing of
// theirs was acknowledged) and is started again on the next call.
// The latest values are mirrored here: every insert answers with the new state of the targets it touched, so
// the live view reads them without waiting behind a commit (or a disk that stalls it).
import type { Worker } from 'node:worker_threads';
import type { CheckpointReport } from '../../../db/sqlite-checkpoint.worker.ts';
import { startCheckpointer } from '../../../db/sqlite-checkpointer.ts';
import type { ReadingBatch } from '../reading-batch.ts';
import type { StoreOptions, TelemetryStore } from '../telemetry.store.ts';
import { prepareSqliteTelemetryFile } from './sqlite-telemetry-file.ts';
import { createEngineChannel } from './sqlite-worker-channel.ts';
import { latestRecords, unpackLatestStates, type LatestState } from './telemetry-store.schema.ts';

export async function createSqliteTelemetryStore(
  file: string,
  options: StoreOptions = {},
  hooks: {
    /** sees every writer worker started (tests stop one to check recovery) */
    onWorker?: (worker: Worker) => void;
    onCheckpoint?: (report: CheckpointReport) => void;
    /** a domain file whose telemetry tables (an earlier version's) move into this store's file */
    adoptFrom?: string;
  } = {},
): Promise<TelemetryStore> {
  // the store's own file: its tables are migrated here (never by the domain migrations)
  await prepareSqliteTelemetryFile(file, hooks.adoptFrom);
  const engineOptions = { ...options, externalCheckpoints: true };
  const writer = createEngineChannel(file, engineOptions, hooks.onWorker);
  const reader = createEngineChannel(file, engineOptions);
  let closed = false;

  /** key → latest state, as of the writer generation it was loaded from */
  let mirror: { states: Map<number, LatestState>; generation: number } | undefined;
  let mirroring: Promise<Map<number, LatestState>> | undefined;

  function latestStates(): Promise<Map<number, LatestState>> {
    if (mirror && mirror.generation === writer.generation()) return Promise.resolve(mirror.states);
    mirroring ??= (async () => {
      await writer.ready();
      const generation = writer.generation();
      const states = new Map<number, LatestState>();
      unpackLatestStates(await writer.call<Float64Array>('latestStates', []), states);
      mirror = { states, generation };
      return states;
    })().finally(() => (mirroring = undefined));
    return mirroring;
  }

  async function insertBatch(batch: ReadingBatch): Promise<Uint8Array> {
    if (batch.count === 0) return new Uint8Array(0);
    const { flags, latest } = await writer.call<{ flags: Uint8Array; latest: Float64Array }>(
      'insertReturningLatest',
      [batch],
      [batch.data.buffer as ArrayBuffer],
    );
    // answers come in commit order, and a mirror being loaded holds every commit before its load
    if (mirror && mirror.generation === writer.generation()) unpackLatestStates(latest, mirror.states);
    return flags;
  }

  await Promise.all([writer.ready(), reader.ready()]);
  await latestStates();
  const checkpointer = startCheckpointer(file, { onReport: (r) => hooks.onCheckpoint?.(r) });

  return {
    insertBatch,
    latest: async (kind, targetIds) => latestRecords(await latestStates(), kind, targetIds),
    raw: (kind, targetId, fromMs, toMs, limit) => reader.call('raw', [kind, targetId, fromMs, toMs, limit]),
    series: (level, kind, targetId, metric, fromMs, toMs) =>
      reader.call('series', [level, kind, targetId, metric, fromMs, toMs]),
    bucketCounts: (level, kind, fromMs, toMs) => reader.call('bucketCounts', [level, kind, fromMs, toMs]),
    flatPoints: (kind, fromMs, toMs, minReadings) =>
      reader.call('flatPoints', [kind, fromMs, toMs, minReadings]),
    refreshRollups: (range) => reader.call('refreshRollups', [range]),
    purgeRaw: (beforeMs) => reader.call('purgeRaw', [beforeMs]),
    // the writer's connection: no insert of this store runs meanwhile (its calls are answered in order)
    settle: () => writer.call('settle', []),
    async close() {
      if (closed) return;
      closed = true;
      await checkpointer.stop();
      await Promise.all([reader.close(), writer.close()]);
    },
  };
}
