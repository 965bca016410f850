// Telemetry ingest for every channel (MQTT embedded/external, HTTP batch): per-reading validation, storage
// through the group-commit writer, duplicates and out-of-order flagged, rejections dead-lettered and counted.
// A bad reading never takes the good ones beside it down; callers are answered after the commit.
import type { IngestItemResult, IngestRejectionCode } from '@hearth/contracts/telemetry';
import type { DeviceIdentity } from '../devices/devices.service.ts';
import type { CounterDelta, DeadLetter, IngestRepository } from './ingest.repository.ts';
import {
  DEVICE,
  KIND,
  KIND_CODE,
  RECEIVED,
  STRIDE,
  TARGET,
  TS,
  VALUES_AT,
} from '../telemetry/reading-batch.ts';
import { checkReadingInto, type ReadingLimits } from './reading.rules.ts';
import { MIN_READING_BYTES, scanReadings } from './reading-scan.ts';
import { parseJsonBody } from './batch-json.ts';
import { MAX_READINGS_PER_MESSAGE, TOO_DEEP, decodePayload } from './mqtt/payload.ts';
import { jsonDepthExceeds } from '../../lib/json-depth.ts';
import { DomainError } from '../../http/domain-error.ts';
import {
  ACCEPTED,
  DUPLICATE,
  OUT_OF_ORDER,
  REJECTED,
  createOutcome,
  outcomeResults,
  type IngestOutcome,
} from './ingest-outcome.ts';
import type { TargetKind, TelemetryStore } from '../telemetry/telemetry.store.ts';
import type { TelemetryWriter } from './ingest.writer.ts';

export type IngestChannel = 'mqtt' | 'http';

/**
 * Where the readings of one message belong: MQTT names one target in the topic for all of them; an HTTP batch
 * names it per item (`stationCode` or `householdCode` beside `ts` and `values`).
 */
export type IngestEnvelope = { kind: TargetKind; code: string } | 'per-item';

type ItemTarget = { kind: TargetKind; code: string | undefined };
/** rows of one message on their way to a commit, with each row's item index and time */
type Part = { stored: Promise<Uint8Array>; rowIndex: number[]; times: number[] };
type Problem = { code: IngestRejectionCode; reason: string };

/** the target an HTTP item names (a household code wins; no code at all is reported as a missing station) */
function itemTarget(raw: unknown): ItemTarget {
  const item = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  if (typeof item.householdCode === 'string') return { kind: 'household', code: item.householdCode };
  return { kind: 'station', code: typeof item.stationCode === 'string' ? item.stationCode : undefined };
}

const kindLabel = (kind: TargetKind) => (kind === 'station' ? '换热站' : '住户');

/** the start of a message's text for its dead letter (which keeps 4,000 characters: at most 12,000 bytes) */
const preview = (bytes: Buffer) => bytes.toString('utf8', 0, Math.min(bytes.length, 16_000));

/** whether an HTTP item names the device's own target, exactly as itemTarget reads it (without allocating) */
function namesOwnTarget(raw: unknown, device: DeviceIdentity): boolean {
  if (typeof raw !== 'object' || raw === null) return false;
  const { householdCode, stationCode } = raw as { householdCode?: unknown; stationCode?: unknown };
  return typeof householdCode === 'string'
    ? device.kind === 'household' && householdCode === device.targetCode
    : device.kind === 'station' && stationCode === device.targetCode;
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

  /** kinds whose newest times have been read from the store: once, for every target of the kind */
  const loadedKinds = new Map<TargetKind, Promise<void>>();

  function loadNewest(kind: TargetKind): Promise<void> {
    let loading = loadedKinds.get(kind);
    if (!loading) {
      // one read for all targets (a city's first minute would otherwise ask once per sensor)
      loading = deps.store.latest(kind).then((records) => {
        for (const [id, record] of records) {
          const key = keyOf(kind, id);
          if (!((newest.get(key) ?? -Infinity) >= record.ts)) newest.set(key, record.ts);
        }
      });
      loading.catch(() => loadedKinds.delete(kind)); // read again next time
      loadedKinds.set(kind, loading);
    }
    return loading;
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
    const label = kindLabel(target.kind);
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
      reason: `设备 ${device.id} 只能上报自己的${kindLabel(device.kind)} / a device may report only for its own ${device.kind}`,
    };
  }

  /** a dead letter of `channel` at `at`; payloads are kept to 4,000 characters */
  function letter(
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

  /** the device's own target code as UTF-8, for the scanner (identities are cached objects) */
  const codeBytes = new WeakMap<DeviceIdentity, Uint8Array>();
  /** rows scanned before they go to the writer, reused by every message (scanning is synchronous) */
  let scratch = new Float64Array(256 * STRIDE);

  /**
   * The newest stored time of the device's target before this message's rows are written: a number when it is
   * known (nearly always — no promise per message then), else a promise of it.
   */
  function newestBefore(device: DeviceIdentity): number | Promise<number> {
    const key = keyOf(device.kind, device.targetId);
    return newest.get(key) ?? loadNewest(device.kind).then(() => newest.get(key) ?? -Infinity);
  }

  /**
   * The general path for readings given as parsed JSON (`indices`: their item numbers in the message, when they
   * are not all of it): targets first (a foreign one needs a lookup), then one synchronous pass validates each
   * reading straight into the writer's forming group. Rejections go to `results` and `dead`.
   */
  async function prepare(
    device: DeviceIdentity,
    channel: IngestChannel,
    readings: readonly unknown[],
    indices: readonly number[] | null,
    envelope: IngestEnvelope,
    at: number,
    outcome: IngestOutcome,
    dead: DeadLetter[],
  ): Promise<Part> {
    const n = readings.length;
    let problems: Map<number, Problem> | undefined;
    const ownEnvelope =
      envelope !== 'per-item' && envelope.kind === device.kind && envelope.code === device.targetCode;
    if (!ownEnvelope) {
      for (let k = 0; k < n; k++) {
        const raw = readings[k];
        if (envelope === 'per-item' && namesOwnTarget(raw, device)) continue;
        const target = envelope === 'per-item' ? itemTarget(raw) : envelope;
        (problems ??= new Map()).set(k, await targetProblem(device, target));
      }
    }
    const failures: { k: number; problem: Problem }[] = [];
    const rowIndex: number[] = [];
    const times: number[] = [];
    const ownKind = KIND_CODE[device.kind];
    const limits = deps.limits;
    const stored = deps.writer.write(n - (problems?.size ?? 0), (data, first) => {
      let o = first * STRIDE;
      for (let k = 0; k < n; k++) {
        if (problems?.has(k)) continue;
        data[o + KIND] = ownKind;
        data[o + TARGET] = device.targetId;
        data[o + DEVICE] = device.id;
        data[o + RECEIVED] = at;
        data.fill(NaN, o + VALUES_AT, o + STRIDE);
        const checked = checkReadingInto(readings[k], device.kind, at, limits, data, o + VALUES_AT);
        if (typeof checked === 'number') {
          data[o + TS] = checked;
          rowIndex.push(indices ? (indices[k] as number) : k);
          times.push(checked);
          o += STRIDE;
        } else failures.push({ k, problem: checked });
      }
      return rowIndex.length;
    });
    const reject = (k: number, problem: Problem) => {
      const index = indices ? (indices[k] as number) : k;
      outcome.statuses[index] = REJECTED;
      (outcome.rejections ??= new Map()).set(index, problem);
      outcome.rejected++;
      const raw = readings[k];
      const target = (envelope === 'per-item' ? itemTarget(raw) : envelope).code ?? null;
      dead.push(letter(at, channel, device, target, problem, JSON.stringify(raw) ?? null));
    };
    if (problems) for (const [k, problem] of problems) reject(k, problem);
    for (const { k, problem } of failures) reject(k, problem);
    return { stored, rowIndex, times };
  }

  /**
   * Waits for the commits (and the dead letters, written meanwhile), then gives every stored row its status
   * in item order: duplicate, or accepted and out of order when older than the target's newest before it.
   */
  async function settle(
    device: DeviceIdentity,
    outcome: IngestOutcome,
    parts: readonly Part[],
    newestSeen: number,
    dead: readonly DeadLetter[],
  ): Promise<IngestOutcome> {
    if (dead.length > 0) count(device, 'rejected', dead.length);
    // the common case (one part, nothing dead) without the arrays and promises of Promise.all
    const flags =
      parts.length === 1 && dead.length === 0
        ? [await (parts[0] as Part).stored]
        : (
            await Promise.all([
              Promise.all(parts.map((p) => p.stored)),
              dead.length > 0 ? deps.repo.insertDeadLetters(dead) : undefined,
            ])
          )[0];
    let latest = newestSeen;
    const statuses = outcome.statuses;
    const mark = (index: number, ts: number, isNew: boolean) => {
      if (!isNew) {
        statuses[index] = DUPLICATE;
        outcome.duplicates++;
      } else if (ts < latest) {
        statuses[index] = OUT_OF_ORDER;
        outcome.accepted++;
        outcome.outOfOrder++;
      } else {
        latest = ts;
        statuses[index] = ACCEPTED;
        outcome.accepted++;
      }
    };
    if (parts.length === 1) {
      const [part] = parts as [Part];
      const stored = flags[0] as Uint8Array;
      for (let r = 0; r < part.rowIndex.length; r++) {
        mark(part.rowIndex[r] as number, part.times[r] as number, stored[r] === 1);
      }
    } else {
      // rows of the parts merged by item index (each part's rows are in item order)
      const cursors = parts.map(() => 0);
      for (;;) {
        let next = -1;
        for (let q = 0; q < parts.length; q++) {
          const at = cursors[q] as number;
          const part = parts[q] as Part;
          if (at < part.rowIndex.length) {
            const best =
              next < 0 ? Infinity : ((parts[next] as Part).rowIndex[cursors[next] as number] as number);
            if ((part.rowIndex[at] as number) < best) next = q;
          }
        }
        if (next < 0) break;
        const part = parts[next] as Part;
        const r = cursors[next] as number;
        cursors[next] = r + 1;
        mark(part.rowIndex[r] as number, part.times[r] as number, (flags[next] as Uint8Array)[r] === 1);
      }
    }
    const { accepted, duplicates, outOfOrder } = outcome;
    if (accepted + duplicates > 0) {
      if (accepted > 0) count(device, 'accepted', accepted);
      if (duplicates > 0) count(device, 'duplicates', duplicates);
      if (outOfOrder > 0) count(device, 'outOfOrder', outOfOrder);
      // several messages of one target may commit together: keep the newest of what each saw
      const key = keyOf(device.kind, device.targetId);
      if (latest > (newest.get(key) ?? -Infinity)) newest.set(key, latest);
      seen.add(device.id);
      for (const listener of listeners) listener(device.kind, device.targetId);
    }
    return outcome;
  }

  /**
   * The fast path for a message as JSON bytes (see reading-scan.ts): null when the scanner leaves the message
   * to the general path (nothing has been written then).
   */
  async function ingestScanned(
    device: DeviceIdentity,
    channel: IngestChannel,
    bytes: Buffer,
    envelope: IngestEnvelope,
    maxItems: number,
  ): Promise<IngestOutcome | null> {
    const perItem = envelope === 'per-item';
    if (!perItem && (envelope.kind !== device.kind || envelope.code !== device.targetCode)) return null;
    const known = newestBefore(device);
    const newestSeen = typeof known === 'number' ? known : await known;
    const at = now();
    const capacity = (Math.floor(bytes.length / MIN_READING_BYTES) + 1) * STRIDE;
    if (scratch.length < capacity) scratch = new Float64Array(capacity);
    let code = codeBytes.get(device);
    if (!code) codeBytes.set(device, (code = Buffer.from(device.targetCode, 'utf8')));
    const scan = scanReadings(
      bytes,
      { kind: device.kind, code, perItem },
      at,
      deps.limits,
      scratch,
      0,
      maxItems,
    );
    if (!scan || scan.items === 0) return null;
    // the items the scanner did not take, parsed before anything is written (so that null still means nothing)
    let exceptions: unknown[] | undefined;
    if (scan.exceptions.length > 0) {
      try {
        exceptions = scan.exceptions.map(
          (e) => JSON.parse(bytes.toString('utf8', e.start, e.end)) as unknown,
        );
      } catch {
        return null;
      }
    }
    const rows = scan.rows;
    const source = scratch;
    const ownKind = KIND_CODE[device.kind];
    const stored = deps.writer.write(rows, (data, first) => {
      data.set(source.subarray(0, rows * STRIDE), first * STRIDE);
      for (let o = first * STRIDE, last = (first + rows) * STRIDE; o < last; o += STRIDE) {
        data[o + KIND] = ownKind;
        data[o + TARGET] = device.targetId;
        data[o + DEVICE] = device.id;
        data[o + RECEIVED] = at;
      }
      return rows;
    });
    const outcome = createOutcome(scan.items);
    const dead: DeadLetter[] = [];
    const parts: Part[] = [{ stored, rowIndex: scan.rowIndex, times: scan.times }];
    if (exceptions) {
      const indices = scan.exceptions.map((e) => e.index);
      parts.push(await prepare(device, channel, exceptions, indices, envelope, at, outcome, dead));
    }
    return settle(device, outcome, parts, newestSeen, dead);
  }

  /** Rejects a whole message before it reaches a device's readings (unparseable payload). */
  async function rejectMessage(
    device: DeviceIdentity,
    channel: IngestChannel,
    code: IngestRejectionCode,
    reason: string,
    payload: string | null,
  ): Promise<void> {
    count(device, 'rejected');
    await deps.repo.insertDeadLetters([
      letter(now(), channel, device, device.targetCode, { code, reason }, payload),
    ]);
  }

  /** the general path for parsed readings */
  async function ingestParsed(
    device: DeviceIdentity,
    channel: IngestChannel,
    readings: readonly unknown[],
    envelope: IngestEnvelope,
  ): Promise<IngestOutcome> {
    const newestSeen = await newestBefore(device);
    const outcome = createOutcome(readings.length);
    const dead: DeadLetter[] = [];
    const part = await prepare(device, channel, readings, null, envelope, now(), outcome, dead);
    return settle(device, outcome, [part], newestSeen, dead);
  }

  return {
    /**
     * Ingests the readings of one message or request (parsed JSON) from an authenticated device. Resolves after
     * every accepted reading is committed, with one result per item in order.
     */
    async ingest(
      device: DeviceIdentity,
      channel: IngestChannel,
      readings: readonly unknown[],
      envelope: IngestEnvelope,
    ): Promise<IngestItemResult[]> {
      return outcomeResults(await ingestParsed(device, channel, readings, envelope));
    },

    /**
     * An HTTP batch as its JSON bytes: an array of `{ stationCode | householdCode, ts, values }`. Throws
     * SyntaxError for text that is not JSON, `request.invalid` for JSON that is not such an array and
     * `message.too_deep` (dead-lettered) for text nested deeper than MAX_JSON_DEPTH.
     */
    async ingestBatch(device: DeviceIdentity, bytes: Buffer, maxItems: number): Promise<IngestOutcome> {
      const fast = await ingestScanned(device, 'http', bytes, 'per-item', maxItems);
      if (fast) return fast;
      // (the scanner never takes a message deeper than this: it is measured before anything parses it)
      if (jsonDepthExceeds(bytes)) {
        await rejectMessage(device, 'http', TOO_DEEP.code, TOO_DEEP.reason, preview(bytes));
        throw new DomainError(TOO_DEEP.code, 422, TOO_DEEP.reason);
      }
      const parsed = parseJsonBody(bytes);
      if (!Array.isArray(parsed) || parsed.length > maxItems) {
        throw new DomainError(
          'request.invalid',
          400,
          '请求体须为读数数组 / the body must be a JSON array of readings',
          [
            {
              path: 'body',
              reason: Array.isArray(parsed) ? `at most ${maxItems} items` : 'expected an array',
            },
          ],
        );
      }
      return ingestParsed(device, 'http', parsed, 'per-item');
    },

    /**
     * An MQTT message as its payload bytes (one reading or an array) for the target its topic names; a payload
     * that is not JSON readings is dead-lettered whole. Resolves once everything is committed.
     */
    async ingestMessage(
      device: DeviceIdentity,
      payload: Buffer,
      target: { kind: TargetKind; code: string },
    ): Promise<void> {
      if (await ingestScanned(device, 'mqtt', payload, target, MAX_READINGS_PER_MESSAGE)) return;
      const decoded = decodePayload(payload);
      if (decoded.ok) await ingestParsed(device, 'mqtt', decoded.readings, target);
      else await rejectMessage(device, 'mqtt', decoded.code, decoded.reason, preview(payload));
    },

    /** Called after each commit that stored readings of a target (live view); returns an unsubscribe. */
    onStored(listener: (kind: TargetKind, targetId: number) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    /** Another process on the same database stored readings of these targets: the live views here refresh. */
    announceStored(kind: TargetKind, targetIds: readonly number[]): void {
      for (const id of targetIds) for (const listener of listeners) listener(kind, id);
    },

    /** Rejects a whole message before it reaches a device's readings (unparseable payload). */
    reject: rejectMessage,

    /**
     * Dead-letters a message no device can be held responsible for (an external broker delivering for a
     * station or household without a registered device): kept for supervisors, never stored as readings.
     */
    async rejectUnattributed(
      channel: IngestChannel,
      target: { kind: TargetKind; code: string },
      payload: string,
    ): Promise<void> {
      const label = kindLabel(target.kind);
      const problem: Problem = (await deps.targetExists(target.kind, target.code))
        ? {
            code: 'message.no_device',
            reason: `${label} ${target.code} 没有登记的采集设备 / no registered device for this ${target.kind}`,
          }
        : {
            code: `reading.unknown_${target.kind}`,
            reason: `${label} ${target.code} 不存在 / unknown ${target.kind}`,
          };
      await deps.repo.insertDeadLetters([letter(now(), channel, null, target.code, problem, payload)]);
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
