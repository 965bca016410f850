// Runs a large CSV import in a worker thread (import.worker.ts) on its own connection and relays its progress;
// while the worker writes, the main thread's domain connection is held for it, so main-thread writers queue
// (asynchronously) instead of blocking the event loop on the SQLite write lock.
import { Worker } from 'node:worker_threads';
import type { ErrorDetail } from '@hearth/contracts/common';
import type { DatabaseHandle } from '../../db/database.ts';
import { DomainError } from '../../http/domain-error.ts';
import type {
  CsvImportInWorker,
  ImportWorkerGo,
  ImportWorkerInit,
  ImportWorkerMessage,
} from './import.types.ts';

const WORKER_URL = new URL('./import.worker.ts', import.meta.url);

export function createImportRunner(database: DatabaseHandle): CsvImportInWorker {
  return (actor, entity, bytes, progress) =>
    new Promise((resolve, reject) => {
      // the file's bytes move to the worker (a copy first: the caller's buffer may be a slice of a pool)
      const copy = new Uint8Array(bytes);
      const worker = new Worker(WORKER_URL, {
        workerData: { target: database.target, actor, entity, bytes: copy } satisfies ImportWorkerInit,
        transferList: [copy.buffer],
      });
      let settled = false;
      let releaseWrite: (() => void) | undefined;
      const settle = (outcome: () => void) => {
        if (settled) return;
        settled = true;
        releaseWrite?.();
        outcome();
      };
      worker.on('message', (m: ImportWorkerMessage) => {
        switch (m.type) {
          case 'progress':
            progress(m.phase, m.done, m.total);
            break;
          case 'want-write':
            // hold the domain connection for the length of the worker's write transaction
            void database.db
              .connection()
              .execute(
                () =>
                  new Promise<void>((release) => {
                    releaseWrite = release;
                    worker.postMessage({ type: 'go' } satisfies ImportWorkerGo);
                  }),
              )
              .catch((error: unknown) => settle(() => reject(error as Error)));
            break;
          case 'written':
            releaseWrite?.();
            releaseWrite = undefined;
            break;
          case 'done':
            settle(() => resolve({ imported: m.imported }));
            break;
          case 'failed':
            settle(() =>
              reject(
                m.error.domain
                  ? new DomainError(
                      m.error.code,
                      m.error.status,
                      m.error.message,
                      m.error.details as ErrorDetail[] | undefined,
                    )
                  : new Error(`import worker: ${m.error.message}`),
              ),
            );
            break;
        }
      });
      worker.on('error', (error) => settle(() => reject(error)));
      worker.on('exit', (code) =>
        settle(() => reject(new Error(`import worker exited with code ${code} before it answered`))),
      );
    });
}
