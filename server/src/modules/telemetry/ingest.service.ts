// Telemetry ingest for every channel (MQTT embedded/external, HTTP batch): per-reading validation, storage
// through the group-commit writer, duplicates and out-of-order flagged, rejections dead-lettered and counted.
// A bad reading never takes the good ones beside it down; callers are answered after the commit.
import type { IngestItemResult } from '@hearth/contracts/telemetry';
import type { DeviceIdentity } from '../devices/devices.service.ts';
import type { CounterDelta, DeadLetter, IngestRepository } from './ingest.repository.ts';
import { validateReading, type ReadingLimits } from './reading.rules.ts';
import type { StoredReading, TargetKind, TelemetryStore } from './telemetry.store.ts';
import type { TelemetryWriter } from './telemetry.writer.ts';

export type IngestChannel = 'mqtt' | 'http';

/** One reading to ingest, with the target its envelope names (topic or item code). */
export type IngestItem = { kind: TargetKind; targetCode: string | undefined; reading: unknown };

export type IngestServiceDeps = {
  writer: TelemetryWriter;
  store: TelemetryStore;
  repo: IngestRepository;
  /** whether a station / household code exists at all (to tell "unknown" from "not yours") */
  targetExists: (kind: TargetKind, code: string) => Promise<boolean>;
  touchDevices: (ids: readonly number[], at: number) => Promise<void>;
  limits: ReadingLimits;
  deadLetterLimit?: number;
  now?: () => number;
};

export function createIngestService(deps: IngestServiceDeps) {
  const now = deps.now ?? Date.now;
  const deadLetterLimit = deps.deadLetterLimit ?? 10_000;
  /** newest stored ts per target, to flag out-of-order readings without a read per message */
  const newest = new Map<string, number>();
  const counters = new Map<number, CounterDelta>();
  const seen = new Set<number>();
  const listeners = new Set<(kind: TargetKind, targetId: number) => void>();

  const keyOf = (kind: TargetKind, id: number) => `${kind}:${id}`;

  async function newestOf(kind: TargetKind, id: number): Promise<number> {
    const key = keyOf(kind, id);
    let ts = newest.get(key);
    if (ts === undefined) {
      ts = (await deps.store.latest(kind, [id])).get(id)?.ts ?? -Infinity;
      newest.set(key, ts);
    }
    return ts;
  }

  function count(
    device: { id: number; enterpriseId: number | null },
    field: keyof Omit<CounterDelta, 'deviceId' | 'enterpriseId'>,
    n = 1,
  ) {
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

  async function targetProblem(
    device: DeviceIdentity,
    item: IngestItem,
  ): Promise<{ code: string; reason: string } | null> {
    const label = item.kind === 'station' ? '换热站' : '住户';
    if (item.targetCode === undefined) {
      return { code: 'reading.missing_target', reason: `缺少${label}编码 / ${item.kind}Code is required` };
    }
    if (!(await deps.targetExists(item.kind, item.targetCode))) {
      return {
        code: `reading.unknown_${item.kind}`,
        reason: `${label} ${item.targetCode} 不存在 / unknown ${item.kind}`,
      };
    }
    return {
      code: 'reading.forbidden_target',
      reason: `设备 ${device.id} 只能上报自己的${device.kind === 'station' ? '换热站' : '住户'} / a device may report only for its own ${device.kind}`,
    };
  }

  return {
    /**
     * Ingests the readings of one message or request from an authenticated device. Resolves after every
     * accepted reading is committed, with one result per item in order.
     */
    async ingest(
      device: DeviceIdentity,
      channel: IngestChannel,
      items: readonly IngestItem[],
    ): Promise<IngestItemResult[]> {
      const at = now();
      const results: IngestItemResult[] = new Array<IngestItemResult>(items.length);
      const rows: StoredReading[] = [];
      const rowIndex: number[] = [];
      const dead: DeadLetter[] = [];
      for (let index = 0; index < items.length; index++) {
        const item = items[index] as IngestItem;
        // the common case (the device's own target) needs no lookup
        const problem =
          item.kind === device.kind && item.targetCode === device.targetCode
            ? null
            : await targetProblem(device, item);
        const checked = problem ? null : validateReading(item.reading, item.kind, at, deps.limits);
        const failure = problem ?? (checked && !checked.ok ? checked : null);
        if (failure || !checked || !checked.ok) {
          const { code, reason } = failure ?? { code: 'reading.malformed', reason: 'invalid reading' };
          results[index] = { index, status: 'rejected', code, reason };
          dead.push({
            at: new Date(at).toISOString(),
            channel,
            deviceId: device.id,
            enterpriseId: device.enterpriseId,
            target: item.targetCode ?? null,
            code,
            reason,
            payload: JSON.stringify(item.reading)?.slice(0, 4000) ?? null,
          });
          continue;
        }
        rows.push({
          kind: device.kind,
          targetId: device.targetId,
          deviceId: device.id,
          ts: checked.ts,
          receivedAt: at,
          values: checked.values,
        });
        rowIndex.push(index);
      }
      if (dead.length > 0) {
        count(device, 'rejected', dead.length);
        await deps.repo.insertDeadLetters(dead);
      }
      if (rows.length > 0) {
        let latest = await newestOf(device.kind, device.targetId);
        const stored = await deps.writer.submit(rows);
        stored.forEach((isNew, i) => {
          const index = rowIndex[i] as number;
          const row = rows[i] as StoredReading;
          if (!isNew) {
            results[index] = { index, status: 'duplicate' };
            count(device, 'duplicates');
            return;
          }
          const outOfOrder = row.ts < latest;
          if (!outOfOrder) latest = row.ts;
          results[index] = outOfOrder
            ? { index, status: 'accepted', outOfOrder }
            : { index, status: 'accepted' };
          count(device, 'accepted');
          if (outOfOrder) count(device, 'outOfOrder');
        });
        newest.set(keyOf(device.kind, device.targetId), latest);
        seen.add(device.id);
        for (const listener of listeners) listener(device.kind, device.targetId);
      }
      return results;
    },

    /** Called after each commit that stored readings of a target (live view); returns an unsubscribe. */
    onStored(listener: (kind: TargetKind, targetId: number) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    /** Rejects a whole message before it reaches a device's readings (unparseable payload). */
    async reject(
      device: DeviceIdentity,
      channel: IngestChannel,
      code: string,
      reason: string,
      payload: string,
    ): Promise<void> {
      count(device, 'rejected');
      await deps.repo.insertDeadLetters([
        {
          at: new Date(now()).toISOString(),
          channel,
          deviceId: device.id,
          enterpriseId: device.enterpriseId,
          target: device.targetCode,
          code,
          reason,
          payload: payload.slice(0, 4000),
        },
      ]);
    },

    /** The newest rejected messages (supervisors). */
    async deadLetters(page: number, pageSize: number, code?: string) {
      const { rows, total } = await deps.repo.listDeadLetters(null, page, pageSize, code);
      return { items: rows.map((r) => ({ ...r, at: new Date(r.at).toISOString() })), total, page, pageSize };
    },

    /** Accepted / duplicate / rejected / out-of-order counts per enterprise (one enterprise when scoped). */
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

    /** Persists the counters and last-seen times gathered since the last flush; trims the dead letters. */
    async flush(): Promise<void> {
      const deltas = [...counters.values()];
      counters.clear();
      const ids = [...seen];
      seen.clear();
      const at = now();
      await deps.repo.addCounters(deltas, new Date(at).toISOString());
      await deps.touchDevices(ids, at);
      await deps.repo.trimDeadLetters(deadLetterLimit);
    },
  };
}
export type IngestService = ReturnType<typeof createIngestService>;
