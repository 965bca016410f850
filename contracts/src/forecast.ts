// Heat load forecast 负荷预测 (GET /api/forecast/load, /api/forecast/targets): daily heat of a station, heat source,
// enterprise or the city for the next 1–7 days, with the fitted model and its day-ahead backtest.
import { z } from 'zod';

export const FORECAST_LEVELS = ['station', 'source', 'enterprise', 'city'] as const;
export const ForecastLevel = z.enum(FORECAST_LEVELS);
export type ForecastLevel = z.infer<typeof ForecastLevel>;
export const FORECAST_LEVEL_LABELS: Record<ForecastLevel, string> = {
  station: '换热站',
  source: '热源',
  enterprise: '供热企业',
  city: '全市',
};

export const FORECAST_FEATURES = [
  'intercept',
  'hdd',
  'prevEnergy',
  'lateRate',
  'weekend',
  'seasonCos',
  'seasonSin',
] as const;
export type ForecastFeature = (typeof FORECAST_FEATURES)[number];
/** the model's terms (coefficients in GJ/day per unit of the term) */
export const FORECAST_FEATURE_LABELS: Record<ForecastFeature, string> = {
  intercept: '常数项 (GJ/d)',
  hdd: '采暖度日数系数 (GJ/K·d)',
  prevEnergy: '前一日热量系数',
  lateRate: '前一日晚间速率系数',
  weekend: '周末 (GJ/d)',
  seasonCos: '年周期 cos (GJ/d)',
  seasonSin: '年周期 sin (GJ/d)',
};

export const ForecastQuery = z.object({
  level: ForecastLevel,
  /** the station, heat source or enterprise; absent for the city */
  id: z.coerce.number().int().positive().optional(),
  days: z.coerce.number().int().min(1).max(7).default(7),
});
export type ForecastQuery = z.infer<typeof ForecastQuery>;

export const ForecastDay = z.object({
  /** city date YYYY-MM-DD */
  date: z.string(),
  /** heat of the day, GJ */
  energyGJ: z.number(),
  /** the day's mean heat load, MW (GJ ÷ 86.4) */
  meanMW: z.number(),
  /** the day's mean outdoor temperature, ℃ (observed for history, forecast for the coming days) */
  meanTemp: z.number().nullable(),
});
export type ForecastDay = z.infer<typeof ForecastDay>;

export const BacktestFigures = z.object({
  /** %, day-ahead mean absolute percentage error of the model */
  mape: z.number(),
  /** %, CV(RMSE) of the model */
  cvrmse: z.number(),
  /** %, MAPE of persistence (tomorrow = today) on the same days */
  persistenceMape: z.number(),
  persistenceCvrmse: z.number(),
  /** days scored */
  days: z.number().int(),
});
export type BacktestFigures = z.infer<typeof BacktestFigures>;

export const LoadForecast = z.object({
  level: ForecastLevel,
  target: z.object({ id: z.number().int().nullable(), name: z.string() }),
  /** stations whose heat is summed */
  stations: z.number().int(),
  timeZone: z.string(),
  /** the last days of history (up to yesterday, city time) */
  history: z.array(ForecastDay.extend({ energyGJ: z.number().nullable(), meanMW: z.number().nullable() })),
  /** the coming days, from today (city time) */
  forecast: z.array(ForecastDay),
  /** the fitted model: E = Σ coefficient × term; null when the history is too short */
  model: z
    .object({
      coefficients: z.array(z.object({ feature: z.enum(FORECAST_FEATURES), value: z.number() })),
      trainingDays: z.number().int(),
      /** HDD base temperature, ℃ */
      baseTemp: z.number(),
    })
    .nullable(),
  /** day-ahead backtest on the target's own history (expanding window); null when no day could be scored */
  backtest: BacktestFigures.nullable(),
  /** where the outdoor temperatures come from */
  weatherSource: z.string(),
});
export type LoadForecast = z.infer<typeof LoadForecast>;

export const ForecastTargetsQuery = z.object({ level: ForecastLevel });
export const ForecastTargets = z.object({
  items: z.array(z.object({ id: z.number().int(), name: z.string() })),
});
export type ForecastTargets = z.infer<typeof ForecastTargets>;
