// TEMPORARY weather-compensation target (to be replaced by the weather module's compensation service): the
// simulator's quality-regulation curve with each station's design supply/return temperatures and the demo
// city's outdoor temperature. Without an outdoor temperature (no demo city) there is no target and the supply
// deviation rule stays silent.
import { CITY_SCOPE } from '../auth/actor.ts';
import type { RegistryService } from '../registry/registry.service.ts';
import { relativeLoad, supplyCurve } from '../simulator/physics.ts';
import type { CompensationTarget } from './alarm-checks.ts';

/** outdoor temperature is looked up again after this long */
const OUTDOOR_REFRESH_MS = 10 * 60_000;

export function createTemporaryCompensation(deps: {
  registry: Pick<RegistryService, 'findByIds'>;
  outdoor: (at: number) => Promise<number | null>;
}): CompensationTarget {
  const design = new Map<number, { supply: number; ret: number }>();
  let outdoor: { at: number; value: number | null } = { at: -Infinity, value: null };

  async function refreshOutdoor(at: number): Promise<void> {
    outdoor = { at, value: await deps.outdoor(at) };
  }

  return {
    target(stationId, at) {
      const d = design.get(stationId);
      if (Math.abs(at - outdoor.at) > OUTDOOR_REFRESH_MS) void refreshOutdoor(at).catch(() => undefined);
      if (!d || outdoor.value === null) return null;
      return supplyCurve(relativeLoad(outdoor.value), d.supply, d.ret).supply;
    },
    async prepare(stationIds) {
      if (outdoor.value === null) await refreshOutdoor(Date.now());
      const rows = await deps.registry.findByIds(CITY_SCOPE, 'stations', stationIds);
      for (const s of rows) design.set(s.id, { supply: s.designSupplyTemp, ret: s.designReturnTemp });
    },
  };
}
