// Resource definitions: communities 小区, buildings 楼栋, households 住户 (with the community counters).
import type { Kysely } from 'kysely';
import {
  BILLING_MODES,
  BUILDING_TYPES,
  REGISTRY_RESOURCES,
  VULNERABLE_CATEGORIES,
} from '@hearth/contracts/registry';
import type { Database } from '../../db/schema.ts';
import { REGISTRY_WRITERS } from '../auth/actor.ts';
import type { ResourceDef, Row } from './registry.resource.ts';
import { byEnum, byFlag, byId, itemFromRow, NAME_OR_CODE, rowFromInput } from './registry.mapping.ts';

const { communities: C, buildings: B, households: H } = REGISTRY_RESOURCES;

export const communities: ResourceDef = {
  name: 'communities',
  entity: 'community',
  table: 'communities',
  tenancy: 'owned',
  ...C,
  toApi: itemFromRow(C.item),
  toRow: rowFromInput(C.create),
  filters: { enterpriseId: byId('enterpriseId'), stationId: byId('stationId') },
  search: [...NAME_OR_CODE, { column: 'address', mode: 'contains' }],
  sortable: ['code', 'name', 'householdCount', 'heatedAreaM2'],
  references: [{ field: 'stationId', table: 'stations', entity: 'station', label: '换热站' }],
  csvColumns: ['code', 'name', 'enterpriseId', 'stationId', 'district', 'address', 'lon', 'lat'],
  writeRoles: REGISTRY_WRITERS,
};

export const buildings: ResourceDef = {
  name: 'buildings',
  entity: 'building',
  table: 'buildings',
  tenancy: 'owned',
  ...B,
  toApi: itemFromRow(B.item),
  toRow: rowFromInput(B.create),
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
  writeRoles: REGISTRY_WRITERS,
};

/** Keeps the community counters (households, area, paid, vulnerable) equal to the sums over its households. */
async function adjustCommunity(trx: Kysely<Database>, household: Row, sign: 1 | -1) {
  await trx
    .updateTable('communities')
    .set((eb) => ({
      householdCount: eb('householdCount', '+', sign),
      heatedAreaM2: eb('heatedAreaM2', '+', sign * Number(household.areaM2)),
      paidCount: eb('paidCount', '+', Number(household.paidThisSeason) === 1 ? sign : 0),
      vulnerableCount: eb('vulnerableCount', '+', household.vulnerable ? sign : 0),
    }))
    .where('id', '=', Number(household.communityId))
    .execute();
}

/** The community counters after a bulk import: one update per community, with the sums of its new rows. */
async function addImportedHouseholds(trx: Kysely<Database>, rows: Row[]) {
  const sums = new Map<number, { n: number; area: number; paid: number; vulnerable: number }>();
  for (const row of rows) {
    const id = Number(row.communityId);
    const s = sums.get(id) ?? { n: 0, area: 0, paid: 0, vulnerable: 0 };
    s.n += 1;
    s.area += Number(row.areaM2);
    s.paid += Number(row.paidThisSeason) === 1 ? 1 : 0;
    s.vulnerable += row.vulnerable ? 1 : 0;
    sums.set(id, s);
  }
  for (const [id, s] of sums) {
    await trx
      .updateTable('communities')
      .set((eb) => ({
        householdCount: eb('householdCount', '+', s.n),
        heatedAreaM2: eb('heatedAreaM2', '+', s.area),
        paidCount: eb('paidCount', '+', s.paid),
        vulnerableCount: eb('vulnerableCount', '+', s.vulnerable),
      }))
      .where('id', '=', id)
      .execute();
  }
}

export const households: ResourceDef = {
  name: 'households',
  entity: 'household',
  table: 'households',
  tenancy: 'owned',
  ...H,
  toApi: itemFromRow(H.item),
  toRow: rowFromInput(H.create, {
    billing: (i) => ({ billing: i.billing ?? 'area' }),
    paidThisSeason: (i) => ({ paidThisSeason: i.paidThisSeason === true ? 1 : 0 }),
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
  onImport: addImportedHouseholds,
  personal: [{ field: 'ownerName', kind: 'householdOwner', as: 'name' }],
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
  writeRoles: REGISTRY_WRITERS,
};
