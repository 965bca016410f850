// Daily weather from hourly observations (SPEC §3.4): the averaging convention, gap interpolation, degree days.

/** One hourly observation in local (city) time; `temp` null when the hour is missing (`NA`). */
export type HourlyTemp = {
  date: string /* YYYY-MM-DD local */;
  hour: number /* 0-23 local */;
  temp: number | null;
};

export type DailyWeather = {
  date: string;
  /** daily mean by the averaging convention, ℃ (interpolated when the day has too few readings) */
  mean: number;
  /** lowest / highest available hourly value, ℃; null when the day has none */
  min: number | null;
  max: number | null;
  /** hourly values available that day */
  hours: number;
  /** true when `mean` was interpolated between the neighbouring valid days */
  interpolated: boolean;
};

/**
 * `24h`: the mean of the available hourly values, valid with at least 20 of 24.
 * `4obs`: the mean of the 02, 08, 14 and 20 h readings (the Chinese climatological observation times), valid only
 * with all four: a day missing one of them is interpolated like a `24h` day with too few hours (an average of three
 * fixed hours would be biased toward the missing one's opposite part of the day).
 */
export type Averaging = '24h' | '4obs';

export const MIN_HOURS_24H = 20;
export const OBSERVATION_HOURS: readonly number[] = [2, 8, 14, 20];

const DAY_MS = 86_400_000;
/** Days since 1970-01-01 of a YYYY-MM-DD date (calendar arithmetic, no time zone involved). */
export const dayNumber = (date: string): number => Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
export const dateOfDay = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);
export const addDays = (date: string, days: number): string => dateOfDay(dayNumber(date) + days);

type DayAcc = { values: number[]; byHour: Map<number, number> };

function ownMean(acc: DayAcc | undefined, averaging: Averaging): number | null {
  if (!acc) return null;
  if (averaging === '24h') {
    if (acc.values.length < MIN_HOURS_24H) return null;
    return acc.values.reduce((a, b) => a + b, 0) / acc.values.length;
  }
  let sum = 0;
  for (const h of OBSERVATION_HOURS) {
    const v = acc.byHour.get(h);
    if (v === undefined) return null;
    sum += v;
  }
  return sum / OBSERVATION_HOURS.length;
}

/**
 * Daily weather for every calendar day from the first to the last date in `hours` (days with no rows at all
 * included). A day without a valid own mean gets the mean interpolated linearly (by day distance) between the
 * nearest valid days before and after it; days before the first or after the last valid day cannot be bracketed
 * and are left out. Duplicate hours: the last one wins.
 */
export function dailyFromHourly(hours: readonly HourlyTemp[], averaging: Averaging): DailyWeather[] {
  const days = new Map<number, DayAcc>();
  for (const h of hours) {
    const day = dayNumber(h.date);
    if (!Number.isFinite(day)) continue;
    let acc = days.get(day);
    if (!acc) days.set(day, (acc = { values: [], byHour: new Map() }));
    if (h.temp === null || !Number.isFinite(h.temp)) continue;
    if (acc.byHour.has(h.hour)) acc.values.splice(acc.values.indexOf(acc.byHour.get(h.hour) as number), 1);
    acc.byHour.set(h.hour, h.temp);
    acc.values.push(h.temp);
  }
  if (days.size === 0) return [];
  const keys = [...days.keys()];
  const first = Math.min(...keys);
  const last = Math.max(...keys);
  const own: (number | null)[] = [];
  for (let d = first; d <= last; d++) own.push(ownMean(days.get(d), averaging));
  const means = interpolateGaps(own);
  const out: DailyWeather[] = [];
  for (let i = 0; i < own.length; i++) {
    const mean = means[i];
    if (mean === null || mean === undefined) continue;
    const values = days.get(first + i)?.values ?? [];
    out.push({
      date: dateOfDay(first + i),
      mean,
      min: values.length ? Math.min(...values) : null,
      max: values.length ? Math.max(...values) : null,
      hours: values.length,
      interpolated: own[i] === null,
    });
  }
  return out;
}

/** Fills null runs linearly between the valid values around them; leading and trailing nulls stay null. */
function interpolateGaps(values: readonly (number | null)[]): (number | null)[] {
  const out = [...values];
  let prev = -1;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined) continue;
    if (prev >= 0 && i - prev > 1) {
      const a = values[prev] as number;
      for (let j = prev + 1; j < i; j++) out[j] = a + ((v - a) * (j - prev)) / (i - prev);
    }
    prev = i;
  }
  return out;
}

/** Heating degree days HDD = Σ max(0, base − daily mean), K·d (base 18 ℃ by default). */
export function degreeDays(daily: readonly { mean: number }[], base = 18): number {
  let sum = 0;
  for (const d of daily) sum += Math.max(0, base - d.mean);
  return sum;
}
