// The feature sets of the load model per kind of history (see load-model.rules.ts for the formulas).
import type { FeatureName } from './load-model.rules.ts';

/**
 * A heat meter without a weather series (the Danish sample): its own autoregression — yesterday's energy and
 * yesterday evening's rate — plus the annual cycle standing in for the missing degree days.
 */
export const METER_FEATURES: readonly FeatureName[] = [
  'intercept',
  'prevEnergy',
  'lateRate',
  'seasonCos',
  'seasonSin',
];

/** A station, source, enterprise or the city with a daily weather series: degree days plus yesterday's energy. */
export const WEATHER_FEATURES: readonly FeatureName[] = ['intercept', 'hdd', 'prevEnergy'];
