// Day-ahead backtest 回测 of the load model: an expanding window (each day predicted by a model fitted only on the
// days before it), scored by MAPE and CV(RMSE) next to naive persistence (tomorrow = today).
//
//   MAPE     = 100 % · (1/n) Σ |Ê_d − E_d| / E_d
//   CV(RMSE) = 100 % · √((1/n) Σ (Ê_d − E_d)²) / Ē          (Ē the mean actual energy of the scored days; n, not n−p)
//   persistence: Ê_d = E_{d−1}
//
// Scored days: in season (by default October–April), with a known energy > 0, a known previous day (so persistence
// exists) and a model fitted on at least minTrainingDays earlier days. Both methods are scored on the same days.
import {
  addRow,
  contextAt,
  DEFAULT_BASE_TEMP,
  featureRow,
  minTrainingDays,
  normalEquations,
  solve,
  type DayRecord,
  type FeatureName,
} from './load-model.rules.ts';

export type BacktestResult = {
  /** %, the model's mean absolute percentage error */
  mape: number;
  /** %, the model's coefficient of variation of the RMSE */
  cvrmse: number;
  /** %, persistence's MAPE on the same days */
  persistenceMape: number;
  /** %, persistence's CV(RMSE) on the same days */
  persistenceCvrmse: number;
  /** scored days */
  days: number;
};

/** October–April: the heating season of the brief (northern hemisphere). */
export const octoberToApril = (date: string): boolean => {
  const month = Number(date.slice(5, 7));
  return month >= 10 || month <= 4;
};

export type BacktestOptions = {
  baseTemp?: number;
  /** the days scored (default October–April) */
  inSeason?: (date: string) => boolean;
  /** fewest days the model is fitted on before a day is scored (default minTrainingDays(k)) */
  minTraining?: number;
};

type Pair = { actual: number; predicted: number };

/** MAPE and CV(RMSE) in %, of pairs whose actual value is > 0. */
export function errorMetrics(pairs: readonly Pair[]): { mape: number; cvrmse: number } {
  if (pairs.length === 0) return { mape: Number.NaN, cvrmse: Number.NaN };
  let ape = 0;
  let se = 0;
  let sum = 0;
  for (const { actual, predicted } of pairs) {
    ape += Math.abs(predicted - actual) / actual;
    se += (predicted - actual) ** 2;
    sum += actual;
  }
  const n = pairs.length;
  return { mape: (100 * ape) / n, cvrmse: (100 * Math.sqrt(se / n)) / (sum / n) };
}

const round = (x: number, digits = 3) => (Number.isFinite(x) ? Number(x.toFixed(digits)) : x);

/** The day-ahead expanding-window backtest over consecutive days (gaps are days with a null energy). */
export function backtestDayAhead(
  days: readonly DayRecord[],
  features: readonly FeatureName[],
  options: BacktestOptions = {},
): BacktestResult {
  const baseTemp = options.baseTemp ?? DEFAULT_BASE_TEMP;
  const inSeason = options.inSeason ?? octoberToApril;
  const minTraining = options.minTraining ?? minTrainingDays(features.length);
  const eq = normalEquations(features.length);
  const model: Pair[] = [];
  const persistence: Pair[] = [];
  for (let i = 0; i < days.length; i++) {
    const day = days[i] as DayRecord;
    const row = featureRow(features, contextAt(days, i), baseTemp);
    const prevEnergy = i > 0 ? days[i - 1]?.energy : null;
    if (
      row &&
      day.energy !== null &&
      day.energy > 0 &&
      prevEnergy !== null &&
      prevEnergy !== undefined &&
      inSeason(day.date) &&
      eq.n >= minTraining
    ) {
      const beta = solve(eq);
      if (beta) {
        const predicted = Math.max(
          0,
          row.reduce((s, x, j) => s + x * (beta[j] as number), 0),
        );
        model.push({ actual: day.energy, predicted });
        persistence.push({ actual: day.energy, predicted: prevEnergy });
      }
    }
    // the day joins the training set only after it was predicted
    if (row && day.energy !== null) addRow(eq, row, day.energy);
  }
  const m = errorMetrics(model);
  const p = errorMetrics(persistence);
  return {
    mape: round(m.mape),
    cvrmse: round(m.cvrmse),
    persistenceMape: round(p.mape),
    persistenceCvrmse: round(p.cvrmse),
    days: model.length,
  };
}
