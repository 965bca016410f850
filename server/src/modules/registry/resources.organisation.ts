// Resource definitions: enterprises 供热企业, departments 协同部门, repair teams 抢修队伍.
import { ENTERPRISE_TYPES, REGISTRY_RESOURCES } from '@hearth/contracts/registry';
import { CITY_MANAGERS, REGISTRY_WRITERS } from '../auth/actor.ts';
import type { ResourceDef } from './registry.resource.ts';
import { byEnum, byId, itemFromRow, NAME_OR_CODE, rowFromInput } from './registry.mapping.ts';

const { enterprises: E, departments: D, 'repair-teams': T } = REGISTRY_RESOURCES;

export const enterprises: ResourceDef = {
  name: 'enterprises',
  entity: 'enterprise',
  table: 'enterprises',
  tenancy: 'self',
  ...E,
  toApi: itemFromRow(E.item),
  toRow: rowFromInput(E.create),
  filters: { type: byEnum('type', ENTERPRISE_TYPES) },
  search: NAME_OR_CODE,
  sortable: ['code', 'name', 'type', 'createdAt'],
  references: [],
  csvColumns: ['code', 'name', 'type', 'licenseNo', 'hotline', 'address'],
  writeRoles: REGISTRY_WRITERS,
};

export const departments: ResourceDef = {
  name: 'departments',
  entity: 'department',
  table: 'departments',
  tenancy: 'city',
  ...D,
  toApi: itemFromRow(D.item),
  toRow: rowFromInput(D.create),
  filters: {},
  search: NAME_OR_CODE,
  sortable: ['code', 'name'],
  references: [],
  csvColumns: ['code', 'name', 'duty', 'phone'],
  writeRoles: CITY_MANAGERS,
};

export const repairTeams: ResourceDef = {
  name: 'repair-teams',
  entity: 'repair_team',
  table: 'repairTeams',
  tenancy: 'owned',
  ...T,
  toApi: itemFromRow(T.item),
  toRow: rowFromInput(T.create),
  filters: { enterpriseId: byId('enterpriseId') },
  search: NAME_OR_CODE,
  sortable: ['code', 'name', 'members'],
  references: [],
  csvColumns: ['code', 'name', 'enterpriseId', 'leader', 'phone', 'members', 'lon', 'lat'],
  writeRoles: REGISTRY_WRITERS,
  personal: [
    { field: 'leader', kind: 'staffContact', as: 'name' },
    { field: 'phone', kind: 'staffContact', as: 'phone' },
  ],
};
