// Pure alarm rules: which rule applies to a target (city rule, enterprise or station override), each rule
// type's condition on one reading, the hold-for-a-duration step, leak baselines, the raise decision against the
// open alarm (dedup, flapping within the hold-off) and escalation. No I/O: the engine and service call these.
import type { AlarmRuleParams, AlarmSeverity, AlarmState, AlarmType } from '@hearth/contracts/alarms';
import { METRIC_KEYS, METRICS, type MetricKey } from '@hearth/contracts/telemetry';

/** A rule as the engine holds it (parsed params, minutes and seconds as numbers). */
export type EngineRule = {
  id: number;
  baseRuleId: number | null;
  scope: 'city' | 'enterprise' | 'station';
  enterpriseId: number | null;
  stationId: number | null;
  name: string;
  type: AlarmType;
  enabled: boolean;
  severity: AlarmSeverity;
  params: AlarmRuleParams;
  holdOffSeconds: number;
  level1Minutes: number;
  level2Minutes: number;
  dutyContact: string | null;
};

/**
 * The rules in force for a target, one per city rule: its station override, else its enterprise override,
 * else the city rule itself; disabled ones left out. Each keeps the city rule's id as `baseRuleId`'s stand-in
 * (`ruleId`): alarms are keyed by the city rule, so changing an override never opens a second alarm.
 */
export function rulesInForce(
  rules: readonly EngineRule[],
  target: { stationId: number | null; enterpriseId: number | null },
): { ruleId: number; rule: EngineRule }[] {
  const out: { ruleId: number; rule: EngineRule }[] = [];
  for (const city of rules) {
    if (city.baseRuleId !== null) continue;
    let chosen = city;
    let rank = 0;
    for (const o of rules) {
      if (o.baseRuleId !== city.id) continue;
      if (o.scope === 'station' && target.stationId !== null && o.stationId === target.stationId) {
        chosen = o;
        rank = 2;
      } else if (
        rank < 1 &&
        o.scope === 'enterprise' &&
        target.enterpriseId !== null &&
        o.enterpriseId === target.enterpriseId
      ) {
        chosen = o;
        rank = 1;
      }
    }
    if (chosen.enabled && chosen.type === city.type) out.push({ ruleId: city.id, rule: chosen });
  }
  return out;
}

/** the metric a threshold rule watches may be a household one (indoorTemp) */
export const thresholdTarget = (metric: MetricKey): 'station' | 'household' => METRICS[metric].target;

export const metricIndex = (metric: MetricKey) => METRIC_KEYS.indexOf(metric);

/** One evaluation: whether the condition holds, the value and the limit it was judged against. */
export type Condition = { on: boolean; value: number; limit: number };

export function thresholdCondition(value: number, direction: 'above' | 'below', limit: number): Condition {
  return { on: direction === 'above' ? value > limit : value < limit, value, limit };
}

/** Supply temperature off its compensation target by more than the band (either way). */
export function deviationCondition(value: number, target: number, band: number): Condition {
  const off = value - target;
  return { on: Math.abs(off) > band, value, limit: off > 0 ? target + band : target - band };
}

/** A condition that must hold `forMs` before it raises; clears as soon as it is gone. */
export type HoldState = {
  since: number;
  active: boolean;
  lastTs: number;
  /** the leak rule's rolling baselines: kept with the hold so a rule reload does not forget them */
  baselines?: { water: Baseline; pressure: Baseline };
};
export const newHoldState = (): HoldState => ({ since: NaN, active: false, lastTs: -Infinity });

/** Steps the state with one reading; 'raise' / 'clear' on a transition, else null. Older readings are ignored. */
export function step(state: HoldState, on: boolean, ts: number, forMs: number): 'raise' | 'clear' | null {
  if (ts < state.lastTs) return null;
  state.lastTs = ts;
  if (!on) {
    state.since = NaN;
    if (!state.active) return null;
    state.active = false;
    return 'clear';
  }
  if (Number.isNaN(state.since)) state.since = ts;
  if (state.active || ts - state.since < forMs) return null;
  state.active = true;
  return 'raise';
}

/** A station's own rolling baseline (exponentially weighted over a time window). */
export type Baseline = { mean: number; firstTs: number; lastTs: number };
export const newBaseline = (): Baseline => ({ mean: NaN, firstTs: NaN, lastTs: NaN });

const BASELINE_STEP_MS = 60_000;

/** Folds a value in with a weight for the time since the last one (window `windowMs`). */
export function updateBaseline(b: Baseline, value: number, ts: number, windowMs: number): void {
  if (Number.isNaN(b.mean)) {
    b.mean = value;
    b.firstTs = ts;
    b.lastTs = ts;
    return;
  }
  // a baseline over hours learns nothing from seconds: readings closer than a minute are skipped (no exp per reading)
  if (ts - b.lastTs < BASELINE_STEP_MS) return;
  const alpha = 1 - Math.exp(-(ts - b.lastTs) / windowMs);
  b.mean += alpha * (value - b.mean);
  b.lastTs = ts;
}

/** A baseline is trusted once it has seen a quarter of its window. */
export const baselineReady = (b: Baseline, windowMs: number) =>
  !Number.isNaN(b.mean) && b.lastTs - b.firstTs >= windowMs / 4;

/** make-up water floor, t/h: a station that adds almost nothing is not "× factor" of nothing */
export const MAKEUP_FLOOR_TPH = 0.2;

/** Make-up water above baseline × factor. */
export function makeupCondition(value: number, baseline: number, factor: number): Condition {
  const limit = Math.max(baseline, MAKEUP_FLOOR_TPH) * factor;
  return { on: value > limit, value, limit };
}

/** Pressure more than `drop` below its baseline. */
export function pressureDropCondition(value: number, baseline: number, drop: number): Condition {
  const limit = baseline - drop;
  return { on: drop > 0 && value < limit, value, limit };
}

/** Station offline / stale: no reading for `afterMinutes`; stations that never reported are not judged. */
export function offlineCondition(lastTs: number | null, now: number, afterMinutes: number): boolean | null {
  if (lastTs === null) return null;
  return now - lastTs > afterMinutes * 60_000;
}

/** What raising does to the open alarm of the same rule and target (the database holds at most one). */
export type RaiseDecision = 'insert' | 'keep' | 'reraise' | 'close_and_insert';

export function raiseDecision(
  open: { state: AlarmState; clearedAt: number | null } | undefined,
  at: number,
  holdOffSeconds: number,
): RaiseDecision {
  if (!open || open.state === 'closed') return 'insert';
  if (open.state !== 'cleared') return 'keep';
  // a condition returning within the hold-off re-opens the same alarm (flapping), after it a new one opens
  return open.clearedAt !== null && at - open.clearedAt <= holdOffSeconds * 1000
    ? 'reraise'
    : 'close_and_insert';
}

/** The state an alarm returns to when its condition comes back within the hold-off. */
export const reraisedState = (acknowledgedAt: unknown): AlarmState =>
  acknowledgedAt === null ? 'raised' : 'acknowledged';

/** The escalation level an unacknowledged alarm should have reached by `now` (never lower than its own). */
export function escalationDue(
  alarm: { state: AlarmState; raisedAt: number; escalationLevel: number },
  rule: { level1Minutes: number; level2Minutes: number },
  now: number,
): number {
  if (alarm.state !== 'raised') return alarm.escalationLevel;
  const age = now - alarm.raisedAt;
  let level = 0;
  if (rule.level1Minutes > 0 && age >= rule.level1Minutes * 60_000) level = 1;
  if (level === 1 && rule.level2Minutes > 0 && age >= rule.level2Minutes * 60_000) level = 2;
  return Math.max(level, alarm.escalationLevel);
}

/** Which states a user action may start from. */
export const ACK_FROM: readonly AlarmState[] = ['raised', 'cleared'];
export const CLOSE_FROM: readonly AlarmState[] = ['raised', 'acknowledged', 'cleared'];
