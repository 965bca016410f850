// Resource definitions of the pipe network 管网: nodes, pipes and valves with GeoJSON geometry.
import {
  CreateNetworkNode,
  CreatePipe,
  CreateValve,
  NODE_KINDS,
  NetworkNode,
  Pipe,
  REGISTRY_RESOURCES,
  VALVE_KINDS,
  Valve,
} from '@hearth/contracts/registry';
import type { ResourceDef, Row } from './registry.resource.ts';
import {
  byEnum,
  byId,
  fromPoint,
  num,
  numOrNull,
  orNull,
  point,
  times,
  WRITERS,
} from './registry.mapping.ts';

export const networkNodes: ResourceDef = {
  name: 'network-nodes',
  entity: 'network_node',
  label: '管网节点',
  table: 'networkNodes',
  tenancy: 'owned',
  item: NetworkNode,
  create: CreateNetworkNode,
  update: REGISTRY_RESOURCES['network-nodes'].update,
  toApi: (r: Row) => ({
    id: num(r.id),
    code: String(r.code),
    enterpriseId: num(r.enterpriseId),
    kind: r.kind,
    heatSourceId: numOrNull(r.heatSourceId),
    stationId: numOrNull(r.stationId),
    geometry: point(r),
    ...times(r),
  }),
  toRow: (i: Row) => ({
    code: i.code,
    kind: i.kind,
    heatSourceId: orNull(i.heatSourceId),
    stationId: orNull(i.stationId),
    ...fromPoint(i.geometry),
  }),
  filters: {
    enterpriseId: byId('enterpriseId'),
    kind: byEnum('kind', NODE_KINDS),
    stationId: byId('stationId'),
  },
  search: [{ column: 'code', mode: 'contains' }],
  sortable: ['code', 'kind'],
  references: [
    { field: 'heatSourceId', table: 'heatSources', entity: 'heat_source', label: '热源' },
    { field: 'stationId', table: 'stations', entity: 'station', label: '换热站' },
  ],
  geoJson: true,
  writeRoles: WRITERS,
};

export const pipes: ResourceDef = {
  name: 'pipes',
  entity: 'pipe',
  label: '管道',
  table: 'pipes',
  tenancy: 'owned',
  item: Pipe,
  create: CreatePipe,
  update: REGISTRY_RESOURCES.pipes.update,
  toApi: (r: Row) => ({
    id: num(r.id),
    code: String(r.code),
    enterpriseId: num(r.enterpriseId),
    fromNodeId: num(r.fromNodeId),
    toNodeId: num(r.toNodeId),
    diameterMm: num(r.diameterMm),
    lengthM: num(r.lengthM),
    builtYear: numOrNull(r.builtYear),
    geometry: { type: 'LineString', coordinates: JSON.parse(String(r.coordinates)) as unknown },
    ...times(r),
  }),
  toRow: (i: Row) => ({
    code: i.code,
    fromNodeId: i.fromNodeId,
    toNodeId: i.toNodeId,
    diameterMm: i.diameterMm,
    lengthM: i.lengthM,
    builtYear: orNull(i.builtYear),
    coordinates: JSON.stringify((i.geometry as { coordinates: unknown }).coordinates),
  }),
  filters: { enterpriseId: byId('enterpriseId'), fromNodeId: byId('fromNodeId'), toNodeId: byId('toNodeId') },
  search: [{ column: 'code', mode: 'contains' }],
  sortable: ['code', 'diameterMm', 'lengthM', 'builtYear'],
  references: [
    { field: 'fromNodeId', table: 'networkNodes', entity: 'network_node', label: '起点节点' },
    { field: 'toNodeId', table: 'networkNodes', entity: 'network_node', label: '终点节点' },
  ],
  geoJson: true,
  writeRoles: WRITERS,
};

export const valves: ResourceDef = {
  name: 'valves',
  entity: 'valve',
  label: '阀门',
  table: 'valves',
  tenancy: 'owned',
  item: Valve,
  create: CreateValve,
  update: REGISTRY_RESOURCES.valves.update,
  toApi: (r: Row) => ({
    id: num(r.id),
    code: String(r.code),
    enterpriseId: num(r.enterpriseId),
    pipeId: num(r.pipeId),
    nodeId: num(r.nodeId),
    kind: r.kind,
    status: r.status,
    geometry: point(r),
    ...times(r),
  }),
  toRow: (i: Row) => ({
    code: i.code,
    pipeId: i.pipeId,
    nodeId: i.nodeId,
    kind: i.kind,
    status: i.status ?? 'open',
    ...fromPoint(i.geometry),
  }),
  filters: { enterpriseId: byId('enterpriseId'), pipeId: byId('pipeId'), kind: byEnum('kind', VALVE_KINDS) },
  search: [{ column: 'code', mode: 'contains' }],
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
  writeRoles: WRITERS,
};
