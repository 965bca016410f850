// Which live values fall outside their range: the normal operating band of the key metrics, else the plausible
// range of the metric catalogue. Pure: no React, no Vite.
import { METRICS, type MetricKey } from '@hearth/contracts/telemetry';
import { OPERATING_RANGES } from '@hearth/contracts/telemetry-analysis';

/** The range a metric's value should stay in: its operating band when it has one, else its plausible range. */
export function rangeOf(metric: MetricKey): readonly [number, number] {
  return OPERATING_RANGES[metric] ?? [METRICS[metric].min, METRICS[metric].max];
}

/** The range the value falls outside of, or null when it is inside (or missing). */
export function outOfRange(metric: MetricKey, value: number | undefined): readonly [number, number] | null {
  if (value === undefined || !Number.isFinite(value)) return null;
  const range = rangeOf(metric);
  return value < range[0] || value > range[1] ? range : null;
}
