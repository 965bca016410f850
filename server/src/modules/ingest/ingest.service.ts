// Telemetry ingest for every channel (MQTT embedded/external, HTTP batch): per-reading validation, storage
// through the group-commit writer, duplicates and out-of-order flagged, rejections dead-lettered and counted.
// A bad reading never takes the good ones beside it down; callers are answered after the commit.
// The hot path is ingest-pipeline.ts; the bookkeeping (dead letters, counters, last seen) ingest-ledger.ts.
import type { IngestItemResult, IngestRejectionCode } from '@hearth/contracts/telemetry';
import type { DeviceIdentity } from '../devices/devices.service.ts';
import type { IngestRepository } from './ingest.repository.ts';
import type { ReadingLimits } from './reading.rules.ts';
import { parseJsonBody } from './batch-json.ts';
import { MAX_READINGS_PER_MESSAGE, TOO_DEEP, decodePayload } from './mqtt/payload.ts';
import { jsonDepthExceeds } from '../../lib/json-depth.ts';
import { DomainError } from '../../http/domain-error.ts';
import { outcomeResults, type IngestOutcome } from './ingest-outcome.ts';
import type { TargetKind, TelemetryStore } from '../telemetry/telemetry.store.ts';
import type { TelemetryWriter } from './ingest.writer.ts';
import { createIngestLedger } from './ingest-ledger.ts';
import { createNewestTimes } from './ingest-newest.ts';
import { createIngestPipeline } from './ingest-pipeline.ts';
import {
  unattributedProblem,
  type IngestChannel,
  type IngestEnvelope,
  type TargetExists,
} from './ingest-targets.ts';

export type { IngestChannel, IngestEnvelope } from './ingest-targets.ts';

/** the start of a message's text for its dead letter (which keeps 4,000 characters: at most 12,000 bytes) */
const preview = (bytes: Buffer) => bytes.toString('utf8', 0, Math.min(bytes.length, 16_000));

export type IngestServiceDeps = {
  writer: TelemetryWriter;
  store: TelemetryStore;
  repo: IngestRepository;
  /** whether a station / household code exists at all (to tell "unknown" from "not yours") */
  targetExists: TargetExists;
  touchDevices: (ids: readonly number[], at: number) => Promise<void>;
  limits: ReadingLimits;
  deadLetterLimit?: number;
  now?: () => number;
};

function invalidBatch(parsed: unknown, maxItems: number): DomainError {
  return new DomainError(
    'request.invalid',
    400,
    '请求体须为读数数组 / the body must be a JSON array of readings',
    [{ path: 'body', reason: Array.isArray(parsed) ? `at most ${maxItems} items` : 'expected an array' }],
  );
}

export function createIngestService(deps: IngestServiceDeps) {
  const now = deps.now ?? Date.now;
  const ledger = createIngestLedger({
    repo: deps.repo,
    touchDevices: deps.touchDevices,
    deadLetterLimit: deps.deadLetterLimit ?? 10_000,
    now,
  });
  const { ingestScanned, ingestParsed } = createIngestPipeline({
    writer: deps.writer,
    ledger,
    newest: createNewestTimes(deps.store),
    targetExists: deps.targetExists,
    limits: deps.limits,
    now,
  });

  /** Rejects a whole message before it reaches a device's readings (unparseable payload). */
  async function rejectMessage(
    device: DeviceIdentity,
    channel: IngestChannel,
    code: IngestRejectionCode,
    reason: string,
    payload: string | null,
  ): Promise<void> {
    await ledger.rejectMessage(device, channel, { code, reason }, payload);
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
      if (!Array.isArray(parsed) || parsed.length > maxItems) throw invalidBatch(parsed, maxItems);
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
    onStored: ledger.onStored,

    /** Another process on the same database stored readings of these targets: the live views here refresh. */
    announceStored: ledger.announceStored,

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
      const problem = await unattributedProblem(deps.targetExists, target);
      await ledger.rejectUnattributed(channel, target.code, problem, payload);
    },

    /** The newest rejected messages (supervisors). */
    deadLetters: ledger.deadLetters,

    /** Accepted / duplicate / rejected / out-of-order counts per enterprise (one enterprise when scoped). */
    stats: ledger.stats,

    /** Persists the counters and last-seen times gathered since the last flush; trims the dead letters. */
    flush: ledger.flush,
  };
}
export type IngestService = ReturnType<typeof createIngestService>;
