// Weather reads: the hourly series (observations, then forecast beyond the last observation), daily means by an
// averaging convention, degree days, the outdoor temperature now, the 7-day outlook and the heating-period verdict.
import type {
  Averaging,
  DailyPoint,
  DegreeDaysResponse,
  HeatingVerdict,
  HourlyResponse,
  OutdoorNow,
} from '@hearth/contracts/weather';
import { DomainError } from '../../http/domain-error.ts';
import { addDays, dailyFromHourly, degreeDays, type HourlyTemp } from './daily.rules.ts';
import { recommendStartStop, seasonStartYear } from './heating-period.rules.ts';
import { localMs, localParts } from './weather.import.ts';
import type { WeatherRepository } from './weather.repository.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** days read beyond a daily range on each side, so its edge days can be interpolated */
const MARGIN_DAYS = 7;
/** longest range of one read */
const MAX_RANGE_DAYS = 800;
/** an observation older than this is not "now"; the forecast's hour is used instead */
const NOW_STALE_MS = 3 * HOUR_MS;
const OUTLOOK_DAYS = 7;

export type WeatherReadSettings = {
  timeZone: string;
  legalPeriod: { start: string; end: string };
  hddBase: number;
  threshold: number;
};

export type Hour = { ms: number; temp: number; forecast: boolean };

const round = (v: number, digits = 2) => Math.round(v * 10 ** digits) / 10 ** digits;

export function createWeatherReads(deps: {
  repo: WeatherRepository;
  settings: WeatherReadSettings;
  now: () => number;
}) {
  const { repo, settings } = deps;
  const tz = settings.timeZone;

  function checkRange(fromMs: number, toMs: number) {
    if (!(toMs > fromMs) || toMs - fromMs > MAX_RANGE_DAYS * DAY_MS)
      throw new DomainError(
        'weather.invalid_range',
        400,
        `时间范围无效（须 from < to，且不超过 ${MAX_RANGE_DAYS} 天）/ bad range: from < to, at most ${MAX_RANGE_DAYS} days`,
      );
  }

  /** Observed hours in [from, to), then the forecast rows of the hours after the last observation (and `from`). */
  async function split(area: string, fromMs: number, toMs: number) {
    const observed = await repo.observations(area, fromMs, toMs);
    const last = observed.at(-1)?.ms ?? (await repo.lastObservation(area, fromMs))?.ms ?? -Infinity;
    const start = Math.max(fromMs, last + HOUR_MS);
    const forecast = start < toMs ? await repo.forecasts(area, 'hour', start, toMs) : [];
    return { observed, forecast: forecast.filter((f) => f.temp !== null) };
  }

  async function hours(area: string, fromMs: number, toMs: number): Promise<Hour[]> {
    const { observed, forecast } = await split(area, fromMs, toMs);
    return [
      ...observed.map((o) => ({ ms: o.ms, temp: o.temp, forecast: false })),
      ...forecast.map((f) => ({ ms: f.ms, temp: f.temp as number, forecast: true })),
    ];
  }

  async function hourlySeries(area: string, fromMs: number, toMs: number): Promise<HourlyResponse> {
    checkRange(fromMs, toMs);
    const { observed, forecast } = await split(area, fromMs, toMs);
    const issued = forecast.reduce((m, f) => Math.max(m, f.issuedMs), -Infinity);
    const point = (ms: number, temp: number) => ({ ts: new Date(ms).toISOString(), temp });
    return {
      area,
      observations: observed.map((o) => point(o.ms, o.temp)),
      forecast: forecast.map((f) => point(f.ms, f.temp as number)),
      issuedAt: Number.isFinite(issued) ? new Date(issued).toISOString() : null,
    };
  }

  /** Daily figures of the city days from..to (inclusive); days with forecast hours are marked. */
  async function daily(area: string, from: string, to: string, averaging: Averaging): Promise<DailyPoint[]> {
    const fromMs = localMs(addDays(from, -MARGIN_DAYS), 0, 0, tz);
    const toMs = localMs(addDays(to, MARGIN_DAYS + 1), 0, 0, tz);
    checkRange(localMs(from, 0, 0, tz), localMs(addDays(to, 1), 0, 0, tz));
    const series = await hours(area, fromMs, toMs);
    const forecastDates = new Set<string>();
    const local: HourlyTemp[] = series.map((h) => {
      const p = localParts(h.ms, tz);
      if (h.forecast) forecastDates.add(p.date);
      return { date: p.date, hour: p.hour, temp: h.temp };
    });
    const days = dailyFromHourly(local, averaging).filter((d) => d.date >= from && d.date <= to);
    // days the forecast gives only as min/max
    const known = new Set(days.map((d) => d.date));
    const dayRows = await repo.forecasts(
      area,
      'day',
      localMs(from, 0, 0, tz),
      localMs(addDays(to, 1), 0, 0, tz),
    );
    const extra: DailyPoint[] = dayRows
      .filter((r) => r.min !== null && r.max !== null)
      .map((r) => ({ date: localParts(r.ms, tz).date, min: r.min as number, max: r.max as number }))
      .filter((r) => !known.has(r.date))
      .map((r) => ({
        ...r,
        mean: round((r.min + r.max) / 2),
        hours: 0,
        interpolated: false,
        forecast: true,
      }));
    return [
      ...days.map((d) => ({
        date: d.date,
        mean: round(d.mean),
        min: d.min,
        max: d.max,
        hours: d.hours,
        interpolated: d.interpolated,
        forecast: forecastDates.has(d.date),
      })),
      ...extra,
    ].sort((a, b) => a.date.localeCompare(b.date));
  }

  async function degreeDaysOf(
    area: string,
    from: string,
    to: string,
    averaging: Averaging,
    base = settings.hddBase,
  ): Promise<DegreeDaysResponse> {
    const days = await daily(area, from, to, averaging);
    return {
      area,
      averaging,
      base,
      hdd: round(degreeDays(days, base)),
      days: days.length,
      daily: days.map((d) => ({ date: d.date, mean: d.mean, hdd: round(Math.max(0, base - d.mean)) })),
    };
  }

  /** The latest observation if fresh, else the forecast interpolated at now. */
  async function outdoorNow(area = 'city'): Promise<OutdoorNow> {
    const now = deps.now();
    const last = await repo.lastObservation(area, now);
    if (last && now - last.ms <= NOW_STALE_MS)
      return { area, temp: last.temp, ts: new Date(last.ms).toISOString(), kind: 'observed' };
    const around = await repo.forecasts(area, 'hour', now - HOUR_MS, now + HOUR_MS + 1);
    const before = around.filter((f) => f.ms <= now && f.temp !== null).at(-1);
    const after = around.find((f) => f.ms > now && f.temp !== null);
    const pick = before && after ? { ms: now, temp: interpolate(before, after, now) } : (before ?? after);
    if (!pick || pick.temp === null) return { area, temp: null, ts: null, kind: null };
    return { area, temp: round(pick.temp, 1), ts: new Date(pick.ms).toISOString(), kind: 'forecast' };
  }

  /**
   * The next 7 city days from today: min/max/mean of their hours (observed so far, then forecast); `pastDays` more
   * before today (e.g. 1: yesterday, the basis of the first day's 24 h drop).
   */
  async function dailyForecast(options: { area?: string; pastDays?: number } = {}) {
    const today = localParts(deps.now(), tz).date;
    const from = addDays(today, -(options.pastDays ?? 0));
    const days = await daily(options.area ?? 'city', from, addDays(today, OUTLOOK_DAYS - 1), '24h');
    return days
      .filter((d) => d.min !== null && d.max !== null)
      .map((d) => ({ date: d.date, min: d.min as number, max: d.max as number, mean: d.mean }));
  }

  /** recommendStartStop over the season of today: observed days, then days holding forecast hours. */
  async function verdict(area: string, averaging: Averaging): Promise<HeatingVerdict> {
    const today = localParts(deps.now(), tz).date;
    const year = seasonStartYear(today);
    const days = await daily(area, `${year}-08-01`, addDays(today, 10), averaging);
    const observed = days.filter((d) => !d.forecast).map((d) => ({ date: d.date, mean: d.mean }));
    const forecast = days.filter((d) => d.forecast).map((d) => ({ date: d.date, mean: d.mean }));
    const r = recommendStartStop({
      observed,
      forecast,
      legal: settings.legalPeriod,
      today,
      threshold: settings.threshold,
    });
    return {
      ...r,
      runningMeans: r.runningMeans.map((w) => ({ ...w, mean: round(w.mean) })),
      area,
      today,
      averaging,
      observedDays: observed.length,
      forecastDays: forecast.length,
    };
  }

  return {
    /** port: the city's hours in [fromMs, toMs) — observations, then the forecast beyond the last one; ts epoch ms */
    async hourly(fromMs: number, toMs: number, area = 'city'): Promise<{ ts: number; temp: number }[]> {
      checkRange(fromMs, toMs);
      return (await hours(area, fromMs, toMs)).map((h) => ({ ts: h.ms, temp: h.temp }));
    },
    /** port: observed daily means (24 h convention) of the city days from..to, forecast days left out */
    async observedDaily(from: string, to: string, area = 'city'): Promise<{ date: string; mean: number }[]> {
      const days = await daily(area, from, to, '24h');
      return days.filter((d) => !d.forecast).map((d) => ({ date: d.date, mean: d.mean }));
    },
    hourlySeries,
    daily,
    degreeDays: degreeDaysOf,
    outdoorNow,
    dailyForecast,
    verdict,
  };
}

function interpolate(
  a: { ms: number; temp: number | null },
  b: { ms: number; temp: number | null },
  at: number,
) {
  const [ta, tb] = [a.temp as number, b.temp as number];
  return ta + ((at - a.ms) / (b.ms - a.ms)) * (tb - ta);
}
export type WeatherReads = ReturnType<typeof createWeatherReads>;
