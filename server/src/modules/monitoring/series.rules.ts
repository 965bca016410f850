// Pure rules of the analysis series: city time for export rows.
import { utcOffsetMs } from '../../lib/time-zone.ts';

const pad = (n: number) => String(n).padStart(2, '0');

/** `2026-12-03 08:15` in the city's time zone (no daylight saving in Chinese cities). */
export function cityTime(ms: number, timeZone: string): string {
  const d = new Date(ms + utcOffsetMs(timeZone, ms));
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`
  );
}
