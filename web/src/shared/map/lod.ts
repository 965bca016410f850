// Level of detail of the tile-free maps (pure): what to draw at a zoom — symbol sizes, clustering, names, which pipes
// and how simplified — plus the grid clustering and the line simplification it uses.

export type Lod = {
  /** station dot size, px */
  stationSize: number;
  /** factor on the heat sources' capacity-based sizes */
  sourceScale: number;
  clusterStations: boolean;
  clusterSources: boolean;
  /** cluster grid cell, px */
  cellPx: number;
  stationLabels: boolean;
  sourceLabels: boolean;
  /** pipes thinner than this are left out (0: all) */
  minPipeDiameter: number;
  /** pipe simplification tolerance, px */
  simplifyPx: number;
};

/** Visible points above which stations (sources) are drawn as clusters. */
export const STATION_CLUSTER_MIN = 600;
/** Sources cluster only past this many in view: shrunk by zoom, Tianjin's 385 stay single dots on the station clusters. */
export const SOURCE_CLUSTER_MIN = 1000;
const STATION_LABEL_MAX = 60;
const SOURCE_LABEL_MAX = 40;

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** The level of detail for a zoom (pixels per km) and the number of stations and sources in view. */
export function chooseLod(input: { pxPerKm: number; visibleStations: number; visibleSources: number }): Lod {
  const { pxPerKm, visibleStations, visibleSources } = input;
  const clusterStations = visibleStations > STATION_CLUSTER_MIN;
  const clusterSources = visibleSources > SOURCE_CLUSTER_MIN;
  return {
    stationSize: pxPerKm < 8 ? 3 : pxPerKm < 30 ? 5 : 8,
    sourceScale: clamp(pxPerKm / 20, 0.35, 1.2),
    clusterStations,
    clusterSources,
    cellPx: 52,
    stationLabels: !clusterStations && visibleStations <= STATION_LABEL_MAX,
    sourceLabels: !clusterSources && visibleSources <= SOURCE_LABEL_MAX,
    minPipeDiameter: pxPerKm < 4 ? 500 : pxPerKm < 10 ? 200 : 0,
    simplifyPx: 1.2,
  };
}

export type Cluster<T> = { lon: number; lat: number; members: T[] };

/**
 * Grid clustering: items in the same `cellLon` × `cellLat` cell form one cluster at their mean position. Clusters
 * come out in the order of their first member, so a redraw with the same input is the same.
 */
export function clusterPoints<T>(
  items: readonly T[],
  at: (item: T) => readonly [number, number],
  cellLon: number,
  cellLat: number,
): Cluster<T>[] {
  const cells = new Map<string, { sumLon: number; sumLat: number; members: T[] }>();
  for (const item of items) {
    const [lon, lat] = at(item);
    const key = `${Math.floor(lon / cellLon)}:${Math.floor(lat / cellLat)}`;
    const cell = cells.get(key);
    if (cell) {
      cell.sumLon += lon;
      cell.sumLat += lat;
      cell.members.push(item);
    } else cells.set(key, { sumLon: lon, sumLat: lat, members: [item] });
  }
  return [...cells.values()].map((c) => ({
    lon: c.sumLon / c.members.length,
    lat: c.sumLat / c.members.length,
    members: c.members,
  }));
}

function segmentDistance(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 > 0 ? clamp(((px - ax) * dx + (py - ay) * dy) / len2, 0, 1) : 0;
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/**
 * Douglas–Peucker simplification of a flat [x0, y0, x1, y1, …] line with a tolerance in the same units; the ends
 * always stay. A line whose every point is within the tolerance of its first becomes its two ends.
 */
export function simplifyLine(flat: readonly number[], tolerance: number): number[] {
  const n = Math.floor(flat.length / 2);
  if (n <= 2 || tolerance <= 0) return flat.slice(0, n * 2);
  const keep = new Uint8Array(n);
  keep[0] = 1;
  keep[n - 1] = 1;
  const stack: [number, number][] = [[0, n - 1]];
  const x = (i: number) => flat[2 * i] ?? 0;
  const y = (i: number) => flat[2 * i + 1] ?? 0;
  while (stack.length > 0) {
    const [a, b] = stack.pop() ?? [0, 0];
    let worst = -1;
    let worstD = tolerance;
    for (let i = a + 1; i < b; i++) {
      const d = segmentDistance(x(i), y(i), x(a), y(a), x(b), y(b));
      if (d > worstD) {
        worst = i;
        worstD = d;
      }
    }
    if (worst > 0) {
      keep[worst] = 1;
      stack.push([a, worst], [worst, b]);
    }
  }
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (keep[i]) out.push(x(i), y(i));
  return out;
}

/** The largest of a flat line's width and height (its extent, in its units). */
export function lineExtent(flat: readonly number[]): number {
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (let i = 0; i + 1 < flat.length; i += 2) {
    const px = flat[i] ?? 0;
    const py = flat[i + 1] ?? 0;
    minX = Math.min(minX, px);
    maxX = Math.max(maxX, px);
    minY = Math.min(minY, py);
    maxY = Math.max(maxY, py);
  }
  return minX === Infinity ? 0 : Math.max(maxX - minX, maxY - minY);
}
