// MQTT topic grammar of contract v1: hearth/v1/stations/{code}/telemetry, hearth/v1/households/{code}/indoor.
import type { TargetKind } from '../../telemetry/telemetry.store.ts';

const PATTERN = /^hearth\/v1\/(stations\/([^/+#]{1,40})\/telemetry|households\/([^/+#]{1,40})\/indoor)$/;

export function parseTopic(topic: string): { kind: TargetKind; code: string } | null {
  const m = PATTERN.exec(topic);
  if (!m) return null;
  return m[2] !== undefined ? { kind: 'station', code: m[2] } : { kind: 'household', code: m[3] as string };
}

/** Subscriptions of the ingest role on an external broker (wrapped in `$share/<group>/` to split the load). */
export const INGEST_TOPICS = ['hearth/v1/stations/+/telemetry', 'hearth/v1/households/+/indoor'] as const;
