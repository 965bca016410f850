// The rows of the planned pipe network: nodes, pipes, valves.
import type { NetworkPlan } from './network.ts';
import type { SeedTable } from './seed-table.ts';

export function networkTables(network: NetworkPlan, now: string): SeedTable[] {
  return [nodeTable(network, now), pipeTable(network, now), valveTable(network, now)];
}

function nodeTable({ nodes }: NetworkPlan, now: string): SeedTable {
  return {
    phase: '管网节点 network nodes',
    table: 'network_nodes',
    columns: [
      'id',
      'code',
      'enterprise_id',
      'kind',
      'heat_source_id',
      'station_id',
      'lon',
      'lat',
      'created_at',
      'updated_at',
    ],
    rows: nodes.map((n) => [
      n.id,
      n.code,
      n.enterpriseId,
      n.kind,
      n.heatSourceId,
      n.stationId,
      n.lon,
      n.lat,
      now,
      now,
    ]),
  };
}

function pipeTable({ pipes }: NetworkPlan, now: string): SeedTable {
  return {
    phase: '管道 pipes',
    table: 'pipes',
    columns: [
      'id',
      'code',
      'enterprise_id',
      'from_node_id',
      'to_node_id',
      'diameter_mm',
      'length_m',
      'built_year',
      'coordinates',
      'created_at',
      'updated_at',
    ],
    rows: pipes.map((p) => [
      p.id,
      p.code,
      p.enterpriseId,
      p.fromNodeId,
      p.toNodeId,
      p.diameterMm,
      p.lengthM,
      p.builtYear,
      p.coordinates,
      now,
      now,
    ]),
  };
}

function valveTable({ valves }: NetworkPlan, now: string): SeedTable {
  return {
    phase: '阀门 valves',
    table: 'valves',
    columns: [
      'id',
      'code',
      'enterprise_id',
      'pipe_id',
      'node_id',
      'kind',
      'status',
      'lon',
      'lat',
      'created_at',
      'updated_at',
    ],
    rows: valves.map((v) => [
      v.id,
      v.code,
      v.enterpriseId,
      v.pipeId,
      v.nodeId,
      v.kind,
      v.status,
      v.lon,
      v.lat,
      now,
      now,
    ]),
  };
}
