// Worker thread of the SQLite TelemetryStore: owns the engine (its connection, latest values, maintenance) and
// answers the main thread's calls in arrival order, so inserts run beside HTTP/MQTT parsing on another core.
import { parentPort, workerData } from 'node:worker_threads';
import type { StoreOptions, TelemetryStore } from '../telemetry.store.ts';
import { createSqliteTelemetryEngine } from './sqlite-telemetry-engine.ts';

export type WorkerInit = { file: string; options: StoreOptions };
export type WorkerCall = { id: number; method: keyof TelemetryStore; args: unknown[] };
export type WorkerError = { message: string; name: string; stack?: string; code?: string };
export type WorkerReply =
  | { ready: true }
  | { ready: false; error: WorkerError }
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: WorkerError };

const port = parentPort;
if (!port) throw new Error('sqlite-telemetry.worker.ts runs only as a worker thread');

function describe(error: unknown): WorkerError {
  if (!(error instanceof Error)) return { message: String(error), name: 'Error' };
  const code = (error as { code?: unknown }).code;
  return {
    message: error.message,
    name: error.name,
    ...(error.stack === undefined ? {} : { stack: error.stack }),
    ...(typeof code === 'string' ? { code } : {}),
  };
}

const init = workerData as WorkerInit;
let engine: TelemetryStore;
try {
  engine = createSqliteTelemetryEngine(init.file, { ...init.options, externalCheckpoints: true });
  port.postMessage({ ready: true } satisfies WorkerReply);
} catch (error) {
  port.postMessage({ ready: false, error: describe(error) } satisfies WorkerReply);
  port.close();
  throw error;
}

port.on('message', (call: WorkerCall) => {
  const method = engine[call.method] as (...args: unknown[]) => Promise<unknown>;
  method(...call.args).then(
    (value) => {
      // insert flags go back without a copy
      const transfer = value instanceof Uint8Array ? [value.buffer as ArrayBuffer] : [];
      port.postMessage({ id: call.id, ok: true, value } satisfies WorkerReply, transfer);
      if (call.method === 'close') port.close();
    },
    (error: unknown) =>
      port.postMessage({ id: call.id, ok: false, error: describe(error) } satisfies WorkerReply),
  );
});
