// A SQLite telemetry engine in a worker thread, called like a local object: calls are messages answered in
// order, buffers can be transferred. A worker that dies fails the calls in flight and the next call starts a
// new one. The worker is referenced only while calls are in flight (like a socket), so it never keeps the
// process alive by itself.
import { Worker } from 'node:worker_threads';
import type { EngineOptions, SqliteTelemetryEngine } from './sqlite-telemetry-engine.ts';
import type { WorkerCall, WorkerError, WorkerInit, WorkerReply } from './sqlite-telemetry.worker.ts';

const WORKER_URL = new URL('./sqlite-telemetry.worker.ts', import.meta.url);

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };
type Live = { worker: Worker; pending: Map<number, Pending> };

function toError(e: WorkerError): Error {
  const error = new Error(e.message);
  error.name = e.name;
  if (e.stack !== undefined) error.stack = e.stack;
  if (e.code !== undefined) Object.assign(error, { code: e.code });
  return error;
}

export type EngineChannel = ReturnType<typeof createEngineChannel>;

export function createEngineChannel(file: string, options: EngineOptions, onWorker?: (w: Worker) => void) {
  let live: Live | undefined;
  let starting: Promise<Live> | undefined;
  let nextId = 1;
  let closed = false;
  /** how many workers have been started: a new one means state cached from the old one is stale */
  let generation = 0;

  function start(): Promise<Live> {
    const worker = new Worker(WORKER_URL, { workerData: { file, options } satisfies WorkerInit });
    generation++;
    onWorker?.(worker);
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
          worker.unref();
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

  function ready(): Promise<Live> {
    if (live) return Promise.resolve(live);
    starting ??= start().finally(() => (starting = undefined));
    return starting;
  }

  async function call<T>(
    method: WorkerCall['method'],
    args: unknown[],
    transfer: ArrayBuffer[] = [],
  ): Promise<T> {
    if (closed) throw new Error('telemetry store is closed');
    const { worker, pending } = await ready();
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      if (pending.size === 1) worker.ref();
      worker.postMessage({ id, method, args } satisfies WorkerCall, transfer);
    });
  }

  return {
    ready,
    call,
    generation: () => generation,
    /** closes the engine (it flushes what it holds) and waits for the worker to end */
    async close(): Promise<void> {
      if (closed) return;
      const current = live ?? (await starting?.catch(() => undefined));
      if (!current) {
        closed = true;
        return;
      }
      const exited = new Promise<void>((resolve) => current.worker.once('exit', () => resolve()));
      try {
        await call<unknown>('close' satisfies keyof SqliteTelemetryEngine, []);
      } finally {
        closed = true;
        // the worker closes its port after answering and ends on its own
        const timeout = setTimeout(() => void current.worker.terminate(), 5000);
        await exited;
        clearTimeout(timeout);
      }
    },
  };
}
