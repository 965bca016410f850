// Pure rules of the compact map layers: coordinates rounded to 5 decimals, pipe geometry as flat lon, lat pairs.
import { boundingBox } from './overview.rules.ts';

/** A coordinate rounded to 5 decimals (≈ 1 m): the map layers' precision. */
export function roundCoord(v: number): number {
  return Math.round(Number(v) * 1e5) / 1e5;
}

/** GeoJSON LineString coordinates (JSON text) as flat rounded lon, lat pairs; malformed text gives []. */
export function flatLine(json: string): number[] {
  let coords: unknown;
  try {
    coords = JSON.parse(json);
  } catch {
    return [];
  }
  if (!Array.isArray(coords)) return [];
  const out: number[] = [];
  for (const c of coords) {
    if (Array.isArray(c) && typeof c[0] === 'number' && typeof c[1] === 'number')
      out.push(roundCoord(c[0]), roundCoord(c[1]));
  }
  return out;
}

/** The bounding box of flat lon, lat pairs and points, or null when there are none. */
export function boundingBoxOfLayers(
  points: readonly (readonly [number, number])[],
  lines: readonly (readonly number[])[],
): [number, number, number, number] | null {
  const all: [number, number][] = points.map(([lon, lat]) => [lon, lat]);
  for (const line of lines)
    for (let i = 0; i + 1 < line.length; i += 2) all.push([line[i] ?? 0, line[i + 1] ?? 0]);
  return boundingBox(all);
}
