// The registry's tables (台账), migration 0001_registry_accounts (registry.migration.ts).
import type { Generated } from 'kysely';
import type { Times, DbFlag } from '../../db/columns.ts';

export type EnterprisesTable = Times & {
  id: Generated<number>;
  code: string;
  name: string;
  type: string;
  licenseNo: string | null;
  hotline: string | null;
  address: string | null;
};
export type HeatSourcesTable = Times & {
  id: Generated<number>;
  code: string;
  name: string;
  enterpriseId: number;
  type: string;
  fuel: string;
  capacityMw: number;
  lon: number | null;
  lat: number | null;
  address: string | null;
};
export type StationsTable = Times & {
  id: Generated<number>;
  code: string;
  name: string;
  enterpriseId: number;
  heatSourceId: number | null;
  capacityMw: number;
  designSupplyTemp: number;
  designReturnTemp: number;
  servedAreaM2: number;
  lon: number | null;
  lat: number | null;
  address: string | null;
};
export type CommunitiesTable = Times & {
  id: Generated<number>;
  code: string;
  name: string;
  enterpriseId: number;
  stationId: number | null;
  district: string | null;
  address: string | null;
  lon: number | null;
  lat: number | null;
  householdCount: Generated<number>;
  heatedAreaM2: Generated<number>;
  /** derived: households that paid this season */
  paidCount: Generated<number>;
  /** derived: households with a vulnerable category */
  vulnerableCount: Generated<number>;
};
export type BuildingsTable = Times & {
  id: Generated<number>;
  code: string;
  name: string;
  enterpriseId: number;
  communityId: number;
  type: string;
  floors: number;
  builtYear: number | null;
};
export type HouseholdsTable = Times & {
  id: Generated<number>;
  code: string;
  enterpriseId: number;
  communityId: number;
  buildingId: number | null;
  unit: string | null;
  floor: number | null;
  room: string | null;
  ownerName: string | null;
  areaM2: number;
  billing: string;
  paidThisSeason: DbFlag;
  vulnerable: string | null;
};
export type NetworkNodesTable = Times & {
  id: Generated<number>;
  code: string;
  enterpriseId: number;
  kind: string;
  heatSourceId: number | null;
  stationId: number | null;
  lon: number;
  lat: number;
};
export type PipesTable = Times & {
  id: Generated<number>;
  code: string;
  enterpriseId: number;
  fromNodeId: number;
  toNodeId: number;
  diameterMm: number;
  lengthM: number;
  builtYear: number | null;
  /** GeoJSON LineString coordinates as JSON text */
  coordinates: string;
};
export type ValvesTable = Times & {
  id: Generated<number>;
  code: string;
  enterpriseId: number;
  pipeId: number;
  nodeId: number;
  kind: string;
  status: string;
  lon: number;
  lat: number;
};
export type DepartmentsTable = Times & {
  id: Generated<number>;
  code: string;
  name: string;
  duty: string | null;
  phone: string | null;
};
export type RepairTeamsTable = Times & {
  id: Generated<number>;
  code: string;
  name: string;
  enterpriseId: number;
  leader: string | null;
  phone: string | null;
  members: number;
  lon: number | null;
  lat: number | null;
};
