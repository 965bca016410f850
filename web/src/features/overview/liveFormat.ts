// Pure helpers of the live overview: city-time clock, shares and temperatures as shown (no React, tested under node).

/** `HH:mm:ss` of an ISO instant in the city's time zone (the server's HEARTH_TZ), whatever the browser's zone. */
export function cityClock(iso: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return `${part('hour')}:${part('minute')}:${part('second')}`;
}

/** a 0–1 share as a percentage with one decimal, or null */
export function percent(share: number | null): number | null {
  return share === null ? null : Math.round(share * 1000) / 10;
}

/** heat load as a share of capacity in percent (0 without capacity), for the gauge */
export function loadPercent(loadMw: number, capacityMw: number): number {
  return capacityMw > 0 ? Math.round((loadMw / capacityMw) * 1000) / 10 : 0;
}

/** whether anything at all has reported yet (else the overview says 暂无运行数据) */
export function hasLiveData(o: {
  stations: { online: number; stale: number; offline: number };
  indoor: { reporting: number };
}): boolean {
  return o.stations.online + o.stations.stale + o.stations.offline > 0 || o.indoor.reporting > 0;
}
