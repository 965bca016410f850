// Telemetry ingest for every channel (MQTT embedded/external, HTTP batch): per-reading validation, storage
// through the group-commit writer, duplicates and out-of-order flagged, rejections dead-lettered and counted.
// A bad reading never takes the good ones beside it down; callers are answered after the commit.
import type { IngestItemResult, IngestRejectionCode } from '@hearth/contracts/telemetry';
import type { DeviceIdentity } from '../devices/devices.service.ts';
import type { CounterDelta, DeadLetter, IngestRepository } from './ingest.repository.ts';
import { DEVICE, KIND, KIND_CODE, RECEIVED, STRIDE, TARGET, TS, VALUES_AT } from './reading-batch.ts';
import { checkReadingInto, type ReadingLimits } from './reading.rules.ts';
import type { TargetKind, TelemetryStore } from './telemetry.store.ts';
import type { TelemetryWriter } from './telemetry.writer.ts';

export type IngestChannel = 'mqtt' | 'http';

/**
 * Where the readings of one message belong: MQTT names one target in the topic for all of them; an HTTP batch
 * names it per item (`stationCode` or `householdCode` beside `ts` and `values`).
 */
export type IngestEnvelope = { kind: TargetKind; code: string } | 'per-item';

type ItemTarget = { kind: TargetKind; code: string | undefined };
type Problem = { code: IngestRejectionCode; reason: string };

/** the target an HTTP item names (a household code wins; no code at all is reported as a missing station) */
function itemTarget(raw: unknown): ItemTarget {
  const item = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  if (typeof item.householdCode === 'string') return { kind: 'household', code: item.householdCode };
  return { kind: 'station', code: typeof item.stationCode === 'string' ? item.stationCode : undefined };
}

/** whether an HTTP item names the device's own target (checked without allocating: it runs per reading) */
function namesOwnTarget(raw: unknown, device: DeviceIdentity): boolean {
  if (typeof raw !== 'object' || raw === null) return false;
  const { householdCode, stationCode } = raw as { householdCode?: unknown; stationCode?: unknown };
  return device.kind === 'household'
    ? householdCode === device.targetCode
    : householdCode === undefined && stationCode === device.targetCode;
}

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
  /** newest stored ts per target (key: kind code · 2³² + id), to flag out-of-order readings without a read */
  const newest = new Map<number, number>();
  const counters = new Map<number, CounterDelta>();
  const seen = new Set<number>();
  const listeners = new Set<(kind: TargetKind, targetId: number) => void>();

  const keyOf = (kind: TargetKind, id: number) => KIND_CODE[kind] * 4_294_967_296 + id;

  async function loadNewest(kind: TargetKind, id: number): Promise<number> {
    const ts = (await deps.store.latest(kind, [id])).get(id)?.ts ?? -Infinity;
    newest.set(keyOf(kind, id), ts);
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

  async function targetProblem(device: DeviceIdentity, target: ItemTarget): Promise<Problem> {
    const label = target.kind === 'station' ? '换热站' : '住户';
    if (target.code === undefined) {
      return { code: 'reading.missing_target', reason: `缺少${label}编码 / ${target.kind}Code is required` };
    }
    if (!(await deps.targetExists(target.kind, target.code))) {
      return {
        code: `reading.unknown_${target.kind}`,
        reason: `${label} ${target.code} 不存在 / unknown ${target.kind}`,
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
      readings: readonly unknown[],
      envelope: IngestEnvelope,
    ): Promise<IngestItemResult[]> {
      const at = now();
      const n = readings.length;
      const results: IngestItemResult[] = new Array<IngestItemResult>(n);
      // Targets first (a foreign one needs a lookup); then one synchronous pass validates each reading straight
      // into the writer's forming group.
      let problems: Map<number, Problem> | undefined;
      const ownEnvelope =
        envelope !== 'per-item' && envelope.kind === device.kind && envelope.code === device.targetCode;
      if (!ownEnvelope) {
        for (let index = 0; index < n; index++) {
          const raw = readings[index];
          if (envelope === 'per-item' && namesOwnTarget(raw, device)) continue;
          const target = envelope === 'per-item' ? itemTarget(raw) : envelope;
          (problems ??= new Map()).set(index, await targetProblem(device, target));
        }
      }
      const key = keyOf(device.kind, device.targetId);
      // newest before this message's rows are stored (read once per target, then kept here)
      let latest = newest.get(key) ?? (await loadNewest(device.kind, device.targetId));

      const failures: { index: number; problem: Problem }[] = [];
      const rowIndex: number[] = [];
      const times: number[] = [];
      const ownKind = KIND_CODE[device.kind];
      const limits = deps.limits;
      const stored = deps.writer.write(n - (problems?.size ?? 0), (data, first) => {
        let o = first * STRIDE;
        for (let index = 0; index < n; index++) {
          if (problems?.has(index)) continue;
          data[o + KIND] = ownKind;
          data[o + TARGET] = device.targetId;
          data[o + DEVICE] = device.id;
          data[o + RECEIVED] = at;
          data.fill(NaN, o + VALUES_AT, o + STRIDE);
          const checked = checkReadingInto(readings[index], device.kind, at, limits, data, o + VALUES_AT);
          if (typeof checked === 'number') {
            data[o + TS] = checked;
            rowIndex.push(index);
            times.push(checked);
            o += STRIDE;
          } else failures.push({ index, problem: checked });
        }
        return rowIndex.length;
      });

      const dead: DeadLetter[] = [];
      const reject = (index: number, { code, reason }: Problem) => {
        results[index] = { index, status: 'rejected', code, reason };
        const raw = readings[index];
        dead.push({
          at: new Date(at).toISOString(),
          channel,
          deviceId: device.id,
          enterpriseId: device.enterpriseId,
          target: (envelope === 'per-item' ? itemTarget(raw) : envelope).code ?? null,
          code,
          reason,
          payload: JSON.stringify(raw)?.slice(0, 4000) ?? null,
        });
      };
      if (problems) for (const [index, problem] of problems) reject(index, problem);
      for (const { index, problem } of failures) reject(index, problem);
      if (dead.length > 0) count(device, 'rejected', dead.length);
      // the dead letters are written while the readings commit
      const [flags] = await Promise.all([
        stored,
        dead.length > 0 ? deps.repo.insertDeadLetters(dead) : undefined,
      ]);

      if (flags.length > 0) {
        let accepted = 0;
        let duplicates = 0;
        let outOfOrder = 0;
        for (let r = 0; r < flags.length; r++) {
          const index = rowIndex[r] as number;
          if (flags[r] === 0) {
            results[index] = { index, status: 'duplicate' };
            duplicates++;
            continue;
          }
          const ts = times[r] as number;
          accepted++;
          if (ts < latest) {
            results[index] = { index, status: 'accepted', outOfOrder: true };
            outOfOrder++;
          } else {
            latest = ts;
            results[index] = { index, status: 'accepted' };
          }
        }
        if (accepted > 0) count(device, 'accepted', accepted);
        if (duplicates > 0) count(device, 'duplicates', duplicates);
        if (outOfOrder > 0) count(device, 'outOfOrder', outOfOrder);
        // several messages of one target may commit together: keep the newest of what each saw
        if (latest > (newest.get(key) ?? -Infinity)) newest.set(key, latest);
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
      code: IngestRejectionCode,
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

    /**
     * Dead-letters a message no device can be held responsible for (an external broker delivering for a
     * station or household without a registered device): kept for supervisors, never stored as readings.
     */
    async rejectUnattributed(
      channel: IngestChannel,
      target: { kind: TargetKind; code: string },
      payload: string,
    ): Promise<void> {
      const label = target.kind === 'station' ? '换热站' : '住户';
      const known = await deps.targetExists(target.kind, target.code);
      await deps.repo.insertDeadLetters([
        {
          at: new Date(now()).toISOString(),
          channel,
          deviceId: null,
          enterpriseId: null,
          target: target.code,
          code: known ? 'message.no_device' : `reading.unknown_${target.kind}`,
          reason: known
            ? `${label} ${target.code} 没有登记的采集设备 / no registered device for this ${target.kind}`
            : `${label} ${target.code} 不存在 / unknown ${target.kind}`,
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
