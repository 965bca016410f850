// City overview and network map for a caller's scope (SPEC §3.1 derived figures, §3.13 tile-free map).
import type { NetworkAssets, NetworkMap, Overview } from '@hearth/contracts/stats';
import type { HeatSourceType } from '@hearth/contracts/registry';
import type { Scope } from '../auth/actor.ts';
import type { OverviewRepository } from './overview.repository.ts';
import { boundingBox, summariseOverview } from './overview.rules.ts';
import { boundingBoxOfLayers, flatLine, roundCoord } from './map-layers.rules.ts';

type NodeRow = NetworkAssets['nodes'][number];
type ValveRow = NetworkAssets['valves'][number];

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
      const heatSources = sources.map(
        (r) =>
          [
            r.id,
            r.name,
            r.type as HeatSourceType,
            Number(r.capacityMw),
            roundCoord(Number(r.lon)),
            roundCoord(Number(r.lat)),
          ] as const,
      );
      const stationPoints = stations.map(
        (r) =>
          [r.id, r.name, Number(r.capacityMw), roundCoord(Number(r.lon)), roundCoord(Number(r.lat))] as const,
      );
      return {
        bbox: boundingBox([
          ...heatSources.map((p) => [p[4], p[5]] as const),
          ...stationPoints.map((p) => [p[3], p[4]] as const),
        ]),
        heatSources: heatSources.map((p) => [...p]),
        stations: stationPoints.map((p) => [...p]),
        pipes: pipes.map((r) => [r.id, Number(r.diameterMm), flatLine(r.coordinates)]),
      };
    },

    async networkAssets(scope: Scope): Promise<NetworkAssets> {
      const { nodes, pipes, valves } = await repo.networkAssets(scope);
      const pt = (r: { lon: number; lat: number }) => [roundCoord(r.lon), roundCoord(r.lat)] as const;
      const nodeRows: NetworkAssets['nodes'] = nodes.map((r) => [
        r.id,
        r.code,
        r.kind as NodeRow[2],
        r.enterpriseId,
        ...pt(r),
      ]);
      const pipeRows: NetworkAssets['pipes'] = pipes.map((r) => [
        r.id,
        r.code,
        Number(r.diameterMm),
        r.enterpriseId,
        flatLine(r.coordinates),
      ]);
      const valveRows: NetworkAssets['valves'] = valves.map((r) => [
        r.id,
        r.code,
        r.kind as ValveRow[2],
        r.status as ValveRow[3],
        r.enterpriseId,
        ...pt(r),
      ]);
      return {
        bbox: boundingBoxOfLayers(
          nodeRows.map((n) => [n[4], n[5]]),
          pipeRows.map((p) => p[4]),
        ),
        nodes: nodeRows,
        pipes: pipeRows,
        valves: valveRows,
      };
    },
  };
}
export type OverviewService = ReturnType<typeof createOverviewService>;
