// Window means 时段均值: the mean of one station metric over a time window, per station, from the raw readings
// (for the 升温令 compliance check, which other modules reach through the monitoring service).
import { METRIC_KEYS, type MetricKey } from '@hearth/contracts/telemetry';
import type { TelemetryStore } from '../telemetry/telemetry.store.ts';

/** readings read per station and window; a window holding more is averaged over its first this many */
const MAX_WINDOW_READINGS = 20_000;

/** reads in flight at once */
const PARALLEL_READS = 4;

export type WindowMean = { mean: number | null; count: number };

/** Mean and count of `metric` over [fromMs, toMs) for each station (system-level: callers apply their scope). */
export async function windowMeans(
  store: TelemetryStore,
  stationIds: readonly number[],
  metric: MetricKey,
  fromMs: number,
  toMs: number,
): Promise<Map<number, WindowMean>> {
  const index = METRIC_KEYS.indexOf(metric);
  const out = new Map<number, WindowMean>();
  const one = async (id: number) => {
    let sum = 0;
    let count = 0;
    for (const row of await store.raw('station', id, fromMs, toMs, MAX_WINDOW_READINGS)) {
      const value = row.values[index];
      if (value === null || value === undefined || !Number.isFinite(value)) continue;
      sum += value;
      count++;
    }
    out.set(id, { mean: count > 0 ? sum / count : null, count });
  };
  // a few reads in flight at once: the store's reader (or the database) works while the results are summed
  for (let i = 0; i < stationIds.length; i += PARALLEL_READS)
    await Promise.all(stationIds.slice(i, i + PARALLEL_READS).map(one));
  return out;
}
