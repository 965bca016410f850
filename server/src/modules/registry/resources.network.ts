// Resource definitions of the pipe network 管网: nodes, pipes and valves with GeoJSON geometry.
import { NODE_KINDS, REGISTRY_RESOURCES, VALVE_KINDS } from '@hearth/contracts/registry';
import { REGISTRY_WRITERS } from '../auth/actor.ts';
import type { ResourceDef } from './registry.resource.ts';
import { byEnum, byId, itemFromRow, pointFromRow, pointToColumns, rowFromInput } from './registry.mapping.ts';

const { 'network-nodes': N, pipes: P, valves: V } = REGISTRY_RESOURCES;
const CODE = [{ column: 'code', mode: 'contains' as const }];

export const networkNodes: ResourceDef = {
  name: 'network-nodes',
  entity: 'network_node',
  table: 'networkNodes',
  tenancy: 'owned',
  ...N,
  toApi: itemFromRow(N.item, { geometry: pointFromRow }),
  toRow: rowFromInput(N.create, { geometry: pointToColumns }),
  filters: {
    enterpriseId: byId('enterpriseId'),
    kind: byEnum('kind', NODE_KINDS),
    stationId: byId('stationId'),
  },
  search: CODE,
  sortable: ['code', 'kind'],
  references: [
    { field: 'heatSourceId', table: 'heatSources', entity: 'heat_source', label: '热源' },
    { field: 'stationId', table: 'stations', entity: 'station', label: '换热站' },
  ],
  geoJson: true,
  writeRoles: REGISTRY_WRITERS,
};

export const pipes: ResourceDef = {
  name: 'pipes',
  entity: 'pipe',
  table: 'pipes',
  tenancy: 'owned',
  ...P,
  toApi: itemFromRow(P.item, {
    geometry: (r) => ({ type: 'LineString', coordinates: JSON.parse(String(r.coordinates)) as unknown }),
  }),
  toRow: rowFromInput(P.create, {
    geometry: (i) => ({ coordinates: JSON.stringify((i.geometry as { coordinates: unknown }).coordinates) }),
  }),
  filters: { enterpriseId: byId('enterpriseId'), fromNodeId: byId('fromNodeId'), toNodeId: byId('toNodeId') },
  search: CODE,
  sortable: ['code', 'diameterMm', 'lengthM', 'builtYear'],
  references: [
    { field: 'fromNodeId', table: 'networkNodes', entity: 'network_node', label: '起点节点' },
    { field: 'toNodeId', table: 'networkNodes', entity: 'network_node', label: '终点节点' },
  ],
  geoJson: true,
  writeRoles: REGISTRY_WRITERS,
};

export const valves: ResourceDef = {
  name: 'valves',
  entity: 'valve',
  table: 'valves',
  tenancy: 'owned',
  ...V,
  toApi: itemFromRow(V.item, { geometry: pointFromRow }),
  toRow: rowFromInput(V.create, {
    status: (i) => ({ status: i.status ?? 'open' }),
    geometry: pointToColumns,
  }),
  filters: { enterpriseId: byId('enterpriseId'), pipeId: byId('pipeId'), kind: byEnum('kind', VALVE_KINDS) },
  search: CODE,
  sortable: ['code', 'kind', 'status'],
  references: [
    { field: 'pipeId', table: 'pipes', entity: 'pipe', label: '管道' },
    { field: 'nodeId', table: 'networkNodes', entity: 'network_node', label: '管网节点' },
  ],
  // a valve sits on a (pipe, node) pair: the node must be one of the pipe's ends (SPEC §5 valve isolation)
  check: (input, refs) => {
    const pipe = refs.pipeId;
    if (pipe && pipe.fromNodeId !== input.nodeId && pipe.toNodeId !== input.nodeId) {
      return {
        path: 'nodeId',
        reason: '阀门节点必须是所在管道的端点 / the valve node must be an end of its pipe',
      };
    }
    return undefined;
  },
  geoJson: true,
  writeRoles: REGISTRY_WRITERS,
};
