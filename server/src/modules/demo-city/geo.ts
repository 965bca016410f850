// Small-distance geometry for the demo city: offsets in km, rings, coordinate rounding.
import { EARTH_RADIUS_M, RAD } from '../../lib/geo.ts';

/** metres per degree of latitude (spherical earth, consistent with the haversine radius) */
const M_PER_DEG_LAT = EARTH_RADIUS_M * RAD;

export type LonLat = { lon: number; lat: number };

/** Point `eastKm`/`northKm` away (equirectangular; fine for the few-km offsets used here). */
export function offsetKm(origin: LonLat, eastKm: number, northKm: number): LonLat {
  const lat = origin.lat + (northKm * 1000) / M_PER_DEG_LAT;
  const lon = origin.lon + (eastKm * 1000) / (M_PER_DEG_LAT * Math.cos(origin.lat * RAD));
  return { lon: round6(lon), lat: round6(lat) };
}

/** Uniformly random point in the ring between `minKm` and `maxKm` around `origin`; `u`, `v` in [0, 1). */
export function pointInRing(origin: LonLat, minKm: number, maxKm: number, u: number, v: number): LonLat {
  const r = Math.sqrt(minKm * minKm + u * (maxKm * maxKm - minKm * minKm));
  const angle = 2 * Math.PI * v;
  return offsetKm(origin, r * Math.cos(angle), r * Math.sin(angle));
}

/** Local planar x/y in metres relative to `origin`, for projections on short segments. */
export function toLocalM(origin: LonLat, lon: number, lat: number): { x: number; y: number } {
  return {
    x: (lon - origin.lon) * M_PER_DEG_LAT * Math.cos(origin.lat * RAD),
    y: (lat - origin.lat) * M_PER_DEG_LAT,
  };
}

/** 6 decimals ≈ 0.1 m: enough for a network drawing, short in JSON. */
export function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

export function round1(x: number): number {
  return Math.round(x * 10) / 10;
}
