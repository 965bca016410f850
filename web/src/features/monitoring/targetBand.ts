// The weather-compensation target on the station chart: the target supply temperature (气候补偿) as a dashed line
// with a shaded band of ± `band` ℃ around it, on the temperature axis, in city time. Pure: no React, no Vite.

export type TargetPoint = { at: string; supply: number };
export type TargetBand = {
  points: readonly TargetPoint[];
  /** half-width of the band, ℃ */
  band: number;
  labels: { target: string; band: string };
};

export const TARGET_LINE_ID = 'target-supply';
const BAND_IDS = ['target-band-low', 'target-band-spread'] as const;
const COLOR = '#389e0d';
const BAND_FILL = 'rgba(82, 196, 26, 0.18)';

/** True for the band's two helper series (the tooltip leaves them out: their values are a base and a width). */
export const isBandSeries = (id: unknown): boolean =>
  typeof id === 'string' && (BAND_IDS as readonly string[]).includes(id);

/** The three series (band base, band width stacked on it, target line) on the given y axis. */
export function targetBandSeries(t: TargetBand, yAxisIndex: number, cityOffsetMs: number) {
  const at = (p: TargetPoint) => Date.parse(p.at) + cityOffsetMs;
  const common = { type: 'line' as const, yAxisIndex, symbol: 'none', connectNulls: false };
  return [
    {
      ...common,
      id: BAND_IDS[0],
      name: t.labels.band,
      stack: 'target-band',
      silent: true,
      lineStyle: { opacity: 0 },
      itemStyle: { color: BAND_FILL },
      data: t.points.map((p) => [at(p), p.supply - t.band]),
      z: 1,
    },
    {
      ...common,
      id: BAND_IDS[1],
      name: t.labels.band,
      stack: 'target-band',
      silent: true,
      lineStyle: { opacity: 0 },
      areaStyle: { color: BAND_FILL },
      itemStyle: { color: BAND_FILL },
      data: t.points.map((p) => [at(p), 2 * t.band]),
      z: 1,
    },
    {
      ...common,
      id: TARGET_LINE_ID,
      name: t.labels.target,
      lineStyle: { width: 2, type: 'dashed' as const, color: COLOR },
      itemStyle: { color: COLOR },
      data: t.points.map((p) => [at(p), p.supply]),
      z: 2,
    },
  ];
}

/** The band's bounds, for an axis that must keep them in view. */
export function bandExtent(t: TargetBand | undefined): number[] {
  if (!t || t.points.length === 0) return [];
  const supplies = t.points.map((p) => p.supply);
  return [Math.min(...supplies) - t.band, Math.max(...supplies) + t.band];
}
