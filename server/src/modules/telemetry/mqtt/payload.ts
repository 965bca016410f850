// Decodes an MQTT telemetry payload (one reading or an array) into ingest items for its topic's target.
import type { IngestItem } from '../ingest.service.ts';
import type { TargetKind } from '../telemetry.store.ts';

export const MAX_READINGS_PER_MESSAGE = 10_000;

export type DecodedPayload = { ok: true; items: IngestItem[] } | { ok: false; code: string; reason: string };

export function decodePayload(payload: Buffer, kind: TargetKind, code: string): DecodedPayload {
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
  const readings = Array.isArray(parsed) ? parsed : [parsed];
  if (readings.length === 0)
    return { ok: false, code: 'message.empty', reason: '消息没有读数 / no readings' };
  if (readings.length > MAX_READINGS_PER_MESSAGE) {
    return {
      ok: false,
      code: 'message.too_large',
      reason: `一条消息最多 ${MAX_READINGS_PER_MESSAGE} 个读数 / too many readings`,
    };
  }
  return { ok: true, items: readings.map((reading: unknown) => ({ kind, targetCode: code, reading })) };
}
