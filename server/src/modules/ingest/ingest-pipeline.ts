// The ingest hot path: a message's readings into the writer's forming group — scanned from the JSON bytes
// (reading-scan.ts) or checked one by one when parsed — then, after the commit, each item's status.
import type { DeviceIdentity } from '../devices/devices.service.ts';
import type { DeadLetter } from './ingest.repository.ts';
import {
  KIND_CODE,
  allocRows,
  copyRows,
  rowCapacity,
  setTime,
  stampRows,
  startRow,
  valuesAt,
} from '../telemetry/reading-batch.ts';
import { checkReadingInto, type ReadingLimits } from './reading.rules.ts';
import { MIN_READING_BYTES, scanReadings, type ScanResult } from './reading-scan.ts';
import { REJECTED, createOutcome, type IngestOutcome } from './ingest-outcome.ts';
import type { TelemetryWriter } from './ingest.writer.ts';
import { markStatuses, type Part } from './ingest-statuses.ts';
import { deadLetter, type IngestLedger } from './ingest-ledger.ts';
import type { NewestTimes } from './ingest-newest.ts';
import {
  itemTarget,
  namesOwnTarget,
  ownEnvelope,
  targetCodeOf,
  targetProblem,
  type IngestChannel,
  type IngestEnvelope,
  type Problem,
  type TargetExists,
} from './ingest-targets.ts';

export type IngestPipelineDeps = {
  writer: TelemetryWriter;
  ledger: IngestLedger;
  newest: NewestTimes;
  targetExists: TargetExists;
  limits: ReadingLimits;
  now: () => number;
};

/** one message on its way: its device, channel, envelope, arrival time and what has been decided so far */
type Message = {
  device: DeviceIdentity;
  channel: IngestChannel;
  envelope: IngestEnvelope;
  at: number;
  outcome: IngestOutcome;
  dead: DeadLetter[];
};

/** the items whose target is not the device's own, with the reason (a foreign one needs a lookup) */
async function targetProblems(
  targetExists: TargetExists,
  msg: Message,
  readings: readonly unknown[],
): Promise<Map<number, Problem> | undefined> {
  const { device, envelope } = msg;
  if (ownEnvelope(envelope, device)) return undefined;
  let problems: Map<number, Problem> | undefined;
  for (let k = 0; k < readings.length; k++) {
    const raw = readings[k];
    if (envelope === 'per-item' && namesOwnTarget(raw, device)) continue;
    const target = envelope === 'per-item' ? itemTarget(raw) : envelope;
    (problems ??= new Map()).set(k, await targetProblem(targetExists, device, target));
  }
  return problems;
}

/** records a rejected item (`index` in the message, `raw` its reading) in the outcome and as a dead letter */
function reject(msg: Message, index: number, raw: unknown, problem: Problem): void {
  const { outcome } = msg;
  outcome.statuses[index] = REJECTED;
  (outcome.rejections ??= new Map()).set(index, problem);
  outcome.rejected++;
  const target = targetCodeOf(msg.envelope, raw);
  msg.dead.push(deadLetter(msg.at, msg.channel, msg.device, target, problem, JSON.stringify(raw) ?? null));
}

/** the items the scanner did not take, parsed (undefined: none; null: not JSON after all) */
function parseExceptions(bytes: Buffer, result: ScanResult): unknown[] | undefined | null {
  if (result.exceptions.length === 0) return undefined;
  try {
    return result.exceptions.map((e) => JSON.parse(bytes.toString('utf8', e.start, e.end)) as unknown);
  } catch {
    return null;
  }
}

export function createIngestPipeline(deps: IngestPipelineDeps) {
  const { writer, ledger, newest, limits } = deps;
  /** the device's own target code as UTF-8, for the scanner (identities are cached objects) */
  const codeBytes = new WeakMap<DeviceIdentity, Uint8Array>();
  /** rows scanned before they go to the writer, reused by every message (scanning is synchronous) */
  let scratch = allocRows(256);

  /**
   * The general path for readings given as parsed JSON (`indices`: their item numbers in the message, when they
   * are not all of it): targets first, then one synchronous pass validates each reading straight into the
   * writer's forming group. Rejections go to the message's outcome and dead letters.
   */
  async function prepare(msg: Message, readings: readonly unknown[], indices: readonly number[] | null) {
    const { device, at } = msg;
    const n = readings.length;
    const problems = await targetProblems(deps.targetExists, msg, readings);
    const failures: { k: number; problem: Problem }[] = [];
    const rowIndex: number[] = [];
    const times: number[] = [];
    const ownKind = KIND_CODE[device.kind];
    const stored = writer.write(n - (problems?.size ?? 0), (data, first) => {
      let r = first;
      for (let k = 0; k < n; k++) {
        if (problems?.has(k)) continue;
        startRow(data, r, ownKind, device.targetId, device.id, at);
        const checked = checkReadingInto(readings[k], device.kind, at, limits, data, valuesAt(r));
        if (typeof checked === 'number') {
          setTime(data, r++, checked);
          rowIndex.push(indices ? (indices[k] as number) : k);
          times.push(checked);
        } else failures.push({ k, problem: checked });
      }
      return rowIndex.length;
    });
    const indexOf = (k: number) => (indices ? (indices[k] as number) : k);
    if (problems) for (const [k, problem] of problems) reject(msg, indexOf(k), readings[k], problem);
    for (const { k, problem } of failures) reject(msg, indexOf(k), readings[k], problem);
    return { stored, rowIndex, times } satisfies Part;
  }

  /**
   * Waits for the commits (and the dead letters, written meanwhile), then gives every stored row its status
   * and counts what happened.
   */
  async function settle(msg: Message, parts: readonly Part[], newestSeen: number): Promise<IngestOutcome> {
    const { device, outcome, dead } = msg;
    if (dead.length > 0) ledger.count(device, 'rejected', dead.length);
    // the common case (one part, nothing dead) without the arrays and promises of Promise.all
    const flags =
      parts.length === 1 && dead.length === 0
        ? [await (parts[0] as Part).stored]
        : (
            await Promise.all([
              Promise.all(parts.map((p) => p.stored)),
              dead.length > 0 ? ledger.insertDeadLetters(dead) : undefined,
            ])
          )[0];
    const latest = markStatuses(outcome, parts, flags, newestSeen);
    const { accepted, duplicates, outOfOrder } = outcome;
    if (accepted + duplicates > 0) {
      if (accepted > 0) ledger.count(device, 'accepted', accepted);
      if (duplicates > 0) ledger.count(device, 'duplicates', duplicates);
      if (outOfOrder > 0) ledger.count(device, 'outOfOrder', outOfOrder);
      newest.advance(device, latest);
      ledger.stored(device);
    }
    return outcome;
  }

  /** scans the message into the scratch rows; null when the scanner leaves it to the general path */
  function scan(device: DeviceIdentity, bytes: Buffer, perItem: boolean, at: number, maxItems: number) {
    const capacity = Math.floor(bytes.length / MIN_READING_BYTES) + 1;
    if (rowCapacity(scratch) < capacity) scratch = allocRows(capacity);
    let code = codeBytes.get(device);
    if (!code) codeBytes.set(device, (code = Buffer.from(device.targetCode, 'utf8')));
    const target = { kind: device.kind, code, perItem };
    const result = scanReadings(bytes, target, at, limits, scratch, 0, maxItems);
    return !result || result.items === 0 ? null : result;
  }

  return {
    /**
     * The fast path for a message as JSON bytes (see reading-scan.ts): null when the scanner leaves the
     * message to the general path (nothing has been written then).
     */
    async ingestScanned(
      device: DeviceIdentity,
      channel: IngestChannel,
      bytes: Buffer,
      envelope: IngestEnvelope,
      maxItems: number,
    ): Promise<IngestOutcome | null> {
      const perItem = envelope === 'per-item';
      if (!perItem && !ownEnvelope(envelope, device)) return null;
      const known = newest.before(device);
      const newestSeen = typeof known === 'number' ? known : await known;
      const at = deps.now();
      const result = scan(device, bytes, perItem, at, maxItems);
      if (!result) return null;
      // parsed before anything is written (so that null still means nothing)
      const exceptions = parseExceptions(bytes, result);
      if (exceptions === null) return null;
      const { rows } = result;
      const source = scratch;
      const ownKind = KIND_CODE[device.kind];
      const stored = writer.write(rows, (data, first) => {
        copyRows(source, 0, data, first, rows);
        stampRows(data, first, rows, ownKind, device.targetId, device.id, at);
        return rows;
      });
      const msg: Message = { device, channel, envelope, at, outcome: createOutcome(result.items), dead: [] };
      const parts: Part[] = [{ stored, rowIndex: result.rowIndex, times: result.times }];
      if (exceptions) {
        const indices = result.exceptions.map((e) => e.index);
        parts.push(await prepare(msg, exceptions, indices));
      }
      return settle(msg, parts, newestSeen);
    },

    /** the general path for parsed readings */
    async ingestParsed(
      device: DeviceIdentity,
      channel: IngestChannel,
      readings: readonly unknown[],
      envelope: IngestEnvelope,
    ): Promise<IngestOutcome> {
      const newestSeen = await newest.before(device);
      const outcome = createOutcome(readings.length);
      const msg: Message = { device, channel, envelope, at: deps.now(), outcome, dead: [] };
      const part = await prepare(msg, readings, null);
      return settle(msg, [part], newestSeen);
    },
  };
}
