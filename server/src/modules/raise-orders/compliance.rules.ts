// Whether a station raised its secondary supply temperature 二次供水温度 as an order asked: the mean in a window
// after the deadline against the baseline mean in a window before the effective time.
import type { ComplianceOutcome, RaiseMode } from '@hearth/contracts/raise-orders';

/** a window's mean and how many readings it holds (mean null when none) */
export type WindowMean = { mean: number | null; count: number };

export type ComplianceFigures = {
  outcome: ComplianceOutcome;
  baseline: number | null;
  after: number | null;
  /** the increase asked of the station, ℃ (target mode: target − baseline, never below 0) */
  required: number | null;
  /** after − baseline, ℃ */
  achieved: number | null;
};

const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * The station's outcome. `no_data` when a window holds fewer than `minReadings` readings — the after window
 * always, the baseline window in increase mode (a target needs no baseline; its figures then stay null).
 * Increase mode complies when after − baseline ≥ value − tolerance; target mode when after ≥ value − tolerance.
 */
export function complianceOf(
  order: { mode: RaiseMode; value: number },
  baseline: WindowMean,
  after: WindowMean,
  rule: { toleranceC: number; minReadings: number },
): ComplianceFigures {
  const base = baseline.count >= rule.minReadings && baseline.mean !== null ? round2(baseline.mean) : null;
  const post = after.count >= rule.minReadings && after.mean !== null ? round2(after.mean) : null;
  const achieved = base !== null && post !== null ? round2(post - base) : null;
  const required =
    order.mode === 'increase' ? order.value : base === null ? null : round2(Math.max(0, order.value - base));
  const figures = { baseline: base, after: post, required, achieved };
  if (post === null || (order.mode === 'increase' && base === null))
    return { outcome: 'no_data', ...figures };
  const ok =
    order.mode === 'increase'
      ? (achieved as number) >= order.value - rule.toleranceC
      : post >= order.value - rule.toleranceC;
  return { outcome: ok ? 'complied' : 'not_complied', ...figures };
}

/** Counts of outcomes. */
export function countOutcomes(outcomes: readonly ComplianceOutcome[]) {
  return {
    complied: outcomes.filter((o) => o === 'complied').length,
    notComplied: outcomes.filter((o) => o === 'not_complied').length,
    noData: outcomes.filter((o) => o === 'no_data').length,
  };
}

/**
 * The windows of an order: the baseline is the `baselineMs` before the effective time, the after window the
 * `afterMs` from the deadline on; the check is final once the after window has ended.
 */
export function windowsOf(
  effectiveAtMs: number,
  deadlineMs: number,
  windows: { baselineMs: number; afterMs: number },
) {
  return {
    baseline: { fromMs: effectiveAtMs - windows.baselineMs, toMs: effectiveAtMs },
    after: { fromMs: deadlineMs, toMs: deadlineMs + windows.afterMs },
  };
}
