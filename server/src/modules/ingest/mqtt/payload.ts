// Decodes an MQTT telemetry payload (one reading or an array) into the readings for its topic's target.
import type { IngestRejectionCode } from '@hearth/contracts/telemetry';
import { MAX_JSON_DEPTH, jsonDepthExceeds } from '../../../lib/json-depth.ts';

export const MAX_READINGS_PER_MESSAGE = 10_000;

export type DecodedPayload =
  { ok: true; readings: unknown[] } | { ok: false; code: IngestRejectionCode; reason: string };

/** the rejection of a message nested deeper than MAX_JSON_DEPTH (on every channel) */
export const TOO_DEEP = {
  code: 'message.too_deep',
  reason: `消息嵌套过深（最多 ${MAX_JSON_DEPTH} 层）/ message nested too deeply (at most ${MAX_JSON_DEPTH} levels)`,
} as const;

export function decodePayload(payload: Buffer): DecodedPayload {
  // measured before JSON.parse: nothing recursive ever walks a deeper structure
  if (jsonDepthExceeds(payload)) return { ok: false, ...TOO_DEEP };
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload.toString('utf8'));
  } catch {
    return {
      ok: false,
      code: 'message.malformed_json',
      reason: '消息不是有效的 JSON / payload is not valid JSON',
    };
  }
  const readings: unknown[] = Array.isArray(parsed) ? parsed : [parsed];
  if (readings.length === 0)
    return { ok: false, code: 'message.empty', reason: '消息没有读数 / no readings' };
  if (readings.length > MAX_READINGS_PER_MESSAGE) {
    return {
      ok: false,
      code: 'message.too_large',
      reason: `一条消息最多 ${MAX_READINGS_PER_MESSAGE} 个读数 / too many readings`,
    };
  }
  return { ok: true, readings };
}
