// Resource definitions: heat sources 热源 and heat-exchange stations 换热站.
import { FUELS, HEAT_SOURCE_TYPES, REGISTRY_RESOURCES } from '@hearth/contracts/registry';
import { REGISTRY_WRITERS } from '../auth/actor.ts';
import type { ResourceDef } from './registry.resource.ts';
import { byEnum, byId, itemFromRow, NAME_OR_CODE, rowFromInput } from './registry.mapping.ts';

const { 'heat-sources': H, stations: S } = REGISTRY_RESOURCES;

export const heatSources: ResourceDef = {
  name: 'heat-sources',
  entity: 'heat_source',
  table: 'heatSources',
  tenancy: 'owned',
  ...H,
  toApi: itemFromRow(H.item),
  toRow: rowFromInput(H.create),
  filters: {
    enterpriseId: byId('enterpriseId'),
    type: byEnum('type', HEAT_SOURCE_TYPES),
    fuel: byEnum('fuel', FUELS),
  },
  search: NAME_OR_CODE,
  sortable: ['code', 'name', 'type', 'capacityMw'],
  references: [],
  csvColumns: ['code', 'name', 'enterpriseId', 'type', 'fuel', 'capacityMw', 'lon', 'lat', 'address'],
  writeRoles: REGISTRY_WRITERS,
};

export const stations: ResourceDef = {
  name: 'stations',
  entity: 'station',
  table: 'stations',
  tenancy: 'owned',
  ...S,
  toApi: itemFromRow(S.item),
  toRow: rowFromInput(S.create),
  filters: { enterpriseId: byId('enterpriseId'), heatSourceId: byId('heatSourceId') },
  search: NAME_OR_CODE,
  sortable: ['code', 'name', 'capacityMw', 'servedAreaM2'],
  references: [{ field: 'heatSourceId', table: 'heatSources', entity: 'heat_source', label: '热源' }],
  csvColumns: [
    'code',
    'name',
    'enterpriseId',
    'heatSourceId',
    'capacityMw',
    'designSupplyTemp',
    'designReturnTemp',
    'servedAreaM2',
    'lon',
    'lat',
    'address',
  ],
  writeRoles: REGISTRY_WRITERS,
};
