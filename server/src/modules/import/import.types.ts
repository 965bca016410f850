// Types shared by the import service, its worker thread (import.worker.ts) and the runner that starts it
// (import-runner.ts): the progress callback and the messages between the threads.
import type { ImportJob } from '@hearth/contracts/stats';
import type { DatabaseHandle } from '../../db/database.ts';
import type { Actor } from '../auth/actor.ts';

export type ImportProgress = (phase: ImportJob['phase'], done: number, total: number) => void;

/** runs a CSV import of `entity` in a worker thread */
export type CsvImportInWorker = (
  actor: Actor,
  entity: string,
  bytes: Uint8Array,
  progress: ImportProgress,
) => Promise<{ imported: number }>;

export type ImportWorkerInit = {
  target: DatabaseHandle['target'];
  actor: Actor;
  entity: string;
  /** the uploaded file, decoded here */
  bytes: Uint8Array;
};
export type ImportWorkerMessage =
  | { type: 'progress'; phase: ImportJob['phase']; done: number; total: number }
  | { type: 'want-write' }
  | { type: 'written' }
  | { type: 'done'; imported: number }
  | {
      type: 'failed';
      error: { domain: boolean; code: string; status: number; message: string; details?: unknown };
    };
/** from the main thread: its connection is held for this worker's write transaction */
export type ImportWorkerGo = { type: 'go' };
