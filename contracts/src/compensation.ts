// Weather compensation 气候补偿 wire shapes: a station's target supply/return by the quality-regulation curve (SPEC §5),
// the parameters it used and where each came from, the curve, the series over time, and the per-station overrides.
import { z } from 'zod';
import { Timestamp } from './common.ts';

export const COMPENSATION_PARAMS = [
  'designSupply',
  'designReturn',
  'indoorTemp',
  'designOutdoorTemp',
  'radiatorExponent',
] as const;
export type CompensationParam = (typeof COMPENSATION_PARAMS)[number];

export const COMPENSATION_PARAM_LABELS: Record<CompensationParam, string> = {
  designSupply: '设计供水温度',
  designReturn: '设计回水温度',
  indoorTemp: '室内计算温度',
  designOutdoorTemp: '供暖室外计算温度',
  radiatorExponent: '散热器指数',
};

/** Where a parameter came from: the station's registry record, its own override, the city or the standard. */
export const PARAM_SOURCES = ['station', 'override', 'city', 'standard'] as const;
export const ParamSource = z.enum(PARAM_SOURCES);
export type ParamSource = z.infer<typeof ParamSource>;
export const PARAM_SOURCE_LABELS: Record<ParamSource, string> = {
  station: '换热站台账',
  override: '本站设置',
  city: '城市配置',
  standard: '标准默认值',
};

export const CompensationParams = z.object({
  designSupply: z.number().describe('设计供水温度 design supply t_g′, ℃'),
  designReturn: z.number().describe('设计回水温度 design return t_h′, ℃'),
  indoorTemp: z.number().describe('室内计算温度 indoor design temperature tₙ, ℃'),
  designOutdoorTemp: z.number().describe('供暖室外计算温度 design outdoor temperature tw′, ℃'),
  radiatorExponent: z.number().describe('散热器指数 radiator exponent b'),
});
export type CompensationParams = z.infer<typeof CompensationParams>;

/** The station's own settings; null = the city/standard default applies. */
export const CompensationOverrides = z.object({
  indoorTemp: z.number().nullable(),
  radiatorExponent: z.number().nullable(),
  designOutdoorTemp: z.number().nullable(),
  updatedAt: Timestamp.nullable(),
});
export type CompensationOverrides = z.infer<typeof CompensationOverrides>;

export const CompensationSetup = z.object({
  stationId: z.number().int(),
  /** the city whose defaults apply (Chinese name) */
  city: z.string(),
  params: CompensationParams,
  sources: z.record(z.enum(COMPENSATION_PARAMS), ParamSource),
  overrides: CompensationOverrides,
});
export type CompensationSetup = z.infer<typeof CompensationSetup>;

export const CompensationPoint = z.object({
  outdoorTemp: z.number().describe('室外温度 ℃'),
  supply: z.number().describe('目标供水温度 target supply, ℃'),
  return: z.number().describe('目标回水温度 target return, ℃'),
  relativeLoad: z.number().describe('相对负荷 Q̄'),
});
export type CompensationPoint = z.infer<typeof CompensationPoint>;

export const CompensationTarget = CompensationSetup.extend({
  target: CompensationPoint,
  /** 'query': the outdoor temperature asked for; 'weather': the latest hourly outdoor temperature */
  outdoorFrom: z.enum(['query', 'weather']),
  /** the hour of the outdoor temperature when it came from the weather */
  outdoorAt: Timestamp.nullable(),
});
export type CompensationTarget = z.infer<typeof CompensationTarget>;

export const CompensationCurve = CompensationSetup.extend({ points: z.array(CompensationPoint) });
export type CompensationCurve = z.infer<typeof CompensationCurve>;

export const CompensationSeries = CompensationSetup.extend({
  points: z.array(CompensationPoint.extend({ at: Timestamp })),
});
export type CompensationSeries = z.infer<typeof CompensationSeries>;

export const CompensationQuery = z.object({
  outdoorTemp: z.coerce
    .number()
    .min(-50)
    .max(45)
    .optional()
    .describe('室外温度 ℃ (default: the latest hour)'),
});

/** Longest series asked at once, days. */
export const MAX_SERIES_DAYS = 92;
export const CompensationSeriesQuery = z
  .object({ from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }) })
  .refine((q) => Date.parse(q.from) < Date.parse(q.to), { path: ['to'], message: 'to must be after from' })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= MAX_SERIES_DAYS * 86_400_000, {
    path: ['to'],
    message: `at most ${MAX_SERIES_DAYS} days`,
  });

/** Station overrides: a number sets one, null clears it (the default applies again), absent leaves it. */
export const UpdateCompensation = z
  .strictObject({
    indoorTemp: z.number().min(12).max(25).nullable().optional().describe('室内计算温度 ℃'),
    radiatorExponent: z.number().min(0.1).max(0.6).nullable().optional().describe('散热器指数 b'),
    designOutdoorTemp: z.number().min(-45).max(5).nullable().optional().describe('供暖室外计算温度 ℃'),
  })
  .refine((u) => Object.keys(u).length > 0, { message: 'nothing to change' });
export type UpdateCompensation = z.infer<typeof UpdateCompensation>;
