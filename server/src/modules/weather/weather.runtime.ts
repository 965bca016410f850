// The scheduled forecast fetch of a serving process (croner, city time); started only when a provider URL is set.
import { Cron } from 'croner';
import type { FastifyBaseLogger as Logger } from 'fastify';
import type { Config } from '../../config.ts';
import { SYSTEM_ACTOR } from '../auth/actor.ts';
import type { WeatherService } from './weather.service.ts';

export type WeatherRuntime = { close(): void };

export function startWeatherRuntime(
  weather: Pick<WeatherService, 'refreshForecast'>,
  config: Pick<Config, 'weather' | 'timeZone'>,
  log: Logger,
): WeatherRuntime | null {
  if (!config.weather.forecastUrl) return null;
  const refresh = async () => {
    try {
      const r = await weather.refreshForecast(SYSTEM_ACTOR);
      log.info(
        { inserted: r.inserted, updated: r.updated, unchanged: r.unchanged },
        'weather forecast refreshed',
      );
    } catch (error) {
      // the stored forecast stays; the next run tries again
      log.warn({ err: error }, 'weather forecast refresh failed');
    }
  };
  const job = new Cron(
    config.weather.forecastCron,
    { protect: true, unref: true, timezone: config.timeZone },
    refresh,
  );
  void refresh();
  return { close: () => job.stop() };
}
