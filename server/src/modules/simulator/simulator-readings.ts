// Readings as the simulated instruments report them: noisy sensors within the catalogue's ranges.
import { METRICS, type MetricKey } from '@hearth/contracts/telemetry';
import { powerKw } from '../weather/compensation.rules.ts';
import type { StationOutput } from './physics.ts';
import type { Station } from './simulator-targets.ts';

const STATION_KEYS = [
  'primarySupplyTemp',
  'primaryReturnTemp',
  'secondarySupplyTemp',
  'secondaryReturnTemp',
  'primarySupplyPressure',
  'primaryReturnPressure',
  'secondarySupplyPressure',
  'secondaryReturnPressure',
  'flow',
] as const satisfies readonly MetricKey[];

export const round = (x: number, digits: number) => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};
export const inRange = (key: MetricKey, x: number) =>
  Math.min(METRICS[key].max, Math.max(METRICS[key].min, x));

export /** A station reading as its instruments report it: noisy sensors, heat computed from the measured flow and ΔT. */
function stationReading(s: Station, o: StationOutput, heatTotal: number): Record<string, number> {
  const { rng } = s;
  const v: Record<string, number> = {};
  for (const key of STATION_KEYS) {
    const x = o[key];
    const noisy =
      key === 'flow'
        ? round(x * (1 + rng.normal(0, 0.003)), 2)
        : key.endsWith('Pressure')
          ? round(x + rng.normal(0, 0.002), 3)
          : round(x + rng.normal(0, 0.1), 2);
    v[key] = inRange(key, noisy);
  }
  // a heat meter integrates the flow and temperatures it measures: Q = G·c·Δt/3.6
  const dt = Math.max(0, (v.secondarySupplyTemp as number) - (v.secondaryReturnTemp as number));
  v.heatPower = inRange('heatPower', round(powerKw(v.flow as number, dt) / 1000, 4));
  v.heatTotal = inRange('heatTotal', round(heatTotal, 3));
  v.makeupWater = inRange('makeupWater', round(o.makeupWater * (1 + rng.normal(0, 0.03)), 3));
  v.pumpRunning = 1;
  return v;
}
