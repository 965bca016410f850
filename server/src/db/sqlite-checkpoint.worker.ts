// Worker thread that checkpoints the WAL of one SQLite file (started by sqlite-checkpointer.ts): copying a busy
// WAL into the database file (and its fsyncs) takes hundreds of milliseconds, which would otherwise stall whichever
// connection happens to commit past the threshold — a telemetry writer, or the event loop through the domain one.
import { DatabaseSync } from 'node:sqlite';
import { parentPort, workerData } from 'node:worker_threads';

export type CheckpointInit = { file: string; intervalMs: number };
/** one PASSIVE checkpoint: frames in the WAL and frames copied into the database */
export type CheckpointReport = { log: number; checkpointed: number; ms: number };

const port = parentPort;
if (!port) throw new Error('sqlite-checkpoint.worker.ts runs only as a worker thread');
const { file, intervalMs } = workerData as CheckpointInit;
const db = new DatabaseSync(file);
db.exec('PRAGMA busy_timeout = 5000;');
const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');

let timer: NodeJS.Timeout | undefined;
function tick(): void {
  const started = performance.now();
  // PASSIVE copies what it can without waiting for readers or the writer; the writer goes on meanwhile
  const row = checkpoint.get() as { busy: number; log: number; checkpointed: number } | undefined;
  if (row && row.log > 0) {
    const report: CheckpointReport = {
      log: row.log,
      checkpointed: row.checkpointed,
      ms: performance.now() - started,
    };
    port?.postMessage(report);
  }
  timer = setTimeout(tick, intervalMs);
}

port.on('message', (message: 'stop') => {
  if (message !== 'stop') return;
  clearTimeout(timer);
  db.close();
  port.close();
});
tick();
