// Outdoor temperature for the simulator: an hourly CSV series mapped onto simulated time, or a synthetic cycle.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ErrorDetail } from '@hearth/contracts/common';
import { DomainError } from '../../http/domain-error.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** The series and the simulated clock are in Beijing time (UTC+8, no daylight saving). */
export const LOCAL_OFFSET_MS = 8 * HOUR_MS;

/**
 * The winter shipped with Hearth (SPEC §6): Beijing, Aotizhongxin station, hourly TEMP 2015-11-15 →
 * 2016-03-15 from the UCI "Beijing Multi-Site Air-Quality" data set (CC BY 4.0), see
 * server/data/weather/README.md. Resolved from this module, not the working directory.
 */
export const DEFAULT_WEATHER_FILE = fileURLToPath(
  new URL('../../../data/weather/beijing-2015-2016.csv', import.meta.url),
);

/** Beijing's legal heating period, 11-15 → 03-15 (inclusive). */
const SEASON = { startMonth: 11, startDay: 15, endMonth: 3, endDay: 15 };

export type HourlyPoint = { ms: number; temp: number };

export type WeatherSeries = {
  /** file path, or 'synthetic' */
  source: string;
  /** outdoor temperature at a simulated instant (epoch ms), ℃ */
  temperatureAt(simMs: number): number;
};

const invalid = (source: string, message: string, details: ErrorDetail[] = []) =>
  new DomainError(
    'simulate.invalid_weather',
    422,
    `气象文件无效 / invalid weather file ${path.basename(source)}: ${message}`,
    details,
  );

const localMs = (year: number, month: number, day: number, hour = 0) =>
  Date.UTC(year, month - 1, day, hour) - LOCAL_OFFSET_MS;

/**
 * Parses hourly observations: a header naming year, month, day, hour and TEMP (any order, any other
 * columns); an empty or NA temperature is a gap that interpolation bridges. Times must increase.
 */
export function parseWeatherCsv(text: string, source = 'weather.csv'): HourlyPoint[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = (lines[0] ?? '').split(',').map((h) => h.trim().replace(/^"|"$/g, '').toLowerCase());
  const column = (name: string) => header.indexOf(name);
  const columns = { year: column('year'), month: column('month'), day: column('day'), hour: column('hour') };
  const tempColumn = column('temp');
  const missing = [...Object.entries(columns), ['TEMP', tempColumn] as const]
    .filter(([, i]) => i < 0)
    .map(([n]) => n);
  if (missing.length > 0) {
    throw invalid(source, `表头缺少列 / header lacks ${missing.join(', ')}`, [
      { line: 1, reason: `required columns: year, month, day, hour, TEMP` },
    ]);
  }
  const points: HourlyPoint[] = [];
  let previous = -Infinity;
  for (let i = 1; i < lines.length; i++) {
    const line = i + 1;
    const raw = lines[i] as string;
    if (raw.trim() === '') continue;
    const cells = raw.split(',').map((c) => c.trim().replace(/^"|"$/g, ''));
    const int = (name: keyof typeof columns, lo: number, hi: number) => {
      const cell = cells[columns[name]] ?? '';
      const value = Number(cell);
      if (cell === '' || !Number.isInteger(value) || value < lo || value > hi)
        throw invalid(source, `第 ${line} 行 ${name} 无效 / line ${line}: bad ${name} "${cell}"`, [
          { line, column: name, reason: `expected an integer in [${lo}, ${hi}], got "${cell}"` },
        ]);
      return value;
    };
    const year = int('year', 1900, 2200);
    const month = int('month', 1, 12);
    const day = int('day', 1, 31);
    const hour = int('hour', 0, 23);
    if (new Date(Date.UTC(year, month - 1, day)).getUTCDate() !== day)
      throw invalid(source, `第 ${line} 行日期无效 / line ${line}: no such date`, [
        { line, column: 'day', reason: `${year}-${month}-${day} does not exist` },
      ]);
    const cell = cells[tempColumn] ?? '';
    if (cell === '' || /^(na|nan|null)$/i.test(cell)) continue;
    const temp = Number(cell);
    if (!Number.isFinite(temp) || temp < -60 || temp > 50)
      throw invalid(source, `第 ${line} 行 TEMP 无效 / line ${line}: bad TEMP "${cell}"`, [
        { line, column: 'TEMP', reason: `expected a temperature in ℃ within [-60, 50], got "${cell}"` },
      ]);
    const ms = localMs(year, month, day, hour);
    if (ms <= previous)
      throw invalid(source, `第 ${line} 行时间未递增 / line ${line}: time does not increase`, [
        { line, reason: 'rows must be in strictly increasing time order' },
      ]);
    previous = ms;
    points.push({ ms, temp });
  }
  if (points.length < 2)
    throw invalid(source, '至少需要两个小时的气温 / at least two hourly temperatures are needed');
  return points;
}

/**
 * One point per hour from the first to the last observation: missing hours (NA or absent rows) are
 * filled by linear interpolation between the neighbouring observed hours.
 */
export function fillHourly(points: readonly HourlyPoint[]): HourlyPoint[] {
  const filled: HourlyPoint[] = [];
  for (let i = 0; i < points.length; i++) {
    const p = points[i] as HourlyPoint;
    const next = points[i + 1];
    filled.push(p);
    if (!next) break;
    for (let ms = p.ms + HOUR_MS; ms < next.ms; ms += HOUR_MS)
      filled.push({ ms, temp: p.temp + ((ms - p.ms) / (next.ms - p.ms)) * (next.temp - p.temp) });
  }
  return filled;
}

/** Linear interpolation in a time-ordered series, held constant beyond its ends. */
function interpolate(times: Float64Array, temps: Float64Array, ms: number): number {
  const n = times.length;
  if (ms <= (times[0] as number)) return temps[0] as number;
  if (ms >= (times[n - 1] as number)) return temps[n - 1] as number;
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if ((times[mid] as number) <= ms) lo = mid;
    else hi = mid;
  }
  const t0 = times[lo] as number;
  const t1 = times[hi] as number;
  const f = (ms - t0) / (t1 - t0);
  return (temps[lo] as number) + f * ((temps[hi] as number) - (temps[lo] as number));
}

const seasonStart = (year: number) => localMs(year, SEASON.startMonth, SEASON.startDay);
const seasonEnd = (year: number) => localMs(year + 1, SEASON.endMonth, SEASON.endDay) + DAY_MS;
const mod = (a: number, m: number) => ((a % m) + m) % m;

/**
 * A series mapped onto simulated time. When it holds a whole heating season (11-15 → 03-15), a simulated
 * instant reads the same month, day and hour of the first such season, cycling through it outside the
 * season; otherwise the series is replayed from its start at `anchorMs`, cycling.
 */
export function seriesWeather(
  points: readonly HourlyPoint[],
  source: string,
  anchorMs: number,
): WeatherSeries {
  const hourly = fillHourly(points);
  const times = Float64Array.from(hourly, (p) => p.ms);
  const temps = Float64Array.from(hourly, (p) => p.temp);
  const first = times[0] as number;
  const last = times[times.length - 1] as number;
  const firstYear = new Date(first + LOCAL_OFFSET_MS).getUTCFullYear() - 1;
  let season: { start: number; length: number } | null = null;
  for (let y = firstYear; seasonEnd(y) <= last + HOUR_MS; y++) {
    if (seasonStart(y) >= first) {
      season = { start: seasonStart(y), length: seasonEnd(y) - seasonStart(y) };
      break;
    }
  }
  const span = last - first + HOUR_MS;
  return {
    source,
    temperatureAt(simMs) {
      if (!season) return interpolate(times, temps, first + mod(simMs - anchorMs, span));
      let start = seasonStart(new Date(simMs + LOCAL_OFFSET_MS).getUTCFullYear());
      if (simMs < start) start = seasonStart(new Date(simMs + LOCAL_OFFSET_MS).getUTCFullYear() - 1);
      return interpolate(times, temps, season.start + mod(simMs - start, season.length));
    },
  };
}

/** A plain winter day cycle around −2 ℃: coldest (−6) at 02:00, warmest (+2) at 14:00 local time. */
export function syntheticWeather(): WeatherSeries {
  return {
    source: 'synthetic',
    temperatureAt(simMs) {
      const hour = mod(simMs + LOCAL_OFFSET_MS, DAY_MS) / HOUR_MS;
      return -2 + 4 * Math.cos((2 * Math.PI * (hour - 14)) / 24);
    },
  };
}

/**
 * The weather of a run: the given file (missing or invalid → error), else the shipped Beijing winter
 * (else, should it be missing from an installation, the synthetic cycle).
 */
export function loadWeather(file: string | undefined, anchorMs: number): WeatherSeries {
  const chosen = file ?? (fs.existsSync(DEFAULT_WEATHER_FILE) ? DEFAULT_WEATHER_FILE : undefined);
  if (chosen === undefined) return syntheticWeather();
  let text: string;
  try {
    text = fs.readFileSync(chosen, 'utf8');
  } catch (error) {
    throw invalid(chosen, `无法读取 / cannot read: ${(error as Error).message}`);
  }
  return seriesWeather(parseWeatherCsv(text, chosen), chosen, anchorMs);
}
