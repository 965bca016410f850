// Time ranges of the analysis chart in city time: the presets (6 h, 24 h, 7 d, 30 d, 本采暖季), the heating
// season, and wall-clock conversion between the city's clocks and instants. Pure: no React, no Vite.

/** The city's time zone: chart times read as on the city's clocks, whatever the browser's zone. */
export const CITY_TIME_ZONE = 'Asia/Shanghai';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export type RangePreset = '6h' | '24h' | '7d' | '30d' | 'season';
export const RANGE_PRESETS: readonly RangePreset[] = ['6h', '24h', '7d', '30d', 'season'];
export const PRESET_LABELS: Record<RangePreset, readonly [zh: string, en: string]> = {
  '6h': ['6小时', '6 h'],
  '24h': ['24小时', '24 h'],
  '7d': ['7天', '7 days'],
  '30d': ['30天', '30 days'],
  season: ['本采暖季', 'This season'],
};

/** A preset (relative to now at each fetch) or a fixed span picked by hand, epoch ms [from, to). */
export type ChartRange = { preset: RangePreset } | { from: number; to: number };

/** The zone's UTC offset at an instant, ms (the zones of Chinese cities have no daylight saving). */
export function zoneOffsetMs(at: number, timeZone = CITY_TIME_ZONE): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' }).formatToParts(at);
  const name = parts.find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name);
  if (!m) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * HOUR + Number(m[3] ?? 0) * 60_000);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** An instant as `YYYY-MM-DD HH:mm` on the city's clocks. */
export function cityWallClock(at: number, timeZone = CITY_TIME_ZONE): string {
  const d = new Date(at + zoneOffsetMs(at, timeZone));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** `YYYY-MM-DD HH:mm` read on the city's clocks, as an instant. */
export function fromCityWallClock(wall: string, timeZone = CITY_TIME_ZONE): number {
  const asUtc = Date.parse(`${wall.replace(' ', 'T')}:00Z`);
  return asUtc - zoneOffsetMs(asUtc, timeZone);
}

/**
 * The heating season holding `now` (15 November to 15 March of the next year, city time), or the last one out of
 * season; `to` is now while the season runs.
 */
export function seasonRange(now: number, timeZone = CITY_TIME_ZONE): { from: number; to: number } {
  const wall = new Date(now + zoneOffsetMs(now, timeZone));
  const year = wall.getUTCFullYear();
  const month = wall.getUTCMonth() + 1;
  const day = wall.getUTCDate();
  // from 15 November on, the season started this year; before it, last year (running until 15 March, or over)
  const startYear = month > 11 || (month === 11 && day >= 15) ? year : year - 1;
  const from = fromCityWallClock(`${startYear}-11-15 00:00`, timeZone);
  const end = fromCityWallClock(`${startYear + 1}-03-16 00:00`, timeZone);
  return { from, to: Math.min(now, end) };
}

const PRESET_MS: Record<Exclude<RangePreset, 'season'>, number> = {
  '6h': 6 * HOUR,
  '24h': DAY,
  '7d': 7 * DAY,
  '30d': 30 * DAY,
};

/**
 * The span a range covers at `now`. A preset ends a minute past now (readings stamped slightly ahead); its length
 * stays the preset's, so the server's resolution choice (raw up to 6 h) holds.
 */
export function resolveRange(range: ChartRange, now: number): { from: number; to: number } {
  if (!('preset' in range)) return { from: range.from, to: range.to };
  if (range.preset === 'season') return seasonRange(now);
  const to = now + 60_000;
  return { from: to - PRESET_MS[range.preset], to };
}
