// Telemetry contract v1 (SPEC §3.2): the metric catalogue with units and plausible ranges, readings as
// devices send them over MQTT and HTTP, and the shapes of the monitoring API.
import { z } from 'zod';
import { Timestamp } from './common.ts';

export const TELEMETRY_CONTRACT_VERSION = 'v1';

export type MetricTarget = 'station' | 'household';
export type MetricDef = {
  label: string;
  unit: string;
  /** inclusive plausible range; a value outside it rejects the reading */
  min: number;
  max: number;
  target: MetricTarget;
  /** a cumulative register (only grows); periods come from differences */
  cumulative?: boolean;
  integer?: boolean;
};

/** The catalogue. Its key order is the storage column order: append, never reorder or remove. */
export const METRICS = {
  primarySupplyTemp: { label: '一次供水温度', unit: '℃', min: -10, max: 160, target: 'station' },
  primaryReturnTemp: { label: '一次回水温度', unit: '℃', min: -10, max: 130, target: 'station' },
  secondarySupplyTemp: { label: '二次供水温度', unit: '℃', min: -10, max: 110, target: 'station' },
  secondaryReturnTemp: { label: '二次回水温度', unit: '℃', min: -10, max: 100, target: 'station' },
  primarySupplyPressure: { label: '一次供水压力', unit: 'MPa', min: 0, max: 2.5, target: 'station' },
  primaryReturnPressure: { label: '一次回水压力', unit: 'MPa', min: 0, max: 2.5, target: 'station' },
  secondarySupplyPressure: { label: '二次供水压力', unit: 'MPa', min: 0, max: 1.6, target: 'station' },
  secondaryReturnPressure: { label: '二次回水压力', unit: 'MPa', min: 0, max: 1.6, target: 'station' },
  flow: { label: '循环流量', unit: 't/h', min: 0, max: 10_000, target: 'station' },
  heatPower: { label: '热功率', unit: 'MW', min: 0, max: 1_000, target: 'station' },
  heatTotal: { label: '累计热量', unit: 'GJ', min: 0, max: 1e10, target: 'station', cumulative: true },
  makeupWater: { label: '补水量', unit: 't/h', min: 0, max: 500, target: 'station' },
  pumpRunning: { label: '循环泵运行', unit: '0/1', min: 0, max: 1, target: 'station', integer: true },
  fuelBurn: { label: '燃料消耗', unit: 't/h 或 m³/h', min: 0, max: 1e6, target: 'station' },
  indoorTemp: { label: '室内温度', unit: '℃', min: -30, max: 45, target: 'household' },
} as const satisfies Record<string, MetricDef>;

export type MetricKey = keyof typeof METRICS;
export const METRIC_KEYS = Object.keys(METRICS) as MetricKey[];
export const STATION_METRICS = METRIC_KEYS.filter((k) => METRICS[k].target === 'station');
export const HOUSEHOLD_METRICS = METRIC_KEYS.filter((k) => METRICS[k].target === 'household');

/** ISO 8601 with an explicit offset (`Z` or `+08:00`), or epoch milliseconds. */
export const ReadingTime = z.union([
  z.string().max(40).describe('ISO 8601 with offset, e.g. 2026-11-23T08:00:00+08:00'),
  z.number().int().describe('epoch milliseconds'),
]);

/** One reading as a device sends it. Shape only: units, ranges and clocks are checked by the ingest rules. */
export const Reading = z.object({
  ts: ReadingTime,
  values: z.record(z.string(), z.unknown()),
});
export type Reading = z.infer<typeof Reading>;

/** An MQTT payload: one reading or an array of them. */
export const MqttTelemetryPayload = z.union([Reading, z.array(Reading).max(10_000)]);

/** One item of `POST /api/ingest/telemetry`: a station reading (`stationCode`) or an indoor one (`householdCode`). */
export const HttpIngestItem = z.object({
  stationCode: z.string().max(40).optional(),
  householdCode: z.string().max(40).optional(),
  ts: z.unknown(),
  values: z.unknown(),
});
export type HttpIngestItem = z.infer<typeof HttpIngestItem>;

export const INGEST_STATUSES = ['accepted', 'duplicate', 'rejected'] as const;
export const IngestItemResult = z.object({
  index: z.number().int(),
  status: z.enum(INGEST_STATUSES),
  /** stable reason code for rejections: reading.unknown_station, reading.out_of_range, … */
  code: z.string().optional(),
  reason: z.string().optional(),
  /** accepted, but older than the latest value already stored for its target */
  outOfOrder: z.boolean().optional(),
});
export type IngestItemResult = z.infer<typeof IngestItemResult>;
export const IngestResponse = z.object({
  accepted: z.number().int(),
  duplicates: z.number().int(),
  rejected: z.number().int(),
  results: z.array(IngestItemResult),
});
export type IngestResponse = z.infer<typeof IngestResponse>;

/** Latest value of every point of a target, each with its own time. */
export const LatestValues = z.object({
  ts: Timestamp.nullable().describe('time of the newest reading'),
  values: z.record(z.string(), z.number()),
  points: z.record(z.string(), z.object({ value: z.number(), ts: Timestamp })),
});
export type LatestValues = z.infer<typeof LatestValues>;

// ---- devices 采集设备 ----
export const Device = z.object({
  id: z.number().int(),
  enterpriseId: z.number().int(),
  stationId: z.number().int().nullable(),
  householdId: z.number().int().nullable(),
  /** the MQTT topic this device may publish to */
  topic: z.string(),
  name: z.string().nullable(),
  active: z.boolean(),
  /** 演示设备: registered with the demo city and reused by the simulator */
  demo: z.boolean(),
  /** 凭据已失效: its station or household moved to another enterprise; the owner rotates to issue a new token */
  credentialEnded: z.boolean(),
  createdAt: Timestamp,
  rotatedAt: Timestamp.nullable(),
  lastSeenAt: Timestamp.nullable(),
});
export type Device = z.infer<typeof Device>;
export const CreateDevice = z
  .object({
    stationId: z.number().int().positive().optional(),
    householdId: z.number().int().positive().optional(),
    name: z.string().trim().max(60).optional(),
  })
  .refine((d) => (d.stationId === undefined) !== (d.householdId === undefined), {
    message: 'exactly one of stationId or householdId',
    path: ['stationId'],
  });
export type CreateDevice = z.infer<typeof CreateDevice>;
/** The credential is shown once, at creation or rotation; only its hash is stored. */
export const DeviceCredential = z.object({ id: z.number().int(), token: z.string(), topic: z.string() });
export type DeviceCredential = z.infer<typeof DeviceCredential>;

export const STATION_STATUSES = ['online', 'stale', 'offline', 'no_data'] as const;
export const StationStatus = z.enum(STATION_STATUSES);
export const STATION_STATUS_LABELS: Record<z.infer<typeof StationStatus>, string> = {
  online: '在线',
  stale: '数据延迟',
  offline: '离线',
  no_data: '未接入',
};

/** MQTT topics of contract v1. */
export const stationTopic = (stationCode: string) => `hearth/v1/stations/${stationCode}/telemetry`;
export const householdTopic = (householdCode: string) => `hearth/v1/households/${householdCode}/indoor`;

// ---- monitoring 运行监测 ----
export const SERIES_RESOLUTIONS = ['auto', 'raw', '15m', '1h', '1d'] as const;
export const SeriesQuery = z.object({
  metric: z.enum(METRIC_KEYS as [MetricKey, ...MetricKey[]]),
  from: z.iso.datetime({ offset: true }).describe('range start, ISO 8601'),
  to: z.iso.datetime({ offset: true }).describe('range end (exclusive), ISO 8601'),
  resolution: z.enum(SERIES_RESOLUTIONS).default('auto'),
});
export const SeriesPoint = z.object({
  ts: Timestamp,
  /** the raw value, or the bucket mean */
  value: z.number(),
  min: z.number().optional(),
  max: z.number().optional(),
  count: z.number().int().optional(),
});
export const SeriesResponse = z.object({
  metric: z.string(),
  unit: z.string(),
  resolution: z.enum(['raw', '15m', '1h', '1d']),
  points: z.array(SeriesPoint),
  /** raw points were asked for and the range holds more than the limit (5,000): the oldest are given */
  truncated: z.boolean().optional(),
});
export type SeriesResponse = z.infer<typeof SeriesResponse>;

export const MonitoredStation = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  enterpriseId: z.number().int(),
  status: StationStatus,
  lastTs: Timestamp.nullable(),
  values: z.record(z.string(), z.number()),
});
export type MonitoredStation = z.infer<typeof MonitoredStation>;
export const MonitoringPage = z.object({
  items: z.array(MonitoredStation),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  /** station counts by status over the whole filtered set (not just this page) */
  statusCounts: z.record(StationStatus, z.number().int()),
});
export type MonitoringPage = z.infer<typeof MonitoringPage>;

// ---- data quality 数据质量 and sampling 室温采样 ----
export const EnterpriseDataQuality = z.object({
  enterpriseId: z.number().int(),
  stations: z.number().int(),
  online: z.number().int(),
  stale: z.number().int(),
  offline: z.number().int(),
  noData: z.number().int(),
  /** stations reporting (online or stale) ÷ stations */
  coverage: z.number(),
  /** share of 15-minute intervals of the last 24 h with data, averaged over the stations */
  completeness: z.number(),
  /** points of online stations not updated within the stale window (dead sensors) */
  staleSensors: z.number().int(),
  /** analog points of reporting stations whose value has not moved at all over the last 2 h (stuck sensors) */
  stuckSensors: z.number().int(),
});
export const DataQualityResponse = z.object({
  windowHours: z.number(),
  items: z.array(EnterpriseDataQuality),
});
export type DataQualityResponse = z.infer<typeof DataQualityResponse>;

/**
 * Spread checks of the indoor sample 采样分布 (SPEC §3.2; which apply is city configuration): a sensed household
 * on the ground floor 底层 and one on its building's top floor 顶层 in every sampled community, and each
 * station's farthest community 管网末端 sampled.
 */
export const SAMPLING_SPREAD_CHECKS = ['ground_floor', 'top_floor', 'far_end'] as const;
export const SamplingSpreadCheck = z.enum(SAMPLING_SPREAD_CHECKS);
export type SamplingSpreadCheck = z.infer<typeof SamplingSpreadCheck>;
export const SAMPLING_SPREAD_LABELS: Record<SamplingSpreadCheck, readonly [zh: string, en: string]> = {
  ground_floor: ['底层', 'ground floor'],
  top_floor: ['顶层', 'top floor'],
  far_end: ['管网末端', 'far end'],
};

export const SamplingRow = z.object({
  enterpriseId: z.number().int(),
  communityId: z.number().int().nullable(),
  households: z.number().int(),
  /** households with an active indoor sensor 已装室温采集的住户 */
  sensors: z.number().int(),
  /** sensors ÷ households */
  share: z.number(),
  /** below the city's minimum sampling share */
  belowMinimum: z.boolean(),
  /** spread checks the sample fails (a floor check is judged only where sensed households have floor data) */
  missing: z.array(SamplingSpreadCheck),
  /** community: the farthest of its station's communities (null for enterprise rows) */
  farEnd: z.boolean().nullable(),
  /** below the minimum or failing a spread check */
  flagged: z.boolean(),
});
/**
 * Orders of the community table: `worst` (below the minimum, then short on spread — most missing checks, lowest
 * share — then the rest, communities without households last), or a column ascending / `-column` descending.
 */
export const SAMPLING_SORTS = [
  'worst',
  'share',
  '-share',
  'households',
  '-households',
  'sensors',
  '-sensors',
  'code',
  '-code',
] as const;
export const SamplingSort = z.enum(SAMPLING_SORTS);
export type SamplingSort = z.infer<typeof SamplingSort>;

/** Query of `GET /api/telemetry/sampling`: one page of communities, filtered; the totals cover every page. */
export const SamplingQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(20),
  /** community code or name contains */
  q: z.string().trim().max(100).optional(),
  sort: SamplingSort.default('worst'),
  enterpriseId: z.coerce.number().int().positive().optional(),
  district: z.string().trim().min(1).max(40).optional(),
  /** true: only communities falling short (below the minimum or failing a spread check) */
  flagged: z
    .enum(['true', 'false', '1', '0'])
    .transform((v) => v === 'true' || v === '1')
    .optional(),
});
export type SamplingQuery = z.input<typeof SamplingQuery>;

/** Totals over every community in the caller's scope that matches the filters (not just the page). */
export const SamplingSummary = z.object({
  communities: z.number().int(),
  households: z.number().int(),
  sensors: z.number().int(),
  /** sensors ÷ households */
  share: z.number(),
  belowMinimum: z.boolean(),
  /** communities below the minimum or failing a spread check */
  flagged: z.number().int(),
});
export type SamplingSummary = z.infer<typeof SamplingSummary>;

export const SamplingCommunity = SamplingRow.extend({
  communityId: z.number().int(),
  code: z.string(),
  name: z.string(),
  district: z.string().nullable(),
});
export type SamplingCommunity = z.infer<typeof SamplingCommunity>;

export const SamplingResponse = z.object({
  minimumShare: z.number(),
  /** the spread checks this city applies */
  spreadChecks: z.array(SamplingSpreadCheck),
  /** every enterprise in the caller's scope matching the filters (one row for an enterprise user) */
  enterprises: z.array(SamplingRow),
  /** totals of the filtered communities */
  summary: SamplingSummary,
  /** one page of the filtered communities */
  items: z.array(SamplingCommunity),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type SamplingResponse = z.infer<typeof SamplingResponse>;

// ---- indoor temperatures 室温 ----
/** One sensed household of a community with its newest indoor temperature. */
export const IndoorHousehold = z.object({
  householdId: z.number().int(),
  /** newest indoor temperature 室内温度, ℃; null before the first reading */
  value: z.number().nullable(),
  ts: Timestamp.nullable(),
  /** silent for longer than the stale window: not counted in the figures below */
  stale: z.boolean(),
  /** reporting and below the indoor standard 室温不达标 */
  belowStandard: z.boolean(),
});
export const IndoorSummary = z.object({
  communityId: z.number().int(),
  /** the indoor standard 室温标准, ℃ (GB/T 33833: 18 ℃; 20 ℃ in some provinces) */
  standard: z.number(),
  /** households with an active indoor sensor */
  sensed: z.number().int(),
  /** of those, reporting within the stale window */
  reporting: z.number().int(),
  belowStandard: z.number().int(),
  /** reporting households at or above the standard ÷ reporting 室温合格率; null when none reports */
  compliance: z.number().nullable(),
  min: z.number().nullable(),
  mean: z.number().nullable(),
  max: z.number().nullable(),
  /** coldest first; households without a reading last */
  households: z.array(IndoorHousehold),
});
export type IndoorSummary = z.infer<typeof IndoorSummary>;

// ---- ingest bookkeeping and settings ----
/**
 * The external MQTT broker's own counters ($SYS, Mosquitto), as last seen by any Hearth process. `dropped`:
 * messages the broker dropped after acknowledging them to devices (queue limits) — anything above 0 is data lost.
 */
export const BrokerStatus = z.object({
  mode: z.enum(['embedded', 'external']),
  dropped: z.number().int().nullable(),
  lastDropAt: Timestamp.nullable(),
  /** messages held by the broker (queued for offline or slow subscribers, retained) */
  queued: z.number().int().nullable(),
  clients: z.number().int().nullable(),
  observedAt: Timestamp.nullable(),
});
export type BrokerStatus = z.infer<typeof BrokerStatus>;

/** Stable rejection codes of ingest (reading-level and message-level). */
export const INGEST_REJECTION_CODES = [
  'reading.malformed',
  'reading.invalid_time',
  'reading.future',
  'reading.too_old',
  'reading.unknown_metric',
  'reading.not_a_number',
  'reading.out_of_range',
  'reading.empty',
  'reading.missing_target',
  'reading.unknown_station',
  'reading.unknown_household',
  'reading.forbidden_target',
  'message.malformed_json',
  'message.empty',
  'message.too_large',
  'message.too_deep',
  'message.packet_too_large',
  'message.no_device',
  'broker.dropped',
] as const;
export type IngestRejectionCode = (typeof INGEST_REJECTION_CODES)[number];

/** 异常原因: each rejection code in Chinese and English, for consoles and reports. */
export const INGEST_REJECTION_LABELS: Record<IngestRejectionCode, readonly [zh: string, en: string]> = {
  'reading.malformed': ['读数格式错误', 'malformed reading'],
  'reading.invalid_time': ['时间格式错误', 'invalid timestamp'],
  'reading.future': ['时间超前', 'timestamp in the future'],
  'reading.too_old': ['时间过旧（超出保留期）', 'timestamp older than retention'],
  'reading.unknown_metric': ['未知指标', 'unknown metric'],
  'reading.not_a_number': ['非数值', 'not a number'],
  'reading.out_of_range': ['数值超出合理范围', 'value out of range'],
  'reading.empty': ['无数据', 'no values'],
  'reading.missing_target': ['缺少目标编码', 'missing target code'],
  'reading.unknown_station': ['未知换热站', 'unknown station'],
  'reading.unknown_household': ['未知住户', 'unknown household'],
  'reading.forbidden_target': ['无权上报该目标', 'target not allowed for the device'],
  'message.malformed_json': ['消息不是有效 JSON', 'payload is not JSON'],
  'message.empty': ['空消息', 'empty message'],
  'message.too_large': ['消息读数过多', 'too many readings in one message'],
  'message.too_deep': ['消息嵌套过深', 'message nested too deeply'],
  'message.packet_too_large': ['MQTT 报文超过大小上限', 'MQTT packet larger than the limit'],
  'message.no_device': ['未登记采集设备', 'no registered device'],
  'broker.dropped': ['MQTT 代理丢弃消息', 'dropped by the MQTT broker'],
};

export const DeadLetter = z.object({
  id: z.number().int(),
  at: Timestamp,
  channel: z.string(),
  deviceId: z.number().int().nullable(),
  enterpriseId: z.number().int().nullable(),
  target: z.string().nullable(),
  code: z.string(),
  reason: z.string(),
  payload: z.string().nullable(),
});
export type DeadLetter = z.infer<typeof DeadLetter>;

export const IngestStats = z.object({
  items: z.array(
    z.object({
      enterpriseId: z.number().int().nullable(),
      accepted: z.number(),
      duplicates: z.number(),
      rejected: z.number(),
      outOfOrder: z.number(),
    }),
  ),
});
export type IngestStats = z.infer<typeof IngestStats>;

/** What devices and the console need to know about this installation's telemetry settings. */
export const TelemetrySettings = z.object({
  mqtt: z.object({
    mode: z.enum(['embedded', 'external']),
    /** embedded broker address as configured (null for an external broker, whose address devices get elsewhere) */
    host: z.string().nullable(),
    port: z.number().int().nullable(),
  }),
  staleMinutes: z.number(),
  offlineMinutes: z.number(),
  retentionDays: z.number(),
  clockSkewSeconds: z.number(),
  minimumSamplingShare: z.number(),
});
export type TelemetrySettings = z.infer<typeof TelemetrySettings>;
