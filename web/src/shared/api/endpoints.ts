// Every /api path the console calls, with the contracts' zod schema of its answer: the client's request() takes
// a key of this map, so each call site gets its response type from the contracts (and development builds check
// the answer against the schema). Pure: no React, no Vite.
import { z } from 'zod';
import { Alarm, AlarmDetail, AlarmPage, AlarmSummary } from '@hearth/contracts/alarms';
import { AuditEntry, LoginResponse, User } from '@hearth/contracts/auth';
import { pageOf } from '@hearth/contracts/common';
import { CompensationSeries } from '@hearth/contracts/compensation';
import { ForecastTargets, LoadForecast } from '@hearth/contracts/forecast';
import { LiveOverview } from '@hearth/contracts/live-overview';
import { Department, Enterprise } from '@hearth/contracts/registry';
import { ImportJob, NetworkAssets, NetworkMap, Overview } from '@hearth/contracts/stats';
import {
  BrokerStatus,
  DataQualityResponse,
  DeadLetter,
  Device,
  DeviceCredential,
  IndoorSummary,
  IngestStats,
  LatestValues,
  MonitoringPage,
  SamplingResponse,
  SeriesResponse,
  TelemetrySettings,
} from '@hearth/contracts/telemetry';
import { MultiSeriesResponse } from '@hearth/contracts/telemetry-analysis';
import {
  DailyResponse,
  DegreeDaysResponse,
  HeatingDecision,
  HeatingVerdict,
  HourlyResponse,
  OutdoorNow,
  WeatherImportResult,
  WeatherSettings,
} from '@hearth/contracts/weather';
import { RaiseOrderDetail, RaiseOrderPage, WarningsResponse } from '@hearth/contracts/raise-orders';
import { WebhookDelivery, WebhookDeliveryPage } from '@hearth/contracts/webhooks';

/** Any registry item as it arrives over the wire (the generic list, detail and form pages). */
export const RegistryItem = z.looseObject({ id: z.number().int() });
/** 204 No Content. */
const NoContent = z.undefined();

export const ENDPOINTS = {
  'POST /auth/login': LoginResponse,
  'POST /auth/logout': NoContent,
  'GET /auth/me': z.object({ user: User }),
  'GET /users': pageOf(User),
  'POST /users': User,
  'PATCH /users/:id': User,
  'GET /audit': pageOf(AuditEntry),
  'GET /stats/overview': Overview,
  'GET /overview/live': LiveOverview,
  'GET /map/network': NetworkMap,
  'GET /map/network-assets': NetworkAssets,
  'GET /enterprises': pageOf(Enterprise),
  'GET /departments': pageOf(Department),
  'GET /:resource': pageOf(RegistryItem),
  'GET /:resource/:id': RegistryItem,
  'POST /:resource': RegistryItem,
  'PATCH /:resource/:id': RegistryItem,
  'DELETE /:resource/:id': NoContent,
  'POST /import/:resource': ImportJob,
  'GET /import/jobs/:id': ImportJob,
  'GET /devices': pageOf(Device),
  'POST /devices': DeviceCredential,
  'POST /devices/:id/rotate': DeviceCredential,
  'POST /devices/:id/revoke': Device,
  'GET /monitoring/stations': MonitoringPage,
  'GET /:targets/:id/latest': LatestValues,
  'GET /:targets/:id/series': SeriesResponse,
  'GET /monitoring/series': MultiSeriesResponse,
  'GET /stations/:id/compensation/series': CompensationSeries,
  'GET /communities/:id/indoor': IndoorSummary,
  'GET /telemetry/quality': DataQualityResponse,
  'GET /telemetry/sampling': SamplingResponse,
  'GET /telemetry/dead-letters': pageOf(DeadLetter),
  'GET /telemetry/ingest-stats': IngestStats,
  'GET /telemetry/broker': BrokerStatus,
  'GET /telemetry/settings': TelemetrySettings,
  'GET /weather/settings': WeatherSettings,
  'GET /weather/hourly': HourlyResponse,
  'GET /weather/daily': DailyResponse,
  'GET /weather/degree-days': DegreeDaysResponse,
  'GET /weather/now': OutdoorNow,
  'GET /weather/heating-period': HeatingVerdict,
  'GET /weather/decisions': z.object({ items: z.array(HeatingDecision) }),
  'POST /weather/decisions': HeatingDecision,
  'POST /weather/observations/import': WeatherImportResult,
  'POST /weather/forecasts/import': WeatherImportResult,
  'POST /weather/forecasts/refresh': WeatherImportResult,
  'GET /forecast/load': LoadForecast,
  'GET /forecast/targets': ForecastTargets,
  'GET /weather/warnings': WarningsResponse,
  'GET /raise-orders': RaiseOrderPage,
  'POST /raise-orders': RaiseOrderDetail,
  'GET /raise-orders/:id': RaiseOrderDetail,
  'POST /raise-orders/:id/cancel': RaiseOrderDetail,
  'POST /raise-orders/:id/check': RaiseOrderDetail,
  'GET /alarms': AlarmPage,
  'GET /alarms/summary': AlarmSummary,
  'GET /alarms/:id': AlarmDetail,
  'POST /alarms/:id/acknowledge': Alarm,
  'POST /alarms/:id/close': Alarm,
  'GET /webhooks/deliveries': WebhookDeliveryPage,
  'POST /webhooks/deliveries/:id/retry': WebhookDelivery,
} as const satisfies Record<string, z.ZodType>;

export type Endpoint = keyof typeof ENDPOINTS;
export type ResponseOf<E extends Endpoint> = z.infer<(typeof ENDPOINTS)[E]>;
type MethodOf<K> = K extends `${infer M} ${string}` ? M : never;
export type Method = MethodOf<Endpoint>;

type ParamNames<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? Name | ParamNames<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? Name
    : never;
/** The `:name` segments of an endpoint's path, each a string or number. */
export type PathParams<K extends string> = {
  [N in ParamNames<K extends `${string} ${infer P}` ? P : K>]: string | number;
};

/** `'PATCH /users/:id'` with `{ id: 3 }` → `['PATCH', '/users/3']`; a missing parameter throws. */
export function resolveEndpoint(
  endpoint: string,
  params: Record<string, string | number> = {},
): [Method, string] {
  const space = endpoint.indexOf(' ');
  const method = endpoint.slice(0, space) as Method;
  const path = endpoint.slice(space + 1).replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const v = params[name];
    if (v === undefined || v === '') throw new Error(`${endpoint}: path parameter ${name} missing`);
    return encodeURIComponent(String(v));
  });
  return [method, path];
}

/** Checks an answer against its endpoint's schema: the problems as `path: message` lines (none: it matches). */
export function responseIssues(endpoint: Endpoint, body: unknown): string[] {
  const result = ENDPOINTS[endpoint].safeParse(body);
  return result.success
    ? []
    : result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
}
