// One compiled check per (rule, target): reads its metric straight from the packed row and judges it with the
// pure conditions of alarm.rules.ts. No allocation per reading: the last value and limit are kept on the check.
import type { MetricKey } from '@hearth/contracts/telemetry';
import { rowValue } from '../telemetry/reading-batch.ts';
import {
  baselineReady,
  deviationCondition,
  makeupCondition,
  metricIndex,
  newBaseline,
  pressureDropCondition,
  thresholdCondition,
  thresholdTarget,
  updateBaseline,
  type EngineRule,
  type HoldState,
} from './alarm.rules.ts';
import { deviationMessage, indoorMessage, leakMessage, thresholdMessage } from './alarm-messages.ts';

/**
 * The station's weather-compensation target supply temperature (℃) at an instant, or null when unknown.
 * `prepare` is called with stations before their first evaluation (to load what `target` needs).
 */
export type CompensationTarget = {
  target: (stationId: number, at: number) => number | null;
  prepare?: (stationIds: readonly number[]) => Promise<void>;
};

export type Verdict = {
  on: boolean;
  value: number;
  limit: number;
  /** what the value was judged against (the compensation target), else NaN */
  ref: number;
  metric: MetricKey | null;
};

export type Check = {
  ruleId: number;
  rule: EngineRule;
  hold: HoldState;
  forMs?: number;
  /** judges row `r`: null when it has none of the check's metrics (the verdict object is reused) */
  evaluate: (data: Float64Array, r: number, ts: number) => Verdict | null;
  /** the alarm text of a raising verdict (built on transitions only) */
  message: (v: Verdict) => string;
};

/** the reusable verdict of a check */
function verdictOf(metric: MetricKey | null): Verdict {
  return { on: false, value: NaN, limit: NaN, ref: NaN, metric };
}

const COMPENSATION_REFRESH_MS = 5 * 60_000;

export function compileCheck(
  ruleId: number,
  rule: EngineRule,
  kind: 'station' | 'household',
  targetId: number,
  hold: HoldState,
  compensation: CompensationTarget,
): Check | null {
  const p = rule.params;
  const base = { ruleId, rule, hold };
  switch (p.type) {
    case 'threshold': {
      if (thresholdTarget(p.metric) !== kind) return null;
      const m = metricIndex(p.metric);
      const v = verdictOf(p.metric);
      return {
        ...base,
        forMs: p.forSeconds * 1000,
        evaluate(data, r) {
          const x = rowValue(data, r, m);
          if (x !== x) return null;
          const c = thresholdCondition(x, p.direction, p.limit);
          v.on = c.on;
          v.value = x;
          v.limit = p.limit;
          return v;
        },
        message: (x) => thresholdMessage(p.metric, p.direction, x.value, p.limit),
      };
    }
    case 'supply_deviation': {
      if (kind !== 'station') return null;
      const m = metricIndex(p.metric);
      const v = verdictOf(p.metric);
      let target: number | null = null;
      let targetAt = -Infinity;
      return {
        ...base,
        forMs: p.forSeconds * 1000,
        evaluate(data, r, ts) {
          const x = rowValue(data, r, m);
          if (x !== x) return null;
          if (Math.abs(ts - targetAt) > COMPENSATION_REFRESH_MS) {
            target = compensation.target(targetId, ts);
            targetAt = ts;
          }
          if (target === null) return null;
          const c = deviationCondition(x, target, p.bandC);
          v.on = c.on;
          v.value = x;
          v.limit = c.limit;
          v.ref = target;
          return v;
        },
        message: (x) => deviationMessage(x.value, x.ref, p.bandC),
      };
    }
    case 'indoor_low': {
      if (kind !== 'household') return null;
      const m = metricIndex('indoorTemp');
      const v = verdictOf('indoorTemp');
      return {
        ...base,
        forMs: p.forSeconds * 1000,
        evaluate(data, r) {
          const x = rowValue(data, r, m);
          if (x !== x) return null;
          v.on = x < p.standardC;
          v.value = x;
          v.limit = p.standardC;
          return v;
        },
        message: (x) => indoorMessage(x.value, p.standardC),
      };
    }
    case 'leak':
      return kind === 'station' ? leakCheck(base, p) : null;
    default:
      return null;
  }
}

type LeakParams = Extract<EngineRule['params'], { type: 'leak' }>;

/** make-up water against its rolling baseline × factor, or return pressure dropping below its baseline */
function leakCheck(base: Omit<Check, 'evaluate' | 'message'>, p: LeakParams): Check {
  const mw = metricIndex('makeupWater');
  const pr = metricIndex('secondaryReturnPressure');
  const windowMs = p.baselineHours * 3_600_000;
  base.hold.baselines ??= { water: newBaseline(), pressure: newBaseline() };
  const { water, pressure } = base.hold.baselines;
  const v = verdictOf('makeupWater');
  return {
    ...base,
    forMs: p.forSeconds * 1000,
    evaluate(data, r, ts) {
      const w = rowValue(data, r, mw);
      const pv = rowValue(data, r, pr);
      if (w !== w && pv !== pv) return null;
      v.on = false;
      if (w === w) {
        if (baselineReady(water, windowMs)) {
          const c = makeupCondition(w, water.mean, p.factor);
          if (c.on) Object.assign(v, { on: true, value: w, limit: c.limit, metric: 'makeupWater' });
        }
        // a leak never becomes the new normal: the baseline learns only from normal readings
        if (!v.on) updateBaseline(water, w, ts, windowMs);
      }
      if (pv === pv && !v.on) {
        if (baselineReady(pressure, windowMs)) {
          const c = pressureDropCondition(pv, pressure.mean, p.pressureDropMpa);
          if (c.on)
            Object.assign(v, { on: true, value: pv, limit: c.limit, metric: 'secondaryReturnPressure' });
        }
        if (!v.on) updateBaseline(pressure, pv, ts, windowMs);
      }
      if (!v.on) {
        v.value = w === w ? w : pv;
        v.limit = NaN;
      }
      return v;
    },
    message: (x) => leakMessage(x.metric ?? 'makeupWater', x.value, x.limit),
  };
}
