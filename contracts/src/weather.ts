// Weather 气象 wire shapes: observations and forecasts, imports, daily series, degree days, the heating-period
// verdict and the decision records 供热气候会商记录 (SPEC §3.4).
import { z } from 'zod';
import { Timestamp } from './common.ts';

/** 区域: the city (`city`) or a district code. */
export const WeatherArea = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,40}$/, 'letters, digits, _ and - only')
  .default('city')
  .describe('区域 area: city or a district code');

/** 日平均方法 The daily-mean convention: the available hourly values, or the 02/08/14/20 h readings. */
export const AVERAGINGS = ['24h', '4obs'] as const;
export const Averaging = z.enum(AVERAGINGS);
export type Averaging = z.infer<typeof Averaging>;
export const AVERAGING_LABELS: Record<Averaging, string> = {
  '24h': '24小时平均',
  '4obs': '四次定时观测平均',
};

/** 数据来源 where a value came from. */
export const WEATHER_SOURCES = ['import', 'provider', 'demo'] as const;
export const WeatherSource = z.enum(WEATHER_SOURCES);
export type WeatherSource = z.infer<typeof WeatherSource>;
export const WEATHER_SOURCE_LABELS: Record<WeatherSource, string> = {
  import: '文件导入',
  provider: '预报接口',
  demo: '演示数据',
};

export const DateText = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

export const HourlyPoint = z.object({ ts: Timestamp, temp: z.number().describe('气温 ℃') });
export type HourlyPoint = z.infer<typeof HourlyPoint>;

export const HourlyQuery = z.object({
  area: WeatherArea,
  from: z.iso.datetime({ offset: true }).describe('起 from, ISO 8601'),
  to: z.iso.datetime({ offset: true }).describe('止 to, ISO 8601'),
});
export const HourlyResponse = z.object({
  area: z.string(),
  /** 实况 observed hours */
  observations: z.array(HourlyPoint),
  /** 预报 forecast hours after the last observation */
  forecast: z.array(HourlyPoint),
  /** the latest forecast issue among them 预报发布时间 */
  issuedAt: Timestamp.nullable(),
});
export type HourlyResponse = z.infer<typeof HourlyResponse>;

export const DailyQuery = z.object({
  area: WeatherArea,
  from: DateText.describe('首日 first city day'),
  to: DateText.describe('末日 last city day'),
  averaging: Averaging.default('24h'),
});
export const DailyPoint = z.object({
  date: DateText,
  mean: z.number().describe('日平均气温 ℃'),
  min: z.number().nullable(),
  max: z.number().nullable(),
  hours: z.number().int().describe('有效小时数 hours available'),
  interpolated: z.boolean().describe('插补 mean interpolated between neighbouring days'),
  forecast: z.boolean().describe('含预报 the day holds forecast hours'),
});
export type DailyPoint = z.infer<typeof DailyPoint>;
export const DailyResponse = z.object({
  area: z.string(),
  averaging: Averaging,
  days: z.array(DailyPoint),
});
export type DailyResponse = z.infer<typeof DailyResponse>;

export const DegreeDaysQuery = DailyQuery.extend({
  base: z.coerce.number().min(0).max(30).optional().describe('基准温度 base ℃ (default configured, 18)'),
});
export const DegreeDaysResponse = z.object({
  area: z.string(),
  averaging: Averaging,
  base: z.number(),
  /** 采暖度日数 ℃·d over the days with a mean */
  hdd: z.number(),
  days: z.number().int(),
  daily: z.array(z.object({ date: DateText, mean: z.number(), hdd: z.number() })),
});
export type DegreeDaysResponse = z.infer<typeof DegreeDaysResponse>;

export const OutdoorNow = z.object({
  area: z.string(),
  /** 当前室外温度 ℃, null when nothing is known */
  temp: z.number().nullable(),
  ts: Timestamp.nullable(),
  kind: z.enum(['observed', 'forecast']).nullable(),
});
export type OutdoorNow = z.infer<typeof OutdoorNow>;

export const RunningMean = z.object({ date: DateText, mean: z.number(), forecast: z.boolean() });

/** 供热期研判 the start/stop verdict of the current season. */
export const HeatingVerdict = z.object({
  area: z.string(),
  today: DateText,
  averaging: Averaging,
  winter: z.string(),
  threshold: z.number(),
  legalStart: DateText,
  legalEnd: DateText,
  climateStart: DateText.nullable(),
  recommendedStart: DateText,
  startBeforeLegal: z.boolean(),
  climateStop: DateText.nullable(),
  recommendedStop: DateText.nullable(),
  extendAfterLegal: z.boolean(),
  runningMeans: z.array(RunningMean),
  reasons: z.array(z.object({ zh: z.string(), en: z.string() })),
  /** days of observations / forecast it was based on */
  observedDays: z.number().int(),
  forecastDays: z.number().int(),
});
export type HeatingVerdict = z.infer<typeof HeatingVerdict>;

export const CreateHeatingDecision = z.strictObject({
  area: WeatherArea,
  startDate: DateText.describe('决定开始供热日 chosen start'),
  stopDate: DateText.nullable().optional().describe('决定停止供热日 chosen stop'),
  note: z.string().trim().max(2000).default(''),
  averaging: Averaging.default('24h'),
});
export type CreateHeatingDecision = z.input<typeof CreateHeatingDecision>;

export const HeatingDecision = z.object({
  id: z.number().int(),
  area: z.string(),
  season: z.string().describe('供暖季 2025/26'),
  startDate: DateText,
  stopDate: DateText.nullable(),
  note: z.string(),
  decidedAt: Timestamp,
  decidedBy: z.string().describe('决定人 username'),
  /** the verdict it was based on 依据 */
  basis: HeatingVerdict,
});
export type HeatingDecision = z.infer<typeof HeatingDecision>;

export const WeatherImportError = z.object({
  /** CSV: physical line (1 = header); JSON: item number (1-based) */
  line: z.number().int(),
  column: z.string().nullable(),
  /** stable code: weather.row_invalid_<column> | weather.row_duplicate … */
  code: z.string(),
  message: z.string(),
});
export type WeatherImportError = z.infer<typeof WeatherImportError>;

export const WeatherImportResult = z.object({
  area: z.string(),
  format: z.enum(['uci', 'time_temp', 'daily', 'json', 'open_meteo']),
  /** rows read (good and bad) */
  rows: z.number().int(),
  inserted: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  /** hours that were NA (a gap, not an error) */
  missing: z.number().int(),
  rejected: z.number().int(),
  errors: z.array(WeatherImportError),
  issuedAt: Timestamp.nullable(),
});
export type WeatherImportResult = z.infer<typeof WeatherImportResult>;

export const WeatherImportQuery = z.object({
  area: WeatherArea,
  issuedAt: z.iso.datetime({ offset: true }).optional().describe('预报发布时间 forecast issue time'),
});

/** JSON observations: `[{ time, temp }]` or `{ observations: [...] }`; time ISO 8601 or city-local `YYYY-MM-DD HH:mm`. */
export const JsonObservation = z.object({ time: z.string(), temp: z.number().nullable() });

export const WeatherSettings = z.object({
  legalStart: z.string(),
  legalEnd: z.string(),
  hddBase: z.number(),
  threshold: z.number(),
  providerConfigured: z.boolean(),
});
export type WeatherSettings = z.infer<typeof WeatherSettings>;
