// The SQLite TelemetryStore as the server uses it, on three threads besides the event loop:
//  - the writer (an engine in a worker): inserts and the latest values, so inserts overlap with parsing;
//  - the reader (another engine, its own connection): raw reads, series, counts and the rollup and retention
//    work, so a long aggregate never holds up an insert (WAL lets it read while the writer writes);
//  - the checkpointer: copies the WAL into the database for every connection to the file.
// Batches cross as transferred buffers (no copy). A worker that dies fails its calls in flight (nothing of
// theirs was acknowledged) and is started again on the next call.
// The latest values are mirrored here: every insert answers with the new state of the targets it touched, so
// the live view reads them without waiting behind a commit (or a disk that stalls it).
import { Worker } from 'node:worker_threads';
import type { ReadingBatch } from '../reading-batch.ts';
import type { StoreOptions, TelemetryStore } from '../telemetry.store.ts';
import type { CheckpointInit, CheckpointReport } from './sqlite-checkpoint.worker.ts';
import { createEngineChannel } from './sqlite-worker-channel.ts';
import { latestRecords, unpackLatestStates, type LatestState } from './telemetry-store.schema.ts';

const CHECKPOINT_URL = new URL('./sqlite-checkpoint.worker.ts', import.meta.url);
const CHECKPOINT_MS = 1000;

export async function createSqliteTelemetryStore(
  file: string,
  options: StoreOptions = {},
  hooks: {
    /** sees every writer worker started (tests stop one to check recovery) */
    onWorker?: (worker: Worker) => void;
    onCheckpoint?: (report: CheckpointReport) => void;
  } = {},
): Promise<TelemetryStore> {
  const engineOptions = { ...options, externalCheckpoints: true };
  const writer = createEngineChannel(file, engineOptions, hooks.onWorker);
  const reader = createEngineChannel(file, engineOptions);
  let checkpointer: Worker | undefined;
  let checkpointsStopped = false;
  let closed = false;

  /** the checkpointer, started again (after a second) should it ever stop */
  function startCheckpointer(): void {
    if (checkpointsStopped) return;
    const worker = new Worker(CHECKPOINT_URL, {
      workerData: { file, intervalMs: CHECKPOINT_MS } satisfies CheckpointInit,
    });
    worker.unref();
    worker.on('message', (report: CheckpointReport) => hooks.onCheckpoint?.(report));
    worker.on('error', () => undefined); // 'exit' follows
    worker.on('exit', () => {
      if (checkpointer === worker) checkpointer = undefined;
      if (!checkpointsStopped) setTimeout(startCheckpointer, CHECKPOINT_MS).unref();
    });
    checkpointer = worker;
  }

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
  startCheckpointer();

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
    async close() {
      if (closed) return;
      closed = true;
      checkpointsStopped = true;
      const stopping = checkpointer;
      if (stopping) {
        const ended = new Promise<void>((resolve) => stopping.once('exit', () => resolve()));
        stopping.ref(); // keep the process up until it has closed its connection
        stopping.postMessage('stop');
        await ended;
      }
      await Promise.all([reader.close(), writer.close()]);
    },
  };
}
