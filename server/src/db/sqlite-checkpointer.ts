// A checkpointer thread for one SQLite file: copies the WAL into the database in the background, so no
// connection that commits (the event loop's, a telemetry writer's) ever stalls doing it; restarted if it stops.
import { Worker } from 'node:worker_threads';
import type { CheckpointInit, CheckpointReport } from './sqlite-checkpoint.worker.ts';

const WORKER_URL = new URL('./sqlite-checkpoint.worker.ts', import.meta.url);

export type Checkpointer = {
  /** stops the thread once it has closed its connection */
  stop(): Promise<void>;
};

export function startCheckpointer(
  file: string,
  options: { intervalMs?: number; onReport?: (report: CheckpointReport) => void } = {},
): Checkpointer {
  const intervalMs = options.intervalMs ?? 1000;
  let current: Worker | undefined;
  let stopped = false;

  function start(): void {
    if (stopped) return;
    const worker = new Worker(WORKER_URL, { workerData: { file, intervalMs } satisfies CheckpointInit });
    worker.unref();
    worker.on('message', (report: CheckpointReport) => options.onReport?.(report));
    worker.on('error', () => undefined); // 'exit' follows
    worker.on('exit', () => {
      if (current === worker) current = undefined;
      if (!stopped) setTimeout(start, intervalMs).unref();
    });
    current = worker;
  }
  start();

  return {
    async stop() {
      if (stopped) return;
      stopped = true;
      const stopping = current;
      if (!stopping) return;
      const ended = new Promise<void>((resolve) => stopping.once('exit', () => resolve()));
      stopping.ref(); // keep the process up until it has closed its connection
      stopping.postMessage('stop');
      await ended;
    },
  };
}
