// Rules of the demo city's season history: which heating season it covers, when its faults begin, and at which
// steps each target reports (full cadence recently, thinned further back).

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** station reading interval of the history, ms */
export const STATION_STEP_MS = 15 * 60_000;

/** The legal heating period in city time: 11-15 00:00 up to (not including) 03-16 00:00. */
function seasonBounds(year: number, offsetMs: number): { from: number; to: number } {
  return {
    from: Date.UTC(year, 10, 15) - offsetMs,
    to: Date.UTC(year + 1, 2, 16) - offsetMs,
  };
}

/**
 * The span the history covers: from the start of the current heating season up to `nowMs` (rounded down to a
 * station step), or the whole of the last season when `nowMs` is out of season. `offsetMs`: the city's UTC offset.
 */
export function seasonWindow(
  nowMs: number,
  offsetMs: number,
): { from: number; to: number; inSeason: boolean } {
  const year = new Date(nowMs + offsetMs).getUTCFullYear();
  for (const y of [year, year - 1]) {
    const s = seasonBounds(y, offsetMs);
    if (nowMs >= s.from && nowMs < s.to)
      return { from: s.from, to: Math.floor(nowMs / STATION_STEP_MS) * STATION_STEP_MS, inSeason: true };
  }
  const last = seasonBounds(nowMs >= seasonBounds(year, offsetMs).to ? year : year - 1, offsetMs);
  return { from: last.from, to: last.to - STATION_STEP_MS, inSeason: false };
}

/** When each fault begins, counted back from the end of the history (so the views of "now" find them). */
export const FAULT_LEAD_MS = {
  /** a leak three days old: make-up water ×10, pressure sagging */
  leak: 3 * DAY_MS,
  /** an under-heated week */
  underheat: 7 * DAY_MS,
  /** sensors frozen for the last day and a half */
  stuck: 36 * HOUR_MS,
  /** a station silent for the last six hours */
  offline: 6 * HOUR_MS,
} as const;

export type Cadence = {
  /** readings at full cadence (stations every 15 min, indoor sensors hourly) from this instant on */
  fullFrom: number;
  /** before `fullFrom`: station readings every this many ms (a multiple of the station step) */
  olderStationMs: number;
  /** indoor readings every this many ms before `fullFrom` (full cadence: hourly) */
  olderHouseholdMs: number;
};

/** Full cadence throughout. */
export const FULL_CADENCE = (from: number): Cadence => ({
  fullFrom: from,
  olderStationMs: STATION_STEP_MS,
  olderHouseholdMs: HOUR_MS,
});

/** the last days kept at full cadence by default */
export const FULL_CADENCE_DAYS = 7;
/** thinning steps for the older part, finest first: [station, household] intervals */
const THINNING: readonly (readonly [number, number])[] = [
  [STATION_STEP_MS, HOUR_MS],
  [HOUR_MS, HOUR_MS],
  [HOUR_MS, 3 * HOUR_MS],
  [HOUR_MS, 6 * HOUR_MS],
  [3 * HOUR_MS, 12 * HOUR_MS],
  [6 * HOUR_MS, 24 * HOUR_MS],
];

/**
 * The finest cadence whose readings stay within `maxRows`: full cadence throughout when it fits, else full for
 * the last `fullDays` (a week) and the older part thinned (stations at least hourly first: the hourly rollup stays whole).
 */
export function cadenceWithin(
  window: { from: number; to: number },
  targets: { stations: number; households: number },
  maxRows: number,
  fullDays = FULL_CADENCE_DAYS,
): Cadence {
  const fullFrom = Math.max(window.from, window.to - fullDays * DAY_MS);
  const rows = (c: Cadence) => {
    const older = fullFrom - window.from;
    const recent = window.to - fullFrom;
    return (
      targets.stations * (older / c.olderStationMs + recent / STATION_STEP_MS) +
      targets.households * (older / c.olderHouseholdMs + recent / HOUR_MS)
    );
  };
  const full = FULL_CADENCE(window.from);
  if (rows(full) <= maxRows) return full;
  const steps = THINNING.map(([olderStationMs, olderHouseholdMs]) => ({
    fullFrom,
    olderStationMs,
    olderHouseholdMs,
  }));
  return steps.find((c) => rows(c) <= maxRows) ?? (steps[steps.length - 1] as Cadence);
}

/** Whether a station reports at step time `t`. */
export function stationDue(t: number, c: Cadence): boolean {
  return t >= c.fullFrom || t % c.olderStationMs === 0;
}

/** Whether the indoor sensors report at step time `t` (on the hour; sparser before `fullFrom`). */
export function householdDue(t: number, c: Cadence): boolean {
  return t % (t >= c.fullFrom ? HOUR_MS : c.olderHouseholdMs) === 0;
}
