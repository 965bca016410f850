// Worker thread that runs one large CSV import end to end — parse, validate, check, write — on a database
// connection of its own, so the main thread's event loop only relays its progress. Before the write transaction it
// asks the main thread for its domain connection (import-runner.ts), so that no main-thread writer waits on the
// SQLite write lock meanwhile.
import os from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import type { ImportWorkerGo, ImportWorkerInit, ImportWorkerMessage } from './import.types.ts';

const port = parentPort;
if (!port) throw new Error('import.worker.ts runs only as a worker thread');
const post = (message: ImportWorkerMessage) => port.postMessage(message);
// Linux keeps a nice value per thread: this one yields the CPU to the event loop and the telemetry writer when
// cores are short (elsewhere the call may act on the process or be refused; then the import runs at normal
// priority, which is only slower for the others). Set before the modules below load: loading them is work too.
if (process.platform === 'linux') {
  try {
    os.setPriority(0, 10);
  } catch {
    // not permitted: stay at normal priority
  }
}
const [
  { openDatabase },
  { DomainError },
  { createAuditService },
  { REGISTRY_DEFINITIONS },
  { createRegistryRepository },
  { createRegistryService },
  { createImportService },
] = await Promise.all([
  import('../../db/database.ts'),
  import('../../http/domain-error.ts'),
  import('../audit/audit.service.ts'),
  import('../registry/registry.definitions.ts'),
  import('../registry/registry.repository.ts'),
  import('../registry/registry.service.ts'),
  import('./import.service.ts'),
]);
const init = workerData as ImportWorkerInit;

const database = await openDatabase(
  init.target.kind === 'sqlite'
    ? { kind: 'sqlite', file: init.target.file }
    : { kind: 'postgres', url: init.target.url, schema: init.target.schema },
);
try {
  const registry = createRegistryService({
    db: database.db,
    repo: createRegistryRepository(database.db, { dialect: database.dialect }),
    audit: createAuditService({ db: database.db }),
    resources: REGISTRY_DEFINITIONS,
    async importWriteGate(work) {
      const granted = new Promise<void>((resolve) =>
        port.once('message', (m: ImportWorkerGo) => m.type === 'go' && resolve()),
      );
      post({ type: 'want-write' });
      await granted;
      try {
        return await work();
      } finally {
        post({ type: 'written' });
      }
    },
  });
  const imports = createImportService({ registry });
  let lastReport = 0;
  const { imported } = await imports.importSheetBytes(
    init.actor,
    init.entity,
    init.bytes,
    (phase, done, total) => {
      const now = Date.now();
      if (now - lastReport < 100 && done < total) return; // a few reports a second are plenty
      lastReport = now;
      post({ type: 'progress', phase, done, total });
    },
  );
  post({ type: 'done', imported });
} catch (error) {
  post({
    type: 'failed',
    error:
      error instanceof DomainError
        ? {
            domain: true,
            code: error.code,
            status: error.status,
            message: error.message,
            ...(error.details ? { details: error.details } : {}),
          }
        : { domain: false, code: 'internal', status: 500, message: String((error as Error).stack ?? error) },
  });
} finally {
  await database.close();
}
