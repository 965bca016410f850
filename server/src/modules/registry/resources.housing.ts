// Resource definitions: communities 小区, buildings 楼栋, households 住户 (with the community counters).
import type { Kysely } from 'kysely';
import {
  BILLING_MODES,
  BUILDING_TYPES,
  Building,
  Community,
  CreateBuilding,
  CreateCommunity,
  CreateHousehold,
  Household,
  REGISTRY_RESOURCES,
  VULNERABLE_CATEGORIES,
} from '@hearth/contracts/registry';
import type { Database } from '../../db/schema.ts';
import type { ResourceDef, Row } from './registry.resource.ts';
import {
  byEnum,
  byFlag,
  byId,
  num,
  numOrNull,
  orNull,
  strOrNull,
  times,
  WRITERS,
} from './registry.mapping.ts';

export const communities: ResourceDef = {
  name: 'communities',
  entity: 'community',
  label: '小区',
  table: 'communities',
  tenancy: 'owned',
  item: Community,
  create: CreateCommunity,
  update: REGISTRY_RESOURCES.communities.update,
  toApi: (r: Row) => ({
    id: num(r.id),
    code: String(r.code),
    name: String(r.name),
    enterpriseId: num(r.enterpriseId),
    stationId: numOrNull(r.stationId),
    district: strOrNull(r.district),
    address: strOrNull(r.address),
    lon: numOrNull(r.lon),
    lat: numOrNull(r.lat),
    householdCount: num(r.householdCount),
    heatedAreaM2: num(r.heatedAreaM2),
    ...times(r),
  }),
  toRow: (i: Row) => ({
    code: i.code,
    name: i.name,
    stationId: orNull(i.stationId),
    district: orNull(i.district),
    address: orNull(i.address),
    lon: orNull(i.lon),
    lat: orNull(i.lat),
  }),
  filters: { enterpriseId: byId('enterpriseId'), stationId: byId('stationId') },
  search: [
    { column: 'name', mode: 'contains' },
    { column: 'code', mode: 'contains' },
    { column: 'address', mode: 'contains' },
  ],
  sortable: ['code', 'name', 'householdCount', 'heatedAreaM2'],
  references: [{ field: 'stationId', table: 'stations', entity: 'station', label: '换热站' }],
  csvColumns: ['code', 'name', 'enterpriseId', 'stationId', 'district', 'address', 'lon', 'lat'],
  writeRoles: WRITERS,
};

export const buildings: ResourceDef = {
  name: 'buildings',
  entity: 'building',
  label: '楼栋',
  table: 'buildings',
  tenancy: 'owned',
  item: Building,
  create: CreateBuilding,
  update: REGISTRY_RESOURCES.buildings.update,
  toApi: (r: Row) => ({
    id: num(r.id),
    code: String(r.code),
    name: String(r.name),
    enterpriseId: num(r.enterpriseId),
    communityId: num(r.communityId),
    type: r.type,
    floors: num(r.floors),
    builtYear: numOrNull(r.builtYear),
    ...times(r),
  }),
  toRow: (i: Row) => ({
    code: i.code,
    name: i.name,
    communityId: i.communityId,
    type: i.type,
    floors: i.floors,
    builtYear: orNull(i.builtYear),
  }),
  filters: {
    enterpriseId: byId('enterpriseId'),
    communityId: byId('communityId'),
    type: byEnum('type', BUILDING_TYPES),
  },
  search: [
    { column: 'code', mode: 'prefix' },
    { column: 'name', mode: 'contains' },
  ],
  sortable: ['code', 'name', 'floors', 'builtYear'],
  references: [{ field: 'communityId', table: 'communities', entity: 'community', label: '小区' }],
  enterpriseFrom: 'communityId',
  csvColumns: ['code', 'name', 'communityId', 'type', 'floors', 'builtYear'],
  writeRoles: WRITERS,
};

/** Keeps the community counters (households, area, paid, vulnerable) equal to the sums over its households. */
async function adjustCommunity(trx: Kysely<Database>, household: Row, sign: 1 | -1) {
  await trx
    .updateTable('communities')
    .set((eb) => ({
      householdCount: eb('householdCount', '+', sign),
      heatedAreaM2: eb('heatedAreaM2', '+', sign * num(household.areaM2)),
      paidCount: eb('paidCount', '+', num(household.paidThisSeason) === 1 ? sign : 0),
      vulnerableCount: eb('vulnerableCount', '+', household.vulnerable ? sign : 0),
    }))
    .where('id', '=', num(household.communityId))
    .execute();
}

export const households: ResourceDef = {
  name: 'households',
  entity: 'household',
  label: '住户',
  table: 'households',
  tenancy: 'owned',
  item: Household,
  create: CreateHousehold,
  update: REGISTRY_RESOURCES.households.update,
  toApi: (r: Row) => ({
    id: num(r.id),
    code: String(r.code),
    enterpriseId: num(r.enterpriseId),
    communityId: num(r.communityId),
    buildingId: numOrNull(r.buildingId),
    unit: strOrNull(r.unit),
    floor: numOrNull(r.floor),
    room: strOrNull(r.room),
    ownerName: strOrNull(r.ownerName),
    areaM2: num(r.areaM2),
    billing: r.billing,
    paidThisSeason: num(r.paidThisSeason) === 1,
    vulnerable: strOrNull(r.vulnerable),
    ...times(r),
  }),
  toRow: (i: Row) => ({
    code: i.code,
    communityId: i.communityId,
    buildingId: orNull(i.buildingId),
    unit: orNull(i.unit),
    floor: orNull(i.floor),
    room: orNull(i.room),
    ownerName: orNull(i.ownerName),
    areaM2: i.areaM2,
    billing: i.billing ?? 'area',
    paidThisSeason: i.paidThisSeason === true ? 1 : 0,
    vulnerable: orNull(i.vulnerable),
  }),
  filters: {
    enterpriseId: byId('enterpriseId'),
    communityId: byId('communityId'),
    buildingId: byId('buildingId'),
    billing: byEnum('billing', BILLING_MODES),
    vulnerable: byEnum('vulnerable', VULNERABLE_CATEGORIES),
    paidThisSeason: byFlag('paidThisSeason'),
  },
  // households reach millions of rows: only index-backed prefix search on the household code
  search: [{ column: 'code', mode: 'prefix' }],
  sortable: ['code', 'areaM2', 'floor'],
  references: [
    { field: 'communityId', table: 'communities', entity: 'community', label: '小区' },
    { field: 'buildingId', table: 'buildings', entity: 'building', label: '楼栋', sameAs: 'communityId' },
  ],
  enterpriseFrom: 'communityId',
  async onChange(trx, before, after) {
    if (before) await adjustCommunity(trx, before, -1);
    if (after) await adjustCommunity(trx, after, 1);
  },
  csvColumns: [
    'code',
    'communityId',
    'buildingId',
    'unit',
    'floor',
    'room',
    'ownerName',
    'areaM2',
    'billing',
    'paidThisSeason',
    'vulnerable',
  ],
  writeRoles: WRITERS,
};
