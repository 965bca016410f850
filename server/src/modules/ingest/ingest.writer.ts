// The single telemetry writer with group commit: callers write their rows straight into the buffer of the group
// that is forming; everything written while a transaction runs goes into the next one, and each caller is
// answered only after the transaction holding its rows has committed. No allocation per caller beyond a promise.
import {
  allocRows,
  batchOf,
  copyBatch,
  copyRows,
  ensureRows,
  type ReadingBatch,
} from '../telemetry/reading-batch.ts';
import type { TelemetryStore } from '../telemetry/telemetry.store.ts';

type Waiter = {
  /** first row of the caller in its group, and how many */
  at: number;
  count: number;
  resolve: (stored: Uint8Array) => void;
  reject: (e: unknown) => void;
};
type Group = { data: Float64Array; count: number; waiters: Waiter[] };

/**
 * Hears each committed group: its rows (a copy: the store may take the original to another thread) and 1 (new)
 * / 0 (duplicate) per row. Called after the callers are answered; must not throw.
 */
export type CommittedListener = (batch: ReadingBatch, stored: Uint8Array) => void;

/** Writes up to the reserved rows into `data` from row `at` on (reading-batch.ts); returns how many. */
export type RowFill = (data: Float64Array, at: number) => number;

export type TelemetryWriter = ReturnType<typeof createTelemetryWriter>;

export function createTelemetryWriter(
  store: TelemetryStore,
  options: {
    /** a group is closed at this many rows (one transaction) */
    maxBatchRows?: number;
    /**
     * transactions handed to the store at once: a second one keeps a store in another thread busy while the
     * next group forms (the store commits them in order), sent only once it has `pipelineRows` rows
     */
    maxInFlight?: number;
    pipelineRows?: number;
  } = {},
) {
  const maxBatchRows = options.maxBatchRows ?? 50_000;
  const maxInFlight = options.maxInFlight ?? 2;
  const pipelineRows = options.pipelineRows ?? 2_000;
  /** groups not yet handed to the store; the last one is the one forming */
  const groups: Group[] = [];
  let queuedRows = 0;
  let inFlight = 0;
  let scheduled = false;
  let closed = false;
  /** rows the next fresh group is sized for (the size of recent groups) */
  let sizeHint = 256;
  const idle: (() => void)[] = [];
  const committedListeners = new Set<CommittedListener>();

  function forming(rows: number): Group {
    let group = groups.at(-1);
    if (!group || group.count >= maxBatchRows) {
      group = { data: allocRows(Math.max(sizeHint, rows)), count: 0, waiters: [] };
      groups.push(group);
    }
    group.data = ensureRows(group.data, group.count, group.count + rows);
    return group;
  }

  async function commit(group: Group): Promise<void> {
    const batch: ReadingBatch = batchOf(group.data, group.count);
    // copied only when someone listens (alarm evaluation): the store may transfer the buffer away
    const copy = committedListeners.size > 0 ? copyBatch(batch) : null;
    try {
      const stored = await store.insertBatch(batch);
      for (const w of group.waiters) w.resolve(stored.subarray(w.at, w.at + w.count));
      if (copy) for (const listener of committedListeners) listener(copy, stored);
    } catch (error) {
      for (const w of group.waiters) w.reject(error);
    }
  }

  function pump(): void {
    while (groups.length > 0 && inFlight < maxInFlight) {
      // pipeline a second transaction only when it is worth one: small groups wait and grow instead
      if (inFlight > 0 && (groups[0] as Group).count < pipelineRows) break;
      const group = groups.shift() as Group;
      queuedRows -= group.count;
      sizeHint = Math.min(maxBatchRows, Math.max(256, group.count));
      inFlight++;
      void commit(group).finally(() => {
        inFlight--;
        if (groups.length > 0) schedule();
        settleIdle();
      });
    }
  }

  function settleIdle(): void {
    if (groups.length === 0 && inFlight === 0) for (const done of idle.splice(0)) done();
  }

  /** lets callers that are already runnable write too, so one commit serves them all */
  function schedule(): void {
    if (scheduled) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      pump();
      settleIdle();
    });
  }

  /**
   * Reserves room for `maxRows` rows, lets `fill` write them synchronously, and resolves after the commit with
   * 1 (new) / 0 (duplicate) per row written, in order.
   */
  function write(maxRows: number, fill: RowFill): Promise<Uint8Array> {
    if (closed) return Promise.reject(new Error('telemetry writer is closed'));
    if (maxRows <= 0) return Promise.resolve(new Uint8Array(0));
    const group = forming(maxRows);
    const at = group.count;
    const count = fill(group.data, at);
    if (!(count >= 0 && count <= maxRows)) throw new RangeError(`fill wrote ${count} of ${maxRows} rows`);
    if (count === 0) return Promise.resolve(new Uint8Array(0));
    group.count += count;
    queuedRows += count;
    return new Promise<Uint8Array>((resolve, reject) => {
      group.waiters.push({ at, count, resolve, reject });
      schedule();
    });
  }

  return {
    write,
    /** Stores packed rows (copied into the forming group). */
    submit(batch: ReadingBatch): Promise<Uint8Array> {
      return write(batch.count, (data, at) => {
        copyRows(batch.data, 0, data, at, batch.count);
        return batch.count;
      });
    },
    /** Listens to every committed group (rows and new/duplicate flags); returns an unsubscribe. */
    onCommitted(listener: CommittedListener): () => void {
      committedListeners.add(listener);
      return () => committedListeners.delete(listener);
    },
    /** rows waiting for a transaction (back-pressure signal for callers) */
    backlog: () => queuedRows,
    /** stops taking rows; resolves once everything written before has been answered */
    async close(): Promise<void> {
      closed = true;
      if (groups.length === 0 && inFlight === 0) return;
      schedule();
      await new Promise<void>((resolve) => idle.push(resolve));
    },
  };
}
