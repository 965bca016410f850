// The SQLite TelemetryStore as the server uses it: the engine runs in a worker thread, so SQLite inserts overlap
// with parsing and validation on the main thread. Batches cross as transferred buffers (no copy). A worker
// that dies fails the calls in flight (nothing of theirs was acknowledged) and is started again on the next.
// A second, small worker checkpoints the WAL for every connection to the file (see the checkpoint worker).
import { Worker } from 'node:worker_threads';
import type { StoreOptions, TelemetryStore } from '../telemetry.store.ts';
import type { CheckpointInit, CheckpointReport } from './sqlite-checkpoint.worker.ts';
import type { WorkerCall, WorkerError, WorkerInit, WorkerReply } from './sqlite-telemetry.worker.ts';

const WORKER_URL = new URL('./sqlite-telemetry.worker.ts', import.meta.url);
const CHECKPOINT_URL = new URL('./sqlite-checkpoint.worker.ts', import.meta.url);
const CHECKPOINT_MS = 1000;

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };

function toError(e: WorkerError): Error {
  const error = new Error(e.message);
  error.name = e.name;
  if (e.stack !== undefined) error.stack = e.stack;
  if (e.code !== undefined) Object.assign(error, { code: e.code });
  return error;
}

type Live = { worker: Worker; pending: Map<number, Pending> };

export async function createSqliteTelemetryStore(
  file: string,
  options: StoreOptions = {},
  hooks: {
    /** sees every writer worker started (tests stop one to check recovery) */
    onWorker?: (worker: Worker) => void;
    onCheckpoint?: (report: CheckpointReport) => void;
  } = {},
): Promise<TelemetryStore> {
  let live: Live | undefined;
  let checkpointer: Worker | undefined;
  let checkpointsStopped = false;
  let starting: Promise<Live> | undefined;
  let nextId = 1;
  let closed = false;

  function start(): Promise<Live> {
    const worker = new Worker(WORKER_URL, { workerData: { file, options } satisfies WorkerInit });
    hooks.onWorker?.(worker);
    const pending = new Map<number, Pending>();
    const self: Live = { worker, pending };
    return new Promise<Live>((resolve, reject) => {
      let ready = false;
      const stopped = (error: Error) => {
        if (live === self) live = undefined;
        for (const p of pending.values()) p.reject(error);
        pending.clear();
        if (!ready) reject(error);
      };
      worker.on('message', (reply: WorkerReply) => {
        if ('ready' in reply) {
          if (!reply.ready) return stopped(toError(reply.error));
          ready = true;
          worker.unref(); // referenced only while calls are in flight, like a socket
          live = self;
          return resolve(self);
        }
        const p = pending.get(reply.id);
        if (!p) return;
        pending.delete(reply.id);
        if (pending.size === 0) worker.unref();
        if (reply.ok) p.resolve(reply.value);
        else p.reject(toError(reply.error));
      });
      worker.on('error', (error) => stopped(error));
      worker.on('exit', (code) =>
        stopped(new Error(`telemetry store worker exited (${code}) / 监测数据存储线程已退出`)),
      );
    });
  }

  async function ready(): Promise<Live> {
    if (live) return live;
    starting ??= start().finally(() => (starting = undefined));
    return starting;
  }

  async function call<T>(method: WorkerCall['method'], args: unknown[], transfer: ArrayBuffer[] = []) {
    if (closed) throw new Error('telemetry store is closed');
    const { worker, pending } = await ready();
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      if (pending.size === 1) worker.ref();
      worker.postMessage({ id, method, args } satisfies WorkerCall, transfer);
    });
  }

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

  await ready();
  startCheckpointer();

  return {
    insertBatch: (batch) =>
      batch.count === 0
        ? Promise.resolve(new Uint8Array(0))
        : call('insertBatch', [batch], [batch.data.buffer as ArrayBuffer]),
    latest: (kind, targetIds) => call('latest', [kind, targetIds]),
    raw: (kind, targetId, fromMs, toMs, limit) => call('raw', [kind, targetId, fromMs, toMs, limit]),
    series: (level, kind, targetId, metric, fromMs, toMs) =>
      call('series', [level, kind, targetId, metric, fromMs, toMs]),
    bucketCounts: (level, kind, fromMs, toMs) => call('bucketCounts', [level, kind, fromMs, toMs]),
    flatPoints: (kind, fromMs, toMs, minReadings) => call('flatPoints', [kind, fromMs, toMs, minReadings]),
    refreshRollups: (range) => call('refreshRollups', [range]),
    purgeRaw: (beforeMs) => call('purgeRaw', [beforeMs]),
    async close() {
      if (closed) return;
      checkpointsStopped = true;
      const stopping = checkpointer;
      if (stopping) {
        const ended = new Promise<void>((resolve) => stopping.once('exit', () => resolve()));
        stopping.ref(); // keep the process up until it has closed its connection
        stopping.postMessage('stop');
        await ended;
      }
      const current = live ?? (await starting?.catch(() => undefined));
      if (!current) {
        closed = true;
        return;
      }
      const exited = new Promise<void>((resolve) => current.worker.once('exit', () => resolve()));
      try {
        await call('close', []);
      } finally {
        closed = true;
        // the worker closes its port after answering; it ends on its own
        const timeout = setTimeout(() => void current.worker.terminate(), 5000);
        await exited;
        clearTimeout(timeout);
      }
    },
  };
}
