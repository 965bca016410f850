// The shipped Beijing winter as daily weather (observed daily means and a 7-day "forecast" from the same series), for
// tests of modules that take a weather port; the running system reads the weather module's store instead.
import { loadWeather, type WeatherSeries } from './weather.ts';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** the city dates of the shipped winter are Beijing dates (UTC+8) */
const BEIJING_MS = 8 * HOUR_MS;

/**
 * A weather port from the shipped Beijing winter the demo city runs under — observed daily means (mean of the 24
 * hourly values of each Beijing date) and, as the "forecast" of the next 7 days, the same series' coming days.
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
