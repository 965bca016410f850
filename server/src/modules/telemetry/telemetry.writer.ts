// The single telemetry writer with group commit: everything queued while a transaction runs goes into the
// next one, and each caller is answered only after the transaction holding its rows has committed.
import type { StoredReading, TelemetryStore } from './telemetry.store.ts';

type Pending = {
  rows: readonly StoredReading[];
  resolve: (stored: boolean[]) => void;
  reject: (e: unknown) => void;
};

export type TelemetryWriter = ReturnType<typeof createTelemetryWriter>;

export function createTelemetryWriter(store: TelemetryStore, options: { maxBatchRows?: number } = {}) {
  const maxBatchRows = options.maxBatchRows ?? 50_000;
  let queue: Pending[] = [];
  let queuedRows = 0;
  let running: Promise<void> | null = null;
  let closed = false;

  async function drain(): Promise<void> {
    while (queue.length > 0) {
      // let callers that are already runnable enqueue too, so one commit serves them all
      await new Promise((r) => setImmediate(r));
      const batch: Pending[] = [];
      let rows = 0;
      while (queue.length > 0 && (rows === 0 || rows + (queue[0]?.rows.length ?? 0) <= maxBatchRows)) {
        const next = queue.shift() as Pending;
        rows += next.rows.length;
        batch.push(next);
      }
      queuedRows -= rows;
      const all = batch.length === 1 ? (batch[0] as Pending).rows : batch.flatMap((p) => p.rows);
      try {
        const stored = await store.insertBatch(all);
        let offset = 0;
        for (const p of batch) {
          p.resolve(stored.slice(offset, offset + p.rows.length));
          offset += p.rows.length;
        }
      } catch (error) {
        for (const p of batch) p.reject(error);
      }
    }
  }

  function kick(): void {
    if (running) return;
    running = drain().finally(() => {
      running = null;
      // anything enqueued after the drain loop looked for the last time starts a new one
      if (queue.length > 0) kick();
    });
  }

  return {
    /** Resolves after commit with true (new) / false (duplicate) per row, in order. */
    submit(rows: readonly StoredReading[]): Promise<boolean[]> {
      if (closed) return Promise.reject(new Error('telemetry writer is closed'));
      if (rows.length === 0) return Promise.resolve([]);
      return new Promise<boolean[]>((resolve, reject) => {
        queue.push({ rows, resolve, reject });
        queuedRows += rows.length;
        kick();
      });
    },
    /** rows waiting for a transaction (back-pressure signal for callers) */
    backlog: () => queuedRows,
    async close(): Promise<void> {
      closed = true;
      while (running) await running;
      queue = [];
    },
  };
}
