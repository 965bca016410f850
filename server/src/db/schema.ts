// Kysely table types of the domain database (camelCase here, snake_case in SQL via CamelCasePlugin).
import type { Generated } from 'kysely';

/** ISO text in SQLite, timestamptz (read back as Date) in PostgreSQL; see `toIso`. */
export type DbTime = string | Date;
/** Flags are stored as 0/1 integers on both engines. */
export type DbFlag = number;

type Times = { createdAt: DbTime; updatedAt: DbTime };

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
export type UsersTable = Times & {
  id: Generated<number>;
  username: string;
  displayName: string;
  role: string;
  enterpriseId: number | null;
  departmentCode: string | null;
  passwordHash: string;
  active: DbFlag;
};
export type SessionsTable = {
  id: Generated<number>;
  tokenHash: string;
  userId: number;
  createdAt: DbTime;
  expiresAt: DbTime;
};
/** One failed login (auth/login-limiter.ts); rows older than the limit's windows are pruned. */
export type LoginFailuresTable = {
  id: Generated<number>;
  username: string;
  client: string;
  at: DbTime;
};
export type AuditLogTable = {
  id: Generated<number>;
  at: DbTime;
  userId: number | null;
  username: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  enterpriseId: number | null;
  changes: string | null;
};

export type DevicesTable = Times & {
  id: Generated<number>;
  enterpriseId: number;
  stationId: number | null;
  householdId: number | null;
  communityId: number | null;
  name: string | null;
  /** SHA-256 of the device token (tokens are 256-bit random, so a fast hash suffices) */
  tokenHash: string;
  active: DbFlag;
  rotatedAt: DbTime | null;
  lastSeenAt: DbTime | null;
};
export type TelemetryCountersTable = {
  deviceId: number;
  enterpriseId: number | null;
  accepted: number;
  duplicates: number;
  rejected: number;
  outOfOrder: number;
  updatedAt: DbTime;
};
export type TelemetryDeadLettersTable = {
  id: Generated<number>;
  at: DbTime;
  channel: string;
  deviceId: number | null;
  enterpriseId: number | null;
  target: string | null;
  code: string;
  reason: string;
  payload: string | null;
};
/** the external broker's $SYS counters as last seen (ingest/broker-counters.migration.ts) */
export type TelemetryBrokerCountersTable = {
  name: string;
  value: number;
  changedAt: DbTime;
  observedAt: DbTime;
};

export type Database = {
  enterprises: EnterprisesTable;
  heatSources: HeatSourcesTable;
  stations: StationsTable;
  communities: CommunitiesTable;
  buildings: BuildingsTable;
  households: HouseholdsTable;
  networkNodes: NetworkNodesTable;
  pipes: PipesTable;
  valves: ValvesTable;
  departments: DepartmentsTable;
  repairTeams: RepairTeamsTable;
  users: UsersTable;
  sessions: SessionsTable;
  loginFailures: LoginFailuresTable;
  auditLog: AuditLogTable;
  devices: DevicesTable;
  telemetryCounters: TelemetryCountersTable;
  telemetryDeadLetters: TelemetryDeadLettersTable;
  telemetryBrokerCounters: TelemetryBrokerCountersTable;
};

export function toIso(value: DbTime): string {
  return value instanceof Date ? value.toISOString() : new Date(value).toISOString();
}
