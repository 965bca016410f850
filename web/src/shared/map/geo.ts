// Plain lon/lat plane geometry for the tile-free maps: bounds, axis ranges with equal ground scale, view windows.

/** A lon/lat box. */
export type Bounds = { minLon: number; minLat: number; maxLon: number; maxLat: number };
/** The lon and lat ranges shown on the axes. */
export type ViewWindow = { x: readonly [number, number]; y: readonly [number, number] };

const KM_PER_DEG_LAT = 111.32;

/** The box around points and flat [lon, lat, lon, lat, …] lines, padded by `pad` degrees; null when empty. */
export function boundsOfLayers(
  points: readonly (readonly [number, number])[],
  lines: readonly (readonly number[])[] = [],
  pad = 0.005,
): Bounds | null {
  let [minLon, minLat, maxLon, maxLat] = [Infinity, Infinity, -Infinity, -Infinity];
  const add = (lon: number, lat: number) => {
    if (lon < minLon) minLon = lon;
    if (lon > maxLon) maxLon = lon;
    if (lat < minLat) minLat = lat;
    if (lat > maxLat) maxLat = lat;
  };
  for (const [lon, lat] of points) add(lon, lat);
  for (const line of lines) for (let i = 0; i + 1 < line.length; i += 2) add(line[i] ?? 0, line[i + 1] ?? 0);
  if (minLon === Infinity) return null;
  return { minLon: minLon - pad, minLat: minLat - pad, maxLon: maxLon + pad, maxLat: maxLat + pad };
}

/** Cosine of the box's middle latitude: how much shorter a degree of longitude is than one of latitude. */
export function lonFactor(b: Bounds): number {
  return Math.cos((((b.minLat + b.maxLat) / 2) * Math.PI) / 180);
}

/**
 * Axis ranges so that one degree of latitude and cos(lat) degrees of longitude take the same pixels, centred on the
 * data and filling a plot of `plotW` × `plotH` pixels.
 */
export function axisRanges(b: Bounds, plotW: number, plotH: number): ViewWindow {
  const k = lonFactor(b);
  const w = Math.max(plotW, 10);
  const h = Math.max(plotH, 10);
  const dataW = Math.max((b.maxLon - b.minLon) * k, 1e-4) * 1.04;
  const dataH = Math.max(b.maxLat - b.minLat, 1e-4) * 1.04;
  const scale = Math.min(w / dataW, h / dataH);
  const halfLon = w / scale / k / 2;
  const halfLat = h / scale / 2;
  const cLon = (b.minLon + b.maxLon) / 2;
  const cLat = (b.minLat + b.maxLat) / 2;
  return { x: [cLon - halfLon, cLon + halfLon], y: [cLat - halfLat, cLat + halfLat] };
}

/** Pixels per kilometre of a window shown `plotH` pixels high. */
export function pxPerKm(view: ViewWindow, plotH: number): number {
  const spanKm = (view.y[1] - view.y[0]) * KM_PER_DEG_LAT;
  return spanKm > 0 ? plotH / spanKm : 0;
}

/** The window of the same shape as `full`, `spanKm` high, centred on a point. */
export function windowAround(full: ViewWindow, lon: number, lat: number, spanKm: number): ViewWindow {
  const halfLat = spanKm / KM_PER_DEG_LAT / 2;
  const ratio = (full.x[1] - full.x[0]) / (full.y[1] - full.y[0]);
  const halfLon = halfLat * ratio;
  return { x: [lon - halfLon, lon + halfLon], y: [lat - halfLat, lat + halfLat] };
}

/** The window shown by zoom percentages (ECharts dataZoom start/end) of the full axis ranges. */
export function windowFromZoom(
  full: ViewWindow,
  xPct: readonly [number, number],
  yPct: readonly [number, number],
): ViewWindow {
  const at = (r: readonly [number, number], p: number) => r[0] + ((r[1] - r[0]) * p) / 100;
  return { x: [at(full.x, xPct[0]), at(full.x, xPct[1])], y: [at(full.y, yPct[0]), at(full.y, yPct[1])] };
}

export function inWindow(v: ViewWindow, lon: number, lat: number, margin = 0): boolean {
  const mx = (v.x[1] - v.x[0]) * margin;
  const my = (v.y[1] - v.y[0]) * margin;
  return lon >= v.x[0] - mx && lon <= v.x[1] + mx && lat >= v.y[0] - my && lat <= v.y[1] + my;
}

/** Flat [lon, lat, …] as pairs, the form ECharts' lines series takes. */
export function pairs(flat: readonly number[]): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) out.push([flat[i] ?? 0, flat[i + 1] ?? 0]);
  return out;
}

/** Lon, lat with 5 decimals (≈ 1 m), for people. */
export function formatLonLat(lon: number, lat: number): string {
  return `${lon.toFixed(5)}, ${lat.toFixed(5)}`;
}
