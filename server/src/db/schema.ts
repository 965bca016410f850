// The Kysely `Database` of the domain file, composed from the tables each module declares beside its code
// (camelCase here, snake_case in SQL via CamelCasePlugin). The telemetry store's tables are its own
// (modules/telemetry/store/telemetry-store.schema.ts).
import type { AuditLogTable } from '../modules/audit/audit.tables.ts';
import type { LoginFailuresTable, SessionsTable } from '../modules/auth/auth.tables.ts';
import type { DevicesTable } from '../modules/devices/devices.tables.ts';
import type {
  TelemetryBrokerCountersTable,
  TelemetryCountersTable,
  TelemetryDeadLettersTable,
} from '../modules/ingest/ingest.tables.ts';
import type {
  BuildingsTable,
  CommunitiesTable,
  DepartmentsTable,
  EnterprisesTable,
  HeatSourcesTable,
  HouseholdsTable,
  NetworkNodesTable,
  PipesTable,
  RepairTeamsTable,
  StationsTable,
  ValvesTable,
} from '../modules/registry/registry.tables.ts';
import type {
  RaiseOrderEnterprisesTable,
  RaiseOrderResultsTable,
  RaiseOrdersTable,
  RaiseOrderStationsTable,
} from '../modules/raise-orders/raise-orders.tables.ts';
import type { UsersTable } from '../modules/users/users.tables.ts';
import type { StationCompensationTable } from '../modules/weather/compensation.tables.ts';
import type {
  WeatherDecisionsTable,
  WeatherForecastsTable,
  WeatherObservationsTable,
} from '../modules/weather/weather.tables.ts';
import type {
  AlarmEventsTable,
  AlarmLeasesTable,
  AlarmRulesTable,
  AlarmsTable,
} from '../modules/alarms/alarms.tables.ts';
import type { WebhookDeliveriesTable } from '../modules/webhooks/webhooks.tables.ts';

export { toIso, type DbFlag, type DbTime } from './columns.ts';

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
  stationCompensation: StationCompensationTable;
  weatherObservations: WeatherObservationsTable;
  weatherForecasts: WeatherForecastsTable;
  weatherDecisions: WeatherDecisionsTable;
  raiseOrders: RaiseOrdersTable;
  raiseOrderEnterprises: RaiseOrderEnterprisesTable;
  raiseOrderStations: RaiseOrderStationsTable;
  raiseOrderResults: RaiseOrderResultsTable;
  alarmRules: AlarmRulesTable;
  alarms: AlarmsTable;
  alarmEvents: AlarmEventsTable;
  alarmLeases: AlarmLeasesTable;
  webhookDeliveries: WebhookDeliveriesTable;
};
