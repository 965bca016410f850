// Pure rules of data quality and indoor-sensor sampling (SPEC §3.2): coverage, completeness, stale points,
// and sampling shares against the city's minimum (e.g. ≥ 3 % of households).
import type { LatestRecord } from './telemetry.store.ts';

/** Share of the window's 15-minute intervals that hold data: 96 per day. */
export function completeness(bucketsWithData: number, windowMs: number): number {
  const expected = Math.max(1, Math.round(windowMs / 900_000));
  return Math.min(1, bucketsWithData / expected);
}

/** Points of a reporting target whose own value is older than the stale window (stuck or dead sensors). */
export function stalePoints(record: LatestRecord | undefined, now: number, staleMs: number): number {
  if (!record || now - record.ts >= staleMs) return 0; // a silent station is counted as offline instead
  let stale = 0;
  for (const point of Object.values(record.points)) if (point && now - point.ts >= staleMs) stale++;
  return stale;
}

export function samplingShare(sensors: number, households: number, minimumShare: number) {
  const share = households > 0 ? sensors / households : 0;
  return { share, belowMinimum: households > 0 && share < minimumShare };
}
