// Injectable simulator faults (leak, stuck, offline, underheat) and their seeded choice of stations.
import type { MetricKey } from '@hearth/contracts/telemetry';
import { DomainError } from '../../http/domain-error.ts';
import { createRng } from '../demo-city/prng.ts';

export const FAULT_KINDS = ['leak', 'stuck', 'offline', 'underheat'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** Station metrics a stuck sensor may freeze. */
export const STUCK_METRICS = [
  'secondarySupplyTemp',
  'secondaryReturnTemp',
  'primarySupplyTemp',
  'flow',
  'secondaryReturnPressure',
] as const satisfies readonly MetricKey[];

export type FaultPlan = {
  /** station ids: make-up water ×10, secondary pressure falling */
  leak: number[];
  /** station id → the metric whose sensor repeats its last value */
  stuck: { stationId: number; metric: MetricKey }[];
  /** household ids whose indoor sensor repeats its last value */
  stuckHouseholds: number[];
  /** station ids that publish nothing */
  offline: number[];
  /** station id → supply below the curve, ℃ (positive) */
  underheat: { stationId: number; shortfall: number }[];
};

/** Accepts `['leak', 'stuck']` as well as `['leak,stuck']`; unknown names are an error. */
export function parseFaults(names: readonly string[]): FaultKind[] {
  const kinds = new Set<FaultKind>();
  for (const name of names.flatMap((n) => n.split(',')).map((n) => n.trim().toLowerCase())) {
    if (name === '') continue;
    if (!(FAULT_KINDS as readonly string[]).includes(name))
      throw new DomainError(
        'simulate.invalid_fault',
        422,
        `未知故障 / unknown fault "${name}" (${FAULT_KINDS.join(', ')})`,
      );
    kinds.add(name as FaultKind);
  }
  return FAULT_KINDS.filter((k) => kinds.has(k));
}

/** "A few": 3 % of the targets, at least 1 and at most 10. */
export const faultCount = (targets: number) =>
  targets === 0 ? 0 : Math.min(10, Math.max(1, Math.round(targets * 0.03)));

/**
 * Affected targets, deterministic in the seed. Each kind owns a fixed slice of one seeded shuffle, so the
 * stations of one kind do not change with the other kinds chosen and no station carries two faults
 * (unless there are too few stations).
 */
export function planFaults(
  stationIds: readonly number[],
  householdIds: readonly number[],
  kinds: readonly FaultKind[],
  seed: number,
): FaultPlan {
  const rng = createRng(seed, 7_001);
  const stations = rng.shuffle([...stationIds].sort((a, b) => a - b));
  const n = faultCount(stations.length);
  const slice = (kind: FaultKind) => {
    if (!kinds.includes(kind) || stations.length === 0) return [];
    const k = FAULT_KINDS.indexOf(kind);
    return Array.from({ length: n }, (_, i) => stations[(k * n + i) % stations.length] as number);
  };
  const detail = createRng(seed, 7_002);
  const households = kinds.includes('stuck')
    ? createRng(seed, 7_003)
        .shuffle([...householdIds].sort((a, b) => a - b))
        .slice(0, faultCount(householdIds.length))
    : [];
  return {
    leak: slice('leak'),
    stuck: slice('stuck').map((stationId) => ({ stationId, metric: detail.pick(STUCK_METRICS) })),
    stuckHouseholds: households,
    offline: slice('offline'),
    underheat: slice('underheat').map((stationId) => ({
      stationId,
      shortfall: Math.round(detail.float(10, 15) * 10) / 10,
    })),
  };
}

/** Make-up multiplier and secondary pressure lost (MPa) `hours` of simulated time into a leak. */
export function leakEffect(hours: number): { makeupFactor: number; pressureDrop: number } {
  if (hours < 0) return { makeupFactor: 1, pressureDrop: 0 };
  // the make-up pump cannot hold pressure: it sags 0.03 MPa per hour down to 0.12 below normal
  return { makeupFactor: 10, pressureDrop: Math.min(0.12, 0.03 * hours) };
}

/** A stuck sensor: the first value seen after the fault starts is repeated from then on. */
export function stuckValue(memory: Map<string, number>, key: string, value: number): number {
  const frozen = memory.get(key);
  if (frozen !== undefined) return frozen;
  memory.set(key, value);
  return value;
}
