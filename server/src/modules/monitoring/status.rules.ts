// Pure rules of the live view: station status from its silence, and the series resolution for a range.
import type { RollupLevel } from '../telemetry/telemetry.store.ts';

export type StationStatus = 'online' | 'stale' | 'offline' | 'no_data';

/** online while the newest reading is younger than `staleMs`, stale until `offlineMs`, then offline. */
export function stationStatus(
  lastTs: number | undefined,
  now: number,
  staleMs: number,
  offlineMs: number,
): StationStatus {
  if (lastTs === undefined) return 'no_data';
  const silence = now - lastTs;
  if (silence < staleMs) return 'online';
  if (silence < offlineMs) return 'stale';
  return 'offline';
}

/** Raw up to 6 h, 15-minute buckets up to 3 days, hours up to 60 days, days beyond (≤ ~1,500 points). */
export function resolutionFor(fromMs: number, toMs: number): 'raw' | RollupLevel {
  const span = toMs - fromMs;
  if (span <= 6 * 3_600_000) return 'raw';
  if (span <= 3 * 86_400_000) return '15m';
  if (span <= 60 * 86_400_000) return '1h';
  return '1d';
}
