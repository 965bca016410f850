// Composition root: builds every repository and service once and wires their dependencies.
import { randomUUID } from 'node:crypto';
import type { TelemetrySettings } from '@hearth/contracts/telemetry';
import { loadConfig, type Config } from './config.ts';
import type { DatabaseHandle } from './db/database.ts';
import { createAlarmsService } from './modules/alarms/alarms.service.ts';
import type { AlarmNotify } from './modules/alarms/alarm-lifecycle.ts';
import { createAlarmCompensation } from './modules/alarms/alarm-compensation.ts';
import { createAuditService, type AuditService } from './modules/audit/audit.service.ts';
import { createAuditNamer } from './modules/audit/audit.names.ts';
import { CITY_SCOPE, SYSTEM_ACTOR } from './modules/auth/actor.ts';
import { createAuthService } from './modules/auth/auth.service.ts';
import { createLiveOverviewService } from './modules/dashboard/live-overview.service.ts';
import { createLoginLimiter } from './modules/auth/login-limiter.ts';
import { createSessionsRepository } from './modules/auth/sessions.repository.ts';
import { createImportRunner } from './modules/import/import-runner.ts';
import { createImportJobs } from './modules/import/import.jobs.ts';
import { createImportService } from './modules/import/import.service.ts';
import { createDevicesRepository } from './modules/devices/devices.repository.ts';
import { createDevicesService, type DevicesService } from './modules/devices/devices.service.ts';
import { createDemoDevicesService } from './modules/devices/devices.demo.ts';
import { createForecastService } from './modules/forecast/forecast.service.ts';
import { createColdWaveService } from './modules/raise-orders/cold-wave.service.ts';
import { createRaiseOrdersRepository } from './modules/raise-orders/raise-orders.repository.ts';
import { createRaiseOrdersService } from './modules/raise-orders/raise-orders.service.ts';
import { createIngestRepository } from './modules/ingest/ingest.repository.ts';
import { createBrokerWatch } from './modules/ingest/mqtt/broker-watch.ts';
import { createIngestService } from './modules/ingest/ingest.service.ts';
import { createMonitoringService, type MonitoringService } from './modules/monitoring/monitoring.service.ts';
import { createSamplingRepository } from './modules/monitoring/sampling.repository.ts';
import type { TelemetryStore } from './modules/telemetry/telemetry.store.ts';
import { createTelemetryWriter, type TelemetryWriter } from './modules/ingest/ingest.writer.ts';
import { createOverviewRepository } from './modules/registry/overview.repository.ts';
import { createOverviewService } from './modules/registry/overview.service.ts';
import { REGISTRY_DEFINITIONS } from './modules/registry/registry.definitions.ts';
import { createRegistryRepository } from './modules/registry/registry.repository.ts';
import { createRegistryService, type RegistryService } from './modules/registry/registry.service.ts';
import { createUsersRepository } from './modules/users/users.repository.ts';
import { createUsersService } from './modules/users/users.service.ts';
import { createCompensationRepository } from './modules/weather/compensation.repository.ts';
import {
  createCompensationService,
  type CompensationService,
  type OutdoorPort,
} from './modules/weather/compensation.service.ts';
import { designOutdoorTempOf } from './modules/weather/standards.data.ts';
import { createWeatherService, type WeatherService } from './modules/weather/weather.service.ts';
import { createWebhookDispatcher } from './modules/webhooks/webhooks.dispatcher.ts';
import { createWebhooksRepository } from './modules/webhooks/webhooks.repository.ts';
import { DEFAULT_RETRY } from './modules/webhooks/webhooks.rules.ts';
import { createWebhookOutbox } from './modules/webhooks/webhooks.service.ts';

export type ContainerConfig = Pick<Config, 'sessionTtlMs' | 'timeZone' | 'telemetry'> & {
  /** the serving process's MQTT settings (absent in tests and tools that run no broker) */
  mqtt?: Config['mqtt'];
  /** the city of the compensation defaults (absent: 北京) */
  city?: Config['city'];
  /** weather settings (defaults when absent: no provider, Beijing's legal period, HDD base 18) */
  weather?: Config['weather'];
  /** cold-wave levels and the 升温令 check (defaults when absent) */
  raiseOrders?: Config['raiseOrders'];
  alarmDutyContact?: Config['alarmDutyContact'];
  /** the webhook receiver (absent or null: webhooks off, events are not recorded) */
  webhook?: Config['webhook'];
};

/** Defaults of the telemetry settings, for callers (tests, benchmarks) that do not load a Config. */
export const DEFAULT_TELEMETRY: Config['telemetry'] = loadConfig({}).telemetry;
/** Defaults of the weather settings, likewise. */
export const DEFAULT_WEATHER: Config['weather'] = loadConfig({}).weather;
/** Defaults of the cold-wave and 升温令 settings. */
export const DEFAULT_RAISE_ORDERS: Config['raiseOrders'] = loadConfig({}).raiseOrders;

/** The notification topic of device changes between processes (devices.service `broadcast` / `forget`). */
export const DEVICE_CHANGES = 'devices';
/** The notification topic of stations whose latest values a process wrote (live views of the other processes). */
export const STATIONS_STORED = 'stations_stored';
/** The notification topic of alarms a process changed (live streams of the other processes). */
export const ALARMS_CHANGED = 'alarms_changed';

/** what the modules of a container share: the database, the audit trail and the registry */
type Core = {
  config: ContainerConfig;
  database: DatabaseHandle;
  audit: AuditService;
  registry: RegistryService;
};

/** accounts and sign-in: users, and auth over the users as its accounts */
function wireAccounts({ config, database, audit, registry }: Core) {
  const { db } = database;
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
  audit.nameWith(createAuditNamer({ definitions: REGISTRY_DEFINITIONS, registry, users }));
  const auth = createAuthService({
    accounts: users,
    sessions,
    limiter: createLoginLimiter({ db }),
    sessionTtlMs: config.sessionTtlMs,
  });
  return { users, auth };
}

/** devices; they tell the other processes of credential changes and follow ownership moves */
function wireDevices({ database, audit, registry }: Core, instance: string) {
  const devices = createDevicesService({
    db: database.db,
    repo: createDevicesRepository(database.db),
    registry,
    audit,
    // the others drop what they cached of these devices (else their caches expire within a minute)
    broadcast: (ids) =>
      void database.notify(DEVICE_CHANGES, JSON.stringify({ from: instance, ids })).catch(() => undefined),
  });
  registry.onOwnershipMoved(devices.followMove);
  const demoDevices = createDemoDevicesService({
    db: database.db,
    repo: createDevicesRepository(database.db),
    registry,
    audit,
    changed: devices.changed,
  });
  return { devices, demoDevices };
}

/** ingest (writer, service, broker watch) and monitoring over the telemetry store */
function wireTelemetry(core: Core, devices: DevicesService, telemetryStore: TelemetryStore) {
  const { config, database, registry } = core;
  const ingestRepo = createIngestRepository(database.db);
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
    samplingRepo: createSamplingRepository(database.db),
    sensedHouseholdIds: devices.sensedHouseholdIds,
    samplingSpread: config.telemetry.samplingSpread,
    indoorStandard: config.telemetry.indoorStandard,
    minimumSamplingShare: config.telemetry.minimumSamplingShare,
    staleMs: config.telemetry.staleMs,
    offlineMs: config.telemetry.offlineMs,
    timeZone: config.timeZone,
  });
  return { telemetryStore, telemetryWriter, ingest, brokerWatch, monitoring };
}

/** weather compensation 气候补偿 per station: registry stations, own overrides, city defaults, observed weather */
function wireCompensation({ config, database, audit, registry }: Core, outdoor: OutdoorPort) {
  const city = config.city ?? { name: '北京', designOutdoorTemp: designOutdoorTempOf('北京') ?? -7.6 };
  const compensation = createCompensationService({
    db: database.db,
    repo: createCompensationRepository(database.db),
    registry,
    audit,
    outdoor,
    city: { ...city, indoorTemp: config.telemetry.indoorStandard },
  });
  return compensation;
}

/** the heat load forecast over the stations' heat power (monitoring's day rollup) and the weather */
function wireForecast({ config, registry }: Core, monitoring: MonitoringService, weather: WeatherService) {
  return createForecastService({
    registry,
    // the forecast resolves its targets in the caller's scope first; the history is then read city-wide
    heatHistory: async (stationId, from, to) =>
      (
        await monitoring.series(SYSTEM_ACTOR, 'station', stationId, {
          metric: 'heatPower',
          from,
          to,
          resolution: '1d',
        })
      ).points.map((p) => ({ ts: p.ts, value: p.value, count: p.count ?? 1 })),
    weather: {
      daily: (from, to) => weather.observedDaily(from, to),
      dailyForecast: () => weather.dailyForecast({ pastDays: 1 }),
    },
    weatherSource: '气象观测与预报',
    timeZone: config.timeZone,
  });
}

/** cold-wave warnings 寒潮预警 and 升温令 (compliance from telemetry through the monitoring service) */
function wireRaiseOrders(
  { config, database, audit, registry }: Core,
  monitoring: MonitoringService,
  weather: WeatherService,
) {
  const settings = config.raiseOrders ?? DEFAULT_RAISE_ORDERS;
  const coldWave = createColdWaveService({
    dailyForecast: () => weather.dailyForecast({ pastDays: 1 }),
    levels: settings.levels,
    dropBasis: settings.dropBasis,
    timeZone: config.timeZone,
  });
  const raiseOrders = createRaiseOrdersService({
    db: database.db,
    repo: createRaiseOrdersRepository(database.db),
    audit,
    registry,
    windowMeans: monitoring.windowMeans,
    settings,
    timeZone: config.timeZone,
  });
  return { coldWave, raiseOrders };
}

/** alarms: evaluated on every group the telemetry writer commits; changes announced to the other processes */
function wireAlarms(
  core: Core,
  instance: string,
  parts: {
    telemetryStore: TelemetryStore;
    telemetryWriter: TelemetryWriter;
    weather: WeatherService;
    compensation: CompensationService;
    /** the webhook port: alarm changes enqueued in the outbox, in the change's transaction */
    notify: AlarmNotify;
  },
) {
  const { config, database, audit, registry } = core;
  const alarms = createAlarmsService({
    db: database.db,
    audit,
    registry,
    notify: parts.notify,
    // TEMPORARY: replaced by the weather module's compensation service when it lands
    compensation: createAlarmCompensation({
      targetsFor: (ids, outdoorTemp) => parts.compensation.targetsFor(CITY_SCOPE, ids, outdoorTemp),
      outdoorNow: async () => (await parts.weather.outdoorNow()).temp,
    }),
    latestStationTimes: async () =>
      new Map([...(await parts.telemetryStore.latest('station'))].map(([id, r]) => [id, r.ts])),
    timeZone: config.timeZone,
    instance,
    dutyContact: config.alarmDutyContact ?? null,
    onError: (error) => console.error('报警评估失败 / alarm evaluation failed', error),
    broadcast: (changes) => {
      // a NOTIFY payload holds at most 8,000 bytes: 200 changes a message
      for (let i = 0; i < changes.length; i += 200) {
        const message = JSON.stringify({ from: instance, changes: changes.slice(i, i + 200) });
        void database.notify(ALARMS_CHANGED, message).catch(() => undefined);
      }
    },
  });
  /** stops feeding committed telemetry to the alarm engine (benchmarks compare ingest without rules) */
  const detachAlarms = parts.telemetryWriter.onCommitted(alarms.committed);
  return { alarms, detachAlarms };
}

/**
 * the webhook outbox (other modules enqueue their events through `webhooks.enqueue` in their own transactions) and
 * its dispatcher, which `hearth start` runs (null when webhooks are off)
 */
function wireWebhooks({ config, database, audit }: Core, instance: string) {
  const repo = createWebhooksRepository(database.db, database.dialect);
  const target = config.webhook ?? null;
  const webhooks = createWebhookOutbox({ db: database.db, repo, audit, enabled: target !== null });
  const webhookDispatcher = target
    ? createWebhookDispatcher({
        repo,
        url: target.url,
        secret: target.secret,
        timeoutMs: target.timeoutMs,
        retry: { ...DEFAULT_RETRY, maxAttempts: target.maxAttempts },
        instance,
      })
    : null;
  return { webhooks, webhookDispatcher };
}

/** the telemetry settings the console shows (broker address, thresholds, retention) */
function telemetrySettingsOf(config: ContainerConfig): TelemetrySettings {
  return {
    mqtt: config.mqtt?.url
      ? { mode: 'external', host: null, port: null }
      : { mode: 'embedded', host: config.mqtt?.host ?? null, port: config.mqtt?.port ?? null },
    staleMinutes: config.telemetry.staleMs / 60_000,
    offlineMinutes: config.telemetry.offlineMs / 60_000,
    retentionDays: config.telemetry.retentionMs / 86_400_000,
    clockSkewSeconds: config.telemetry.clockSkewMs / 1000,
    minimumSamplingShare: config.telemetry.minimumSamplingShare,
  };
}

/** weather: observations, forecasts, the heating-period verdict and decisions */
function wireWeather({ config, database, audit }: Core) {
  const w = config.weather ?? DEFAULT_WEATHER;
  return createWeatherService({
    db: database.db,
    audit,
    settings: {
      timeZone: config.timeZone,
      legalPeriod: w.legalPeriod,
      hddBase: w.hddBase,
      threshold: w.threshold,
      forecastUrl: w.forecastUrl,
      timeoutMs: w.timeoutMs,
    },
  });
}

export function createContainer(
  config: ContainerConfig,
  database: DatabaseHandle,
  telemetryStore: TelemetryStore,
) {
  const { db } = database;
  /** this container among the processes on the same data: it ignores its own notifications */
  const instance = randomUUID();
  const audit = createAuditService({ db, timeZone: config.timeZone });
  const registry = createRegistryService({
    db,
    repo: createRegistryRepository(db, { dialect: database.dialect }),
    audit,
    resources: REGISTRY_DEFINITIONS,
  });
  const core: Core = { config, database, audit, registry };
  const weather = wireWeather(core);
  const compensation = wireCompensation(core, weather);
  const { devices, demoDevices } = wireDevices(core, instance);
  const telemetry = wireTelemetry(core, devices, telemetryStore);
  const outbox = wireWebhooks(core, instance);
  return {
    config,
    instance,
    telemetrySettings: telemetrySettingsOf(config),
    database,
    audit,
    registry,
    ...wireAccounts(core),
    imports: createImportService({ registry, inWorker: createImportRunner(database) }),
    importJobs: createImportJobs(),
    overview: createOverviewService({ repo: createOverviewRepository(db) }),
    liveOverview: createLiveOverviewService({
      store: telemetryStore,
      registry,
      indoorStandard: config.telemetry.indoorStandard,
      staleMs: config.telemetry.staleMs,
      offlineMs: config.telemetry.offlineMs,
      timeZone: config.timeZone,
      fallbackOutdoor: async () => (await weather.outdoorNow()).temp,
    }),
    devices,
    demoDevices,
    weather,
    compensation,
    ...telemetry,
    forecast: wireForecast(core, telemetry.monitoring, weather),
    ...wireRaiseOrders(core, telemetry.monitoring, weather),
    ...wireAlarms(core, instance, {
      ...telemetry,
      weather,
      compensation,
      notify: (executor, event) => outbox.webhooks.enqueue(executor, event),
    }),
    ...outbox,
  };
}
export type Container = ReturnType<typeof createContainer>;
