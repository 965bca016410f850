// The fixed UTC offset of a time zone at an instant (the zones of Chinese cities have no daylight saving).

/** `timeZone`'s UTC offset in ms at `at` (Asia/Shanghai: +8 h). */
export function utcOffsetMs(timeZone: string, at = Date.now()): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' }).formatToParts(at);
  const name = parts.find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name);
  if (!m) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 3_600_000 + Number(m[3] ?? 0) * 60_000);
}
