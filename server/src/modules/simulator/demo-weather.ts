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
