// What an alarm's target is called and whom it belongs to, read through the registry service (city-wide: the
// engine is the system): stations with their enterprise, households with their community's station, heat
// sources. Cached per process; a target renamed later keeps the name it was raised with.
import { CITY_SCOPE } from '../auth/actor.ts';
import type { RegistryService } from '../registry/registry.service.ts';
import type { AlarmTarget } from './alarm-lifecycle.ts';

export type AlarmRegistry = Pick<RegistryService, 'findByIds'>;

export function createAlarmTargets(registry: AlarmRegistry) {
  const enterpriseNames = new Map<number, string>();

  async function enterpriseNamesOf(ids: Iterable<number>): Promise<Map<number, string>> {
    const missing = [...new Set(ids)].filter((id) => !enterpriseNames.has(id));
    if (missing.length > 0)
      for (const e of await registry.findByIds(CITY_SCOPE, 'enterprises', missing))
        enterpriseNames.set(e.id, e.name);
    return enterpriseNames;
  }

  async function stations(ids: readonly number[]): Promise<Map<number, AlarmTarget>> {
    const rows = await registry.findByIds(CITY_SCOPE, 'stations', ids);
    const names = await enterpriseNamesOf(rows.map((s) => s.enterpriseId));
    return new Map(
      rows.map((s) => [
        s.id,
        {
          kind: 'station',
          id: s.id,
          name: s.name,
          stationId: s.id,
          stationName: s.name,
          enterpriseId: s.enterpriseId,
          enterpriseName: names.get(s.enterpriseId) ?? null,
        },
      ]),
    );
  }

  async function households(ids: readonly number[]): Promise<Map<number, AlarmTarget>> {
    const rows = await registry.findByIds(CITY_SCOPE, 'households', ids);
    const communities = new Map(
      (await registry.findByIds(CITY_SCOPE, 'communities', [...new Set(rows.map((h) => h.communityId))])).map(
        (c) => [c.id, c],
      ),
    );
    const stationIds = [...communities.values()].flatMap((c) => (c.stationId === null ? [] : [c.stationId]));
    const stationNames = new Map(
      (await registry.findByIds(CITY_SCOPE, 'stations', stationIds)).map((s) => [s.id, s.name]),
    );
    const names = await enterpriseNamesOf(rows.map((h) => h.enterpriseId));
    const out = new Map<number, AlarmTarget>();
    for (const h of rows) {
      const c = communities.get(h.communityId);
      const stationId = c?.stationId ?? null;
      const place = [h.unit && `${h.unit}单元`, h.room].filter(Boolean).join(' ');
      out.set(h.id, {
        kind: 'household',
        id: h.id,
        name: `${c?.name ?? ''} ${place || h.code}`.trim(),
        stationId,
        stationName: stationId === null ? null : (stationNames.get(stationId) ?? null),
        enterpriseId: h.enterpriseId,
        enterpriseName: names.get(h.enterpriseId) ?? null,
      });
    }
    return out;
  }

  async function heatSources(ids: readonly number[]): Promise<Map<number, AlarmTarget>> {
    const rows = await registry.findByIds(CITY_SCOPE, 'heat-sources', ids);
    const names = await enterpriseNamesOf(rows.map((s) => s.enterpriseId));
    return new Map(
      rows.map((s) => [
        s.id,
        {
          kind: 'heat_source',
          id: s.id,
          name: s.name,
          stationId: null,
          stationName: null,
          enterpriseId: s.enterpriseId,
          enterpriseName: names.get(s.enterpriseId) ?? null,
        },
      ]),
    );
  }

  return {
    resolve(kind: 'station' | 'household', ids: readonly number[]) {
      return kind === 'station' ? stations(ids) : households(ids);
    },
    heatSources,
    /** enterprise and station names for the rules list */
    async names(enterpriseIds: number[], stationIds: number[]) {
      const enterprises = await enterpriseNamesOf(enterpriseIds);
      const stations = new Map(
        (await registry.findByIds(CITY_SCOPE, 'stations', stationIds)).map((s) => [s.id, s] as const),
      );
      return { enterprises, stations };
    },
  };
}
export type AlarmTargets = ReturnType<typeof createAlarmTargets>;
