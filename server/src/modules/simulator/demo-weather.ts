// The demo city's outdoor temperature: the shipped Beijing winter the demo's history and live readings run under,
// offered to the overview while no station measures outdoors — only in a database that holds the demo city.
import type { DemoDevicesService } from '../devices/devices.demo.ts';
import { loadWeather, type WeatherSeries } from './weather.ts';

/** how long the "is this a demo city" answer is kept */
const CHECK_MS = 60_000;

/** `(at) → ℃ at that instant` of the demo weather, or null when the database holds no demo devices. */
export function createDemoOutdoor(demoDevices: Pick<DemoDevicesService, 'list'>) {
  let weather: WeatherSeries | undefined;
  let checked: { until: number; demo: Promise<boolean> } | undefined;
  return async (at: number): Promise<number | null> => {
    if (!checked || checked.until < Date.now())
      checked = { until: Date.now() + CHECK_MS, demo: demoDevices.list().then((d) => d.length > 0) };
    if (!(await checked.demo)) return null;
    weather ??= loadWeather(undefined, at);
    return Math.round(weather.temperatureAt(at) * 10) / 10;
  };
}

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** the city dates of the shipped winter are Beijing dates (UTC+8) */
const BEIJING_MS = 8 * HOUR_MS;

/**
 * TEMPORARY (until the weather module's store is merged, branch w-data): the weather port of the load forecast from
 * the shipped Beijing winter the demo city runs under — observed daily means (mean of the 24 hourly values of each
 * Beijing date) and, as the "forecast" of the next 7 days, the same series' coming days (a perfect forecast).
 */
export function createDemoDailyWeather(now: () => number = Date.now) {
  let weather: WeatherSeries | undefined;
  const series = () => (weather ??= loadWeather(undefined, now()));
  const dayOf = (date: string) => {
    const start = Date.parse(`${date}T00:00:00Z`) - BEIJING_MS;
    const temps = Array.from({ length: 24 }, (_, h) => series().temperatureAt(start + h * HOUR_MS));
    const mean = temps.reduce((a, b) => a + b, 0) / 24;
    const r = (x: number) => Math.round(x * 10) / 10;
    return { date, min: r(Math.min(...temps)), max: r(Math.max(...temps)), mean: r(mean) };
  };
  const dates = (from: string, to: string) => {
    const out: string[] = [];
    for (let ms = Date.parse(`${from}T00:00:00Z`); ms <= Date.parse(`${to}T00:00:00Z`); ms += DAY_MS)
      out.push(new Date(ms).toISOString().slice(0, 10));
    return out;
  };
  return {
    source: 'demo: Beijing 2015–16 winter (temporary)',
    daily: async (fromDate: string, toDate: string) =>
      dates(fromDate, toDate).map((d) => ({ date: d, mean: dayOf(d).mean })),
    dailyForecast: async () => {
      const today = new Date(now() + BEIJING_MS).toISOString().slice(0, 10);
      return dates(
        today,
        new Date(Date.parse(`${today}T00:00:00Z`) + 6 * DAY_MS).toISOString().slice(0, 10),
      ).map(dayOf);
    },
  };
}
