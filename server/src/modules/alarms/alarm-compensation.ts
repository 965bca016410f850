// The supply-deviation rule's compensation targets: each station's target supply temperature at the current outdoor
// temperature, from the weather module's compensation service, held in memory so a check costs no query.
import type { CompensationTarget } from './alarm-checks.ts';

/** the outdoor temperature (and with it every target) is looked up again after this long */
const REFRESH_MS = 10 * 60_000;

export type CompensationPorts = {
  /** targets of these stations at this outdoor temperature, ℃ (city-wide; unknown stations left out) */
  targetsFor: (
    stationIds: readonly number[],
    outdoorTemp: number,
  ) => Promise<Map<number, { supply: number }>>;
  /** the city's outdoor temperature now (observed, else forecast), ℃; null when the weather store has none */
  outdoorNow: () => Promise<number | null>;
};

export function createAlarmCompensation(
  ports: CompensationPorts,
  now: () => number = Date.now,
): CompensationTarget {
  const stations = new Set<number>();
  let targets = new Map<number, number>();
  let outdoor: number | null = null;
  let refreshedAt = -Infinity;
  let refreshing: Promise<void> | null = null;

  async function targetsOf(ids: readonly number[]): Promise<[number, number][]> {
    if (outdoor === null || ids.length === 0) return [];
    return [...(await ports.targetsFor(ids, outdoor))].map(([id, t]) => [id, t.supply]);
  }

  /** every known station again, at a fresh outdoor temperature */
  function refreshAll(): Promise<void> {
    refreshing ??= (async () => {
      refreshedAt = now();
      outdoor = await ports.outdoorNow();
      targets = new Map(await targetsOf([...stations]));
    })()
      .catch(() => undefined)
      .finally(() => (refreshing = null));
    return refreshing;
  }

  return {
    // without an outdoor temperature there is no target, and the supply-deviation rule stays silent
    target(stationId) {
      if (now() - refreshedAt > REFRESH_MS) void refreshAll();
      return targets.get(stationId) ?? null;
    },
    async prepare(stationIds) {
      const fresh = stationIds.filter((id) => !stations.has(id));
      for (const id of fresh) stations.add(id);
      if (now() - refreshedAt > REFRESH_MS) return refreshAll();
      for (const [id, supply] of await targetsOf(fresh)) targets.set(id, supply);
    },
  };
}
