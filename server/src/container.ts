// Composition root: builds every repository and service once and wires their dependencies.
import { randomUUID } from 'node:crypto';
import type { TelemetrySettings } from '@hearth/contracts/telemetry';
import { loadConfig, type Config } from './config.ts';
import type { DatabaseHandle } from './db/database.ts';
import { createAuditService } from './modules/audit/audit.service.ts';
import { createAuthService } from './modules/auth/auth.service.ts';
import { createLoginLimiter } from './modules/auth/login-limiter.ts';
import { createSessionsRepository } from './modules/auth/sessions.repository.ts';
import { createImportRunner } from './modules/import/import-runner.ts';
import { createImportJobs } from './modules/import/import.jobs.ts';
import { createImportService } from './modules/import/import.service.ts';
import { createDevicesRepository } from './modules/devices/devices.repository.ts';
import { createDevicesService } from './modules/devices/devices.service.ts';
import { createIngestRepository } from './modules/ingest/ingest.repository.ts';
import { createBrokerWatch } from './modules/ingest/mqtt/broker-watch.ts';
import { createIngestService } from './modules/ingest/ingest.service.ts';
import { createMonitoringService } from './modules/monitoring/monitoring.service.ts';
import { createSamplingRepository } from './modules/monitoring/sampling.repository.ts';
import type { TelemetryStore } from './modules/telemetry/telemetry.store.ts';
import { createTelemetryWriter } from './modules/ingest/ingest.writer.ts';
import { createOverviewRepository } from './modules/registry/overview.repository.ts';
import { createOverviewService } from './modules/registry/overview.service.ts';
import { REGISTRY_DEFINITIONS } from './modules/registry/registry.definitions.ts';
import { createRegistryRepository } from './modules/registry/registry.repository.ts';
import { createRegistryService } from './modules/registry/registry.service.ts';
import { createUsersRepository } from './modules/users/users.repository.ts';
import { createUsersService } from './modules/users/users.service.ts';

export type ContainerConfig = Pick<Config, 'sessionTtlMs' | 'timeZone' | 'telemetry'> & {
  /** the serving process's MQTT settings (absent in tests and tools that run no broker) */
  mqtt?: Config['mqtt'];
};

/** Defaults of the telemetry settings, for callers (tests, benchmarks) that do not load a Config. */
export const DEFAULT_TELEMETRY: Config['telemetry'] = loadConfig({}).telemetry;

/** The notification topic of device changes between processes (devices.service `broadcast` / `forget`). */
export const DEVICE_CHANGES = 'devices';
/** The notification topic of stations whose latest values a process wrote (live views of the other processes). */
export const STATIONS_STORED = 'stations_stored';

export function createContainer(
  config: ContainerConfig,
  database: DatabaseHandle,
  telemetryStore: TelemetryStore,
) {
  const { db } = database;
  /** this container among the processes on the same data: it ignores its own notifications */
  const instance = randomUUID();
  const audit = createAuditService({ db });
  const registry = createRegistryService({
    db,
    repo: createRegistryRepository(db, { dialect: database.dialect }),
    audit,
    resources: REGISTRY_DEFINITIONS,
  });
  const sessions = createSessionsRepository(db);
  const users = createUsersService({
    db,
    dialect: database.dialect,
    users: createUsersRepository(db),
    sessions,
    audit,
    enterpriseExists: (id) => registry.exists('enterprises', id),
    departmentExists: (code) => registry.codeExists('departments', code),
  });
  const auth = createAuthService({
    accounts: users,
    sessions,
    limiter: createLoginLimiter({ db }),
    sessionTtlMs: config.sessionTtlMs,
  });
  const imports = createImportService({ registry, inWorker: createImportRunner(database) });
  const importJobs = createImportJobs();
  const devices = createDevicesService({
    db,
    repo: createDevicesRepository(db),
    registry,
    audit,
    broadcast: (ids) =>
      void database.notify(DEVICE_CHANGES, JSON.stringify({ from: instance, ids })).catch(() => undefined), // the others' caches then expire within a minute
  });
  // devices follow their station or household when it moves to another enterprise
  registry.onOwnershipMoved(devices.followMove);
  const ingestRepo = createIngestRepository(db);
  const brokerWatch = createBrokerWatch({
    repo: ingestRepo,
    mode: config.mqtt?.url ? 'external' : 'embedded',
  });
  const telemetryWriter = createTelemetryWriter(telemetryStore);
  const ingest = createIngestService({
    writer: telemetryWriter,
    store: telemetryStore,
    repo: ingestRepo,
    targetExists: (kind, code) => registry.codeExists(kind === 'station' ? 'stations' : 'households', code),
    touchDevices: devices.touch,
    limits: { maxFutureMs: config.telemetry.clockSkewMs, maxAgeMs: config.telemetry.retentionMs },
  });
  const monitoring = createMonitoringService({
    store: telemetryStore,
    registry,
    samplingRepo: createSamplingRepository(db),
    sensedHouseholdIds: devices.sensedHouseholdIds,
    samplingSpread: config.telemetry.samplingSpread,
    indoorStandard: config.telemetry.indoorStandard,
    minimumSamplingShare: config.telemetry.minimumSamplingShare,
    staleMs: config.telemetry.staleMs,
    offlineMs: config.telemetry.offlineMs,
  });
  const overview = createOverviewService({ repo: createOverviewRepository(db) });
  const telemetrySettings: TelemetrySettings = {
    mqtt: config.mqtt?.url
      ? { mode: 'external', host: null, port: null }
      : { mode: 'embedded', host: config.mqtt?.host ?? null, port: config.mqtt?.port ?? null },
    staleMinutes: config.telemetry.staleMs / 60_000,
    offlineMinutes: config.telemetry.offlineMs / 60_000,
    retentionDays: config.telemetry.retentionMs / 86_400_000,
    clockSkewSeconds: config.telemetry.clockSkewMs / 1000,
    minimumSamplingShare: config.telemetry.minimumSamplingShare,
  };
  return {
    config,
    instance,
    telemetrySettings,
    database,
    audit,
    registry,
    users,
    auth,
    imports,
    importJobs,
    overview,
    devices,
    telemetryStore,
    telemetryWriter,
    ingest,
    brokerWatch,
    monitoring,
  };
}
export type Container = ReturnType<typeof createContainer>;
