// The ingest service's bookkeeping, beside its hot path: dead letters, per-device counters, last-seen times
// (gathered in memory, persisted by `flush`), the stored-readings listeners, and the statistics read back.
import type { DeviceIdentity } from '../devices/devices.service.ts';
import type { TargetKind } from '../telemetry/telemetry.store.ts';
import type { CounterDelta, DeadLetter, IngestRepository } from './ingest.repository.ts';
import type { IngestChannel, Problem } from './ingest-targets.ts';

export type CounterField = keyof Omit<CounterDelta, 'deviceId' | 'enterpriseId'>;
type StoredListener = (kind: TargetKind, targetId: number) => void;

export type IngestLedgerDeps = {
  repo: IngestRepository;
  touchDevices: (ids: readonly number[], at: number) => Promise<void>;
  deadLetterLimit: number;
  now: () => number;
};

/** a dead letter of `channel` at `at`; payloads are kept to 4,000 characters */
export function deadLetter(
  at: number,
  channel: IngestChannel,
  device: DeviceIdentity | null,
  target: string | null,
  { code, reason }: Problem,
  payload: string | null,
): DeadLetter {
  return {
    at: new Date(at).toISOString(),
    channel,
    deviceId: device?.id ?? null,
    enterpriseId: device?.enterpriseId ?? null,
    target,
    code,
    reason,
    payload: payload?.slice(0, 4000) ?? null,
  };
}

export function createIngestLedger(deps: IngestLedgerDeps) {
  const counters = new Map<number, CounterDelta>();
  const seen = new Set<number>();
  const listeners = new Set<StoredListener>();

  function count(device: { id: number; enterpriseId: number | null }, field: CounterField, n = 1) {
    let c = counters.get(device.id);
    if (!c) {
      c = {
        deviceId: device.id,
        enterpriseId: device.enterpriseId,
        accepted: 0,
        duplicates: 0,
        rejected: 0,
        outOfOrder: 0,
      };
      counters.set(device.id, c);
    }
    c[field] += n;
  }

  return {
    count,

    /** the device's readings of its target were stored: seen now, and the live views are told */
    stored(device: DeviceIdentity): void {
      seen.add(device.id);
      for (const listener of listeners) listener(device.kind, device.targetId);
    },

    /** writes dead letters (the devices' rejected counts are the caller's) */
    insertDeadLetters: (letters: DeadLetter[]) => deps.repo.insertDeadLetters(letters),

    /** dead-letters one whole message of a device and counts it rejected */
    async rejectMessage(
      device: DeviceIdentity,
      channel: IngestChannel,
      problem: Problem,
      payload: string | null,
    ): Promise<void> {
      count(device, 'rejected');
      await deps.repo.insertDeadLetters([
        deadLetter(deps.now(), channel, device, device.targetCode, problem, payload),
      ]);
    },

    /** dead-letters a message no device is responsible for */
    async rejectUnattributed(channel: IngestChannel, target: string, problem: Problem, payload: string) {
      await deps.repo.insertDeadLetters([deadLetter(deps.now(), channel, null, target, problem, payload)]);
    },

    onStored(listener: StoredListener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    announceStored(kind: TargetKind, targetIds: readonly number[]): void {
      for (const id of targetIds) for (const listener of listeners) listener(kind, id);
    },

    async deadLetters(page: number, pageSize: number, code?: string) {
      const { rows, total } = await deps.repo.listDeadLetters(null, page, pageSize, code);
      return { items: rows.map((r) => ({ ...r, at: new Date(r.at).toISOString() })), total, page, pageSize };
    },

    async stats(enterpriseId: number | null) {
      const rows = await deps.repo.counters(enterpriseId);
      return rows.map((r) => ({
        enterpriseId: r.enterpriseId,
        accepted: Number(r.accepted ?? 0),
        duplicates: Number(r.duplicates ?? 0),
        rejected: Number(r.rejected ?? 0),
        outOfOrder: Number(r.outOfOrder ?? 0),
      }));
    },

    async flush(): Promise<void> {
      const deltas = [...counters.values()];
      counters.clear();
      const ids = [...seen];
      seen.clear();
      const at = deps.now();
      await deps.repo.addCounters(deltas, new Date(at).toISOString());
      await deps.touchDevices(ids, at);
      await deps.repo.trimDeadLetters(deps.deadLetterLimit);
    },
  };
}
export type IngestLedger = ReturnType<typeof createIngestLedger>;
