// Pure rules of data quality and indoor-sensor sampling (SPEC §3.2): coverage, completeness, stale points,
// sampling shares against the city's minimum (e.g. ≥ 3 % of households) and the spread of the sample.
import { SAMPLING_SPREAD_CHECKS, type SamplingSpreadCheck } from '@hearth/contracts/telemetry';
import { haversineM } from '../../lib/geo.ts';
import type { LatestRecord } from '../telemetry/telemetry.store.ts';

/** Share of the window's 15-minute intervals that hold data: 96 per day. */
export function completeness(bucketsWithData: number, windowMs: number): number {
  const expected = Math.max(1, Math.round(windowMs / 900_000));
  return Math.min(1, bucketsWithData / expected);
}

/** Points of a reporting target whose own value is older than the stale window (stuck or dead sensors). */
export function stalePoints(record: LatestRecord | undefined, now: number, staleMs: number): number {
  if (!record || now - record.ts >= staleMs) return 0; // a silent station is counted as offline instead
  let stale = 0;
  for (const point of Object.values(record.points)) if (point && now - point.ts >= staleMs) stale++;
  return stale;
}

export function samplingShare(sensors: number, households: number, minimumShare: number) {
  const share = households > 0 ? sensors / households : 0;
  return { share, belowMinimum: households > 0 && share < minimumShare };
}

/** A sensed household's place: its floor, and the top floor of its building, where the registry knows them. */
export type SensedPlace = { floor: number | null; topFloor: number | null };

/**
 * The floor checks a community's sample fails, among `checks`. Ground floor: a sensed household on floor 1 or
 * below. Top floor: one on its building's top floor. Each is judged only when some sensed household has the
 * facts for it (a floor; a floor and its building's height), so missing registry data never flags a community.
 */
export function missingFloors(
  places: readonly SensedPlace[],
  checks: ReadonlySet<SamplingSpreadCheck>,
): SamplingSpreadCheck[] {
  let groundKnown = false;
  let ground = false;
  let topKnown = false;
  let top = false;
  for (const { floor, topFloor } of places) {
    if (floor === null) continue;
    groundKnown = true;
    if (floor <= 1) ground = true;
    if (topFloor === null) continue;
    topKnown = true;
    if (floor >= topFloor) top = true;
  }
  const missing: SamplingSpreadCheck[] = [];
  if (checks.has('ground_floor') && groundKnown && !ground) missing.push('ground_floor');
  if (checks.has('top_floor') && topKnown && !top) missing.push('top_floor');
  return missing;
}

/** What SQL aggregated about a community's sensed households (sampling.repository.ts). */
export type SensedFacts = { groundKnown: boolean; ground: boolean; topKnown: boolean; top: boolean };

/** `missingFloors` over facts aggregated per community instead of every sensed household. */
export function missingFloorChecks(
  facts: SensedFacts | undefined,
  checks: ReadonlySet<SamplingSpreadCheck>,
): SamplingSpreadCheck[] {
  const missing: SamplingSpreadCheck[] = [];
  if (!facts) return missing;
  if (checks.has('ground_floor') && facts.groundKnown && !facts.ground) missing.push('ground_floor');
  if (checks.has('top_floor') && facts.topKnown && !facts.top) missing.push('top_floor');
  return missing;
}

type Located = { lon: number | null; lat: number | null };

/**
 * The community farthest from its station, per station (the end of its network, where heat arrives last).
 * Communities without households (nobody to sample yet), and stations or communities without coordinates, are
 * left out; a tie keeps the lower community id.
 */
export function farEnds(
  stations: readonly ({ id: number } & Located)[],
  communities: readonly ({ id: number; stationId: number | null; households: number } & Located)[],
): Set<number> {
  const where = new Map<number, { lon: number; lat: number }>();
  for (const s of stations) if (s.lon !== null && s.lat !== null) where.set(s.id, { lon: s.lon, lat: s.lat });
  const farthest = new Map<number, { id: number; m: number }>();
  for (const c of communities) {
    const station = c.stationId === null ? undefined : where.get(c.stationId);
    if (!station || c.lon === null || c.lat === null || c.stationId === null || c.households === 0) continue;
    const m = haversineM(station.lon, station.lat, c.lon, c.lat);
    const best = farthest.get(c.stationId);
    if (!best || m > best.m || (m === best.m && c.id < best.id)) farthest.set(c.stationId, { id: c.id, m });
  }
  return new Set([...farthest.values()].map((f) => f.id));
}

/** Spread checks in the contract's order, each once. */
export function orderedChecks(found: Iterable<SamplingSpreadCheck>): SamplingSpreadCheck[] {
  const set = new Set(found);
  return SAMPLING_SPREAD_CHECKS.filter((c) => set.has(c));
}
