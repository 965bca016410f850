// Daily energy from a cumulative heat-meter register (SPEC §5: period energy from register differences): parses
// the Danish smart-heat-meter CSV shape and turns hourly register readings into local days.
//
// Each pair of consecutive readings (t₁, e₁), (t₂, e₂) adds Δ = e₂ − e₁ spread evenly over [t₁, t₂) onto the hours
// it covers — unless the register went down (a reset or meter exchange: the interval is unknown) or the gap is
// longer than MAX_GAP_HOURS (unknown). A local day is known when at least its length − 4 hours are covered; its
// energy is then scaled to the whole day. Its late rate is the energy of its last 6 hours × 4 when all 6 are covered.
import type { ErrorDetail } from '@hearth/contracts/common';
import { DomainError } from '../../http/domain-error.ts';
import type { DayRecord } from './load-model.rules.ts';

const HOUR_MS = 3_600_000;
/** longest interval between readings that is still spread over its hours */
export const MAX_GAP_HOURS = 6;
/** hours a day may miss and still count */
const MISSING_HOURS_ALLOWED = 4;
const LATE_HOURS = 6;

export type RegisterReading = { ms: number; energy: number };

const invalid = (message: string, details: ErrorDetail[] = []) =>
  new DomainError('forecast.invalid_meter_file', 422, message, details);

/** Reads `time_rounded` (ISO-8601) and `energy_heat_kwh` (cumulative kWh) of one meter; other columns are ignored. */
export function parseMeterCsv(text: string): RegisterReading[] {
  const lines = text.split(/\r?\n/);
  const header = (lines[0] ?? '')
    .replace(/^\uFEFF/, '')
    .split(',')
    .map((h) => h.trim());
  const timeCol = header.indexOf('time_rounded');
  const energyCol = header.indexOf('energy_heat_kwh');
  if (timeCol < 0 || energyCol < 0)
    throw invalid(
      '表计文件须含 time_rounded 与 energy_heat_kwh 列 / the meter file needs time_rounded and energy_heat_kwh columns',
    );
  const readings: RegisterReading[] = [];
  const details: ErrorDetail[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.trim() === '') continue;
    const cells = line.split(',');
    const ms = Date.parse(cells[timeCol] ?? '');
    const raw = (cells[energyCol] ?? '').trim();
    const energy = Number(raw);
    if (!Number.isFinite(ms)) details.push({ line: i + 1, column: 'time_rounded', reason: 'invalid time' });
    else if (raw === '' || raw === 'NA')
      continue; // a missing reading is a gap
    else if (!Number.isFinite(energy))
      details.push({ line: i + 1, column: 'energy_heat_kwh', reason: 'not a number' });
    else readings.push({ ms, energy });
    if (details.length >= 20) break;
  }
  if (details.length) throw invalid('表计文件有无效行 / the meter file has invalid rows', details);
  if (readings.length < 2)
    throw invalid('表计文件少于两条读数 / the meter file holds fewer than two readings');
  return readings.sort((a, b) => a.ms - b.ms);
}

/** Energy per whole hour (keyed by the hour's start, epoch ms) and the hours covered, from register differences. */
export function hourlyEnergy(readings: readonly RegisterReading[]): Map<number, number> {
  const hours = new Map<number, number>();
  for (let i = 1; i < readings.length; i++) {
    const a = readings[i - 1] as RegisterReading;
    const b = readings[i] as RegisterReading;
    const delta = b.energy - a.energy;
    const span = b.ms - a.ms;
    if (span <= 0 || delta < 0 || span > MAX_GAP_HOURS * HOUR_MS) continue;
    // spread Δ evenly over [a, b), cut at hour boundaries
    for (let t = a.ms; t < b.ms;) {
      const hour = Math.floor(t / HOUR_MS) * HOUR_MS;
      const end = Math.min(hour + HOUR_MS, b.ms);
      hours.set(hour, (hours.get(hour) ?? 0) + (delta * (end - t)) / span);
      t = end;
    }
  }
  return hours;
}

/** local date (YYYY-MM-DD) and hour of an instant in a time zone */
function localClock(timeZone: string) {
  const format = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    hourCycle: 'h23',
  });
  return (ms: number) => {
    const parts = Object.fromEntries(format.formatToParts(ms).map((p) => [p.type, p.value]));
    return { date: `${parts.year}-${parts.month}-${parts.day}`, hour: Number(parts.hour) };
  };
}

const nextDate = (date: string) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

type DayBins = { hours: { ms: number; energy: number | undefined }[] };

/** Consecutive local days from the first to the last reading, with energy and late rate (null when unknown). */
export function dailyFromRegister(readings: readonly RegisterReading[], timeZone: string): DayRecord[] {
  if (readings.length < 2) return [];
  const hourly = hourlyEnergy(readings);
  const clock = localClock(timeZone);
  const byDate = new Map<string, DayBins>();
  const first = Math.floor((readings[0] as RegisterReading).ms / HOUR_MS) * HOUR_MS;
  const last = (readings[readings.length - 1] as RegisterReading).ms;
  for (let ms = first; ms < last; ms += HOUR_MS) {
    const { date } = clock(ms);
    const bins = byDate.get(date) ?? { hours: [] };
    bins.hours.push({ ms, energy: hourly.get(ms) });
    byDate.set(date, bins);
  }
  const dates = [...byDate.keys()];
  const out: DayRecord[] = [];
  for (let date = dates[0] as string; date <= (dates[dates.length - 1] as string); date = nextDate(date)) {
    out.push(dayRecord(date, byDate.get(date), clock));
  }
  return out;
}

function dayRecord(date: string, bins: DayBins | undefined, clock: ReturnType<typeof localClock>): DayRecord {
  if (!bins) return { date, energy: null, lateRate: null };
  // the day's length in hours (23 / 24 / 25 with daylight saving), from its first hour's local hour
  const firstHour = clock((bins.hours[0] as { ms: number }).ms).hour;
  const lastHour = clock((bins.hours[bins.hours.length - 1] as { ms: number }).ms).hour;
  const complete = firstHour === 0 && lastHour === 23;
  const length = complete ? bins.hours.length : 24;
  const known = bins.hours.filter((h) => h.energy !== undefined);
  const sum = known.reduce((s, h) => s + (h.energy as number), 0);
  const energy = known.length >= length - MISSING_HOURS_ALLOWED ? (sum * length) / known.length : null;
  const late = complete ? bins.hours.slice(-LATE_HOURS) : [];
  const lateRate =
    late.length === LATE_HOURS && late.every((h) => h.energy !== undefined)
      ? (late.reduce((s, h) => s + (h.energy as number), 0) * length) / LATE_HOURS
      : null;
  return { date, energy, lateRate };
}
