// TEMPORARY daily forecast for the cold-wave warnings until the weather module (branch w-data) offers
// `dailyForecast()`: the days of the shipped Beijing winter (weather.ts) mapped onto today, as a forecast.
import { utcOffsetMs } from '../../lib/time-zone.ts';
import { loadWeather, type WeatherSeries } from './weather.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const round1 = (x: number) => Math.round(x * 10) / 10;

export type DailyForecastDay = { date: string; min: number; max: number; mean: number };

/**
 * `dailyForecast()`: yesterday (for the first day's 24 h drop) and the next `days` city days of the shipped winter,
 * each the min / max / mean of its 24 hourly values.
 */
export function createDemoDailyForecast(timeZone: string, days = 7, now: () => number = Date.now) {
  let weather: WeatherSeries | undefined;
  return async (): Promise<DailyForecastDay[]> => {
    const at = now();
    weather ??= loadWeather(undefined, at);
    const offset = utcOffsetMs(timeZone, at);
    const todayStart = Math.floor((at + offset) / DAY_MS) * DAY_MS - offset;
    const out: DailyForecastDay[] = [];
    for (let d = -1; d < days; d++) {
      const start = todayStart + d * DAY_MS;
      const temps = Array.from({ length: 24 }, (_, h) =>
        (weather as WeatherSeries).temperatureAt(start + h * HOUR_MS),
      );
      out.push({
        date: new Date(start + offset).toISOString().slice(0, 10),
        min: round1(Math.min(...temps)),
        max: round1(Math.max(...temps)),
        mean: round1(temps.reduce((a, b) => a + b, 0) / temps.length),
      });
    }
    return out;
  };
}
