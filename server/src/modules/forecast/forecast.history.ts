// The daily heat history of a forecast target: its stations' day rollups of heat power (MW mean → GJ/day), summed
// per city date, with the day's mean outdoor temperature — as DayRecords for the load model.
import type { DayRecord } from './load-model.rules.ts';
import { GJ_PER_MW_DAY } from './load-model.rules.ts';

/** One day-rollup bucket of a station's heat power: bucket start (ISO-8601), mean MW, readings in it. */
export type HeatPowerDay = { ts: string; value: number; count: number };

/** Daily heat power of one station over [from, to) (ISO-8601): the monitoring service's day rollup. */
export type HeatHistoryPort = (stationId: number, from: string, to: string) => Promise<HeatPowerDay[]>;

/** The weather port (the weather module's store once merged): daily means of observations, and the forecast. */
export type WeatherPort = {
  /** observed daily means, ℃, city dates YYYY-MM-DD in [fromDate, toDate] */
  daily(fromDate: string, toDate: string): Promise<{ date: string; mean: number }[]>;
  /** the forecast of the coming days (from today, city time) */
  dailyForecast(): Promise<{ date: string; min: number; max: number; mean: number }[]>;
};

const DAY_MS = 86_400_000;

export const addDays = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** The city date of an instant. */
export function cityDate(ms: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(ms);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** the zone's UTC offset at an instant, ms */
function offsetAt(ms: number, timeZone: string): number {
  const local = new Date(ms).toLocaleString('sv-SE', { timeZone }).replace(' ', 'T');
  return Date.parse(`${local}Z`) - Math.floor(ms / 1000) * 1000;
}

/** The instant a city date begins: the offset at noon first, then at the candidate midnight (daylight saving). */
export function cityMidnight(date: string, timeZone: string): number {
  const utcMidnight = Date.parse(`${date}T00:00:00Z`);
  const candidate = utcMidnight - offsetAt(utcMidnight + 12 * 3_600_000, timeZone);
  return utcMidnight - offsetAt(candidate, timeZone);
}

/**
 * Sums the stations' daily heat per city date over [fromDate, toDate]. A date is known when every station that
 * reported at all in the window reported on it (else the sum would dip where a station was silent): null otherwise.
 */
export function sumStationDays(
  perStation: readonly HeatPowerDay[][],
  fromDate: string,
  toDate: string,
  timeZone: string,
): Map<string, number | null> {
  const reporting = perStation.filter((days) => days.length > 0);
  const sums = new Map<string, { gj: number; stations: number }>();
  for (const days of reporting)
    for (const d of days) {
      if (d.count <= 0) continue;
      const date = cityDate(Date.parse(d.ts), timeZone);
      const entry = sums.get(date) ?? { gj: 0, stations: 0 };
      entry.gj += d.value * GJ_PER_MW_DAY;
      entry.stations++;
      sums.set(date, entry);
    }
  const out = new Map<string, number | null>();
  for (let date = fromDate; date <= toDate; date = addDays(date, 1)) {
    const entry = sums.get(date);
    out.set(date, entry && entry.stations === reporting.length ? entry.gj : null);
  }
  return out;
}

/** DayRecords of consecutive dates with the energy (GJ) and the observed mean temperature of each. */
export function dayRecords(
  energy: Map<string, number | null>,
  temps: readonly { date: string; mean: number }[],
): DayRecord[] {
  const byDate = new Map(temps.map((t) => [t.date, t.mean]));
  return [...energy].map(([date, gj]) => ({ date, energy: gj, meanTemp: byDate.get(date) ?? null }));
}
