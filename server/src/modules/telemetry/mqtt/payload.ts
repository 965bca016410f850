// Decodes an MQTT telemetry payload (one reading or an array) into the readings for its topic's target.
import type { IngestRejectionCode } from '@hearth/contracts/telemetry';

export const MAX_READINGS_PER_MESSAGE = 10_000;

export type DecodedPayload =
  { ok: true; readings: unknown[] } | { ok: false; code: IngestRejectionCode; reason: string };

export function decodePayload(payload: Buffer): DecodedPayload {
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
