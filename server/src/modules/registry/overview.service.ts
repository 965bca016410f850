// City overview and network map for a caller's scope (SPEC §3.1 derived figures, §3.13 tile-free map).
import type { NetworkMap, Overview } from '@hearth/contracts/stats';
import type { HeatSourceType } from '@hearth/contracts/registry';
import type { Scope } from '../auth/actor.ts';
import type { OverviewRepository } from './overview.repository.ts';
import { boundingBox, summariseOverview } from './overview.rules.ts';

export function createOverviewService(deps: { repo: OverviewRepository }) {
  const { repo } = deps;
  return {
    async overview(scope: Scope): Promise<Overview> {
      const [counts, sources, served] = await Promise.all([
        repo.counts(scope),
        repo.sourcesByType(scope),
        repo.servedByType(scope),
      ]);
      return summariseOverview(counts, sources, served);
    },

    async networkMap(scope: Scope): Promise<NetworkMap> {
      const { sources, stations, pipes } = await repo.mapLayers(scope);
      const heatSources = sources.map((r) => ({
        id: r.id,
        name: r.name,
        type: r.type as HeatSourceType,
        capacityMw: Number(r.capacityMw),
        lon: Number(r.lon),
        lat: Number(r.lat),
      }));
      const stationPoints = stations.map((r) => ({
        id: r.id,
        name: r.name,
        capacityMw: Number(r.capacityMw),
        lon: Number(r.lon),
        lat: Number(r.lat),
      }));
      return {
        bbox: boundingBox([...heatSources, ...stationPoints].map((p) => [p.lon, p.lat] as const)),
        heatSources,
        stations: stationPoints,
        pipes: pipes.map((r) => ({
          id: r.id,
          diameterMm: r.diameterMm,
          coordinates: JSON.parse(r.coordinates) as [number, number][],
        })),
      };
    },
  };
}
export type OverviewService = ReturnType<typeof createOverviewService>;
