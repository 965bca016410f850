// GeoJSON geometry of network objects (Point, LineString) read safely, its box, and its text for people.
import { boundsOfLayers, formatLonLat, inWindow, type ViewWindow } from './geo.ts';

export type Geometry = { kind: 'point'; lon: number; lat: number } | { kind: 'line'; flat: number[] };

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** A Point or LineString GeoJSON geometry, or null for anything else. */
export function readGeometry(g: unknown): Geometry | null {
  if (!g || typeof g !== 'object') return null;
  const { type, coordinates } = g as { type?: unknown; coordinates?: unknown };
  if (type === 'Point' && Array.isArray(coordinates) && isNum(coordinates[0]) && isNum(coordinates[1]))
    return { kind: 'point', lon: coordinates[0], lat: coordinates[1] };
  if (type === 'LineString' && Array.isArray(coordinates)) {
    const flat: number[] = [];
    for (const c of coordinates as unknown[])
      if (Array.isArray(c) && isNum(c[0]) && isNum(c[1])) flat.push(c[0], c[1]);
    return flat.length >= 4 ? { kind: 'line', flat } : null;
  }
  return null;
}

/** Length of a flat lon, lat line in metres (equirectangular, fine at a city's scale). */
export function lineLengthM(flat: readonly number[]): number {
  let m = 0;
  for (let i = 2; i + 1 < flat.length; i += 2) {
    const lat = (((flat[i + 1] ?? 0) + (flat[i - 1] ?? 0)) / 2) * (Math.PI / 180);
    const dx = ((flat[i] ?? 0) - (flat[i - 2] ?? 0)) * Math.cos(lat);
    const dy = (flat[i + 1] ?? 0) - (flat[i - 1] ?? 0);
    m += Math.hypot(dx, dy) * 111_320;
  }
  return m;
}

/** The geometry as text: a point's lon, lat; a line's vertex count, ends and length (5-decimal degrees). */
export function geometryText(g: Geometry, lang: 'zh' | 'en'): string {
  if (g.kind === 'point') return formatLonLat(g.lon, g.lat);
  const n = g.flat.length / 2;
  const start = formatLonLat(g.flat[0] ?? 0, g.flat[1] ?? 0);
  const end = formatLonLat(g.flat[g.flat.length - 2] ?? 0, g.flat[g.flat.length - 1] ?? 0);
  const km = (lineLengthM(g.flat) / 1000).toFixed(2);
  return lang === 'en'
    ? `${n} points · ${start} → ${end} · ${km} km`
    : `${n} 个点 · 起 ${start} → 止 ${end} · 约 ${km} km`;
}

/** The network around: flat lon, lat lines and points. */
export type MapContext = {
  lines: readonly (readonly number[])[];
  points: readonly (readonly [number, number])[];
};

/** Degrees around the geometry that the map shows at least (≈ 450 m). */
export const CONTEXT_PAD = 0.004;

/** The context lines and points within `pad` degrees of the geometry's box. */
export function contextAround(g: Geometry, ctx: MapContext, pad = CONTEXT_PAD * 2): MapContext {
  const b = boundsOfLayers(
    g.kind === 'point' ? [[g.lon, g.lat]] : [],
    g.kind === 'line' ? [g.flat] : [],
    pad,
  );
  if (!b) return { lines: [], points: [] };
  const w: ViewWindow = { x: [b.minLon, b.maxLon], y: [b.minLat, b.maxLat] };
  const lineIn = (l: readonly number[]) => {
    for (let i = 0; i + 1 < l.length; i += 2) if (inWindow(w, l[i] ?? 0, l[i + 1] ?? 0)) return true;
    return false;
  };
  return {
    lines: ctx.lines.filter(lineIn),
    points: ctx.points.filter(([lon, lat]) => inWindow(w, lon, lat)),
  };
}
