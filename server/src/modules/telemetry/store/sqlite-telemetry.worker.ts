// Worker thread of the SQLite TelemetryStore: owns one engine (its own connection) and answers the main
// thread's calls in arrival order — the writer's inserts and latest values, or the reader's queries and
// rollup work (sqlite-telemetry-store.ts decides which calls go where).
import { parentPort, workerData } from 'node:worker_threads';
import {
  createSqliteTelemetryEngine,
  type EngineOptions,
  type SqliteTelemetryEngine,
} from './sqlite-telemetry-engine.ts';

export type WorkerInit = { file: string; options: EngineOptions };
export type WorkerCall = { id: number; method: keyof SqliteTelemetryEngine; args: unknown[] };
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
let engine: SqliteTelemetryEngine;
try {
  engine = createSqliteTelemetryEngine(init.file, init.options);
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
      // typed arrays (insert flags, latest states) go back without a copy
      const transfer: ArrayBuffer[] = [];
      if (ArrayBuffer.isView(value)) transfer.push(value.buffer as ArrayBuffer);
      else if (call.method === 'insertReturningLatest') {
        const { flags, latest } = value as { flags: Uint8Array; latest: Float64Array };
        transfer.push(flags.buffer as ArrayBuffer, latest.buffer as ArrayBuffer);
      }
      port.postMessage({ id: call.id, ok: true, value } satisfies WorkerReply, transfer);
      if (call.method === 'close') port.close();
    },
    (error: unknown) =>
      port.postMessage({ id: call.id, ok: false, error: describe(error) } satisfies WorkerReply),
  );
});
