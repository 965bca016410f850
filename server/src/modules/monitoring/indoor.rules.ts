// Pure rules of indoor temperatures 室温 (SPEC §5: 18 ℃ under GB/T 33833-2017; some provinces 20 ℃): which sensed
// households report, which are below the standard, and a community's figures and compliance share 室温合格率.
import type { IndoorSummary } from '@hearth/contracts/telemetry';

/** A sensed household's newest indoor temperature (℃, epoch ms), or nulls before its first reading. */
export type IndoorReading = { householdId: number; value: number | null; ts: number | null };

/**
 * The figures over the households reporting within `staleMs` of `now`; the list coldest first, then the
 * silent ones (newest first), then those that never reported (by id).
 */
export function indoorSummary(
  communityId: number,
  readings: readonly IndoorReading[],
  now: number,
  staleMs: number,
  standard: number,
): IndoorSummary {
  let reporting = 0;
  let below = 0;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  const households = readings.map((r) => {
    const stale = r.value === null || r.ts === null || now - r.ts >= staleMs;
    const belowStandard = !stale && (r.value as number) < standard;
    if (!stale) {
      const v = r.value as number;
      reporting++;
      sum += v;
      if (v < min) min = v;
      if (v > max) max = v;
      if (belowStandard) below++;
    }
    return { reading: r, stale, belowStandard };
  });
  const rank = (h: (typeof households)[number]) => (!h.stale ? 0 : h.reading.ts !== null ? 1 : 2);
  households.sort(
    (a, b) =>
      rank(a) - rank(b) ||
      (rank(a) === 0 ? (a.reading.value as number) - (b.reading.value as number) : 0) ||
      (rank(a) === 1 ? (b.reading.ts as number) - (a.reading.ts as number) : 0) ||
      a.reading.householdId - b.reading.householdId,
  );
  return {
    communityId,
    standard,
    sensed: readings.length,
    reporting,
    belowStandard: below,
    compliance: reporting > 0 ? (reporting - below) / reporting : null,
    min: reporting > 0 ? min : null,
    mean: reporting > 0 ? sum / reporting : null,
    max: reporting > 0 ? max : null,
    households: households.map(({ reading, stale, belowStandard }) => ({
      householdId: reading.householdId,
      value: reading.value,
      ts: reading.ts === null ? null : new Date(reading.ts).toISOString(),
      stale,
      belowStandard,
    })),
  };
}
