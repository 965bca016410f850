// Heat load model 负荷预测模型: daily energy as a linear regression on degree days and the target's own recent
// history, fitted by least squares per target, and its recursive 1–7 day forecast.
//
//   E_d = Σ_j β_j · x_j(d)            (E_d: energy of day d, in the target's unit: GJ/day or kWh/day)
//   x ∈ { 1, HDD_d, E_{d−1}, R_{d−1}, weekend_d, cos θ_d, sin θ_d }
//   HDD_d = max(0, t_base − T̄_d)      (K·day; t_base 18 ℃, T̄_d the day's mean outdoor temperature)
//   R_{d−1} = energy of the last 6 hours of day d−1 × 4 (the day's late rate, same unit as E)
//   θ_d = 2π · (day of year) / 365.25 (the annual cycle, for targets without a weather series)
//
// β minimises Σ (E_d − β·x(d))² + λ Σ_j max(D_jj, 1) β_j², D = XᵀX, λ = 1e-9: a vanishing ridge that only keeps the
// normal equations solvable when a column is constant (weekends absent from a short history) or collinear. With at
// most seven columns the k×k normal equations are solved directly (Gaussian elimination, partial pivoting): no
// library is needed, and the sums are additive, so an expanding-window backtest updates them day by day.

export const FEATURE_NAMES = [
  'intercept',
  'hdd',
  'prevEnergy',
  'lateRate',
  'weekend',
  'seasonCos',
  'seasonSin',
] as const;
export type FeatureName = (typeof FEATURE_NAMES)[number];

/** One calendar day of a target: energy (null when unknown), its mean outdoor temperature and late rate. */
export type DayRecord = {
  /** YYYY-MM-DD, local (city) date */
  date: string;
  energy: number | null;
  /** ℃, daily mean; absent/null without a weather series */
  meanTemp?: number | null;
  /** energy of the day's last 6 h × 4, same unit as energy; null when unknown */
  lateRate?: number | null;
};

/** what a feature row of day d is built from */
export type DayContext = {
  date: string;
  meanTemp: number | null;
  prevEnergy: number | null;
  prevLateRate: number | null;
};

export type LoadModel = {
  features: readonly FeatureName[];
  coefficients: number[];
  /** days the model was fitted on */
  trainingDays: number;
  /** HDD base temperature, ℃ */
  baseTemp: number;
};

export const DEFAULT_BASE_TEMP = 18;
const RIDGE = 1e-9;
const DAY_MS = 86_400_000;

export const heatingDegreeDays = (meanTemp: number, baseTemp = DEFAULT_BASE_TEMP): number =>
  Math.max(0, baseTemp - meanTemp);

function dayOfYear(date: string): number {
  const ms = Date.parse(`${date}T00:00:00Z`);
  return Math.floor((ms - Date.UTC(new Date(ms).getUTCFullYear(), 0, 1)) / DAY_MS) + 1;
}

const isWeekend = (date: string) => {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 || day === 6;
};

/** The value of one feature on a day, or null when what it needs is unknown. */
export function featureValue(name: FeatureName, ctx: DayContext, baseTemp: number): number | null {
  switch (name) {
    case 'intercept':
      return 1;
    case 'hdd':
      return ctx.meanTemp === null ? null : heatingDegreeDays(ctx.meanTemp, baseTemp);
    case 'prevEnergy':
      return ctx.prevEnergy;
    case 'lateRate':
      return ctx.prevLateRate;
    case 'weekend':
      return isWeekend(ctx.date) ? 1 : 0;
    case 'seasonCos':
      return Math.cos((2 * Math.PI * dayOfYear(ctx.date)) / 365.25);
    case 'seasonSin':
      return Math.sin((2 * Math.PI * dayOfYear(ctx.date)) / 365.25);
  }
}

/** The feature row of a day, or null when any feature is unknown. */
export function featureRow(
  features: readonly FeatureName[],
  ctx: DayContext,
  baseTemp: number,
): number[] | null {
  const row: number[] = [];
  for (const name of features) {
    const value = featureValue(name, ctx, baseTemp);
    if (value === null || !Number.isFinite(value)) return null;
    row.push(value);
  }
  return row;
}

/** The context of day i of a consecutive series of days (its predecessor is i − 1). */
export function contextAt(days: readonly DayRecord[], i: number): DayContext {
  const day = days[i] as DayRecord;
  const prev = i > 0 ? days[i - 1] : undefined;
  const prevEnergy = prev?.energy ?? null;
  return {
    date: day.date,
    meanTemp: day.meanTemp ?? null,
    prevEnergy,
    // a late rate not measured falls back to the day's average rate
    prevLateRate: prev?.lateRate ?? prevEnergy,
  };
}

/** Running normal equations XᵀX β = Xᵀy of a least-squares fit; rows are added one at a time. */
export type NormalEquations = { k: number; xtx: Float64Array; xty: Float64Array; n: number };

export const normalEquations = (k: number): NormalEquations => ({
  k,
  xtx: new Float64Array(k * k),
  xty: new Float64Array(k),
  n: 0,
});

export function addRow(eq: NormalEquations, x: readonly number[], y: number): void {
  for (let a = 0; a < eq.k; a++) {
    const xa = x[a] as number;
    eq.xty[a] = (eq.xty[a] as number) + xa * y;
    for (let b = 0; b < eq.k; b++)
      eq.xtx[a * eq.k + b] = (eq.xtx[a * eq.k + b] as number) + xa * (x[b] as number);
  }
  eq.n++;
}

/** β of the (vanishingly ridged) normal equations; null when they cannot be solved. */
export function solve(eq: NormalEquations): number[] | null {
  const { k } = eq;
  // augmented matrix [D + λ·max(diag, 1) | Xᵀy]
  const m = Array.from({ length: k }, (_, a) => {
    const row = Array.from({ length: k + 1 }, (__, b) =>
      b < k ? (eq.xtx[a * k + b] as number) : (eq.xty[a] as number),
    );
    row[a] = (row[a] as number) + RIDGE * Math.max(eq.xtx[a * k + a] as number, 1);
    return row;
  });
  for (let col = 0; col < k; col++) {
    let pivot = col;
    for (let r = col + 1; r < k; r++)
      if (Math.abs(m[r]?.[col] as number) > Math.abs(m[pivot]?.[col] as number)) pivot = r;
    [m[col], m[pivot]] = [m[pivot] as number[], m[col] as number[]];
    const p = m[col] as number[];
    if (Math.abs(p[col] as number) < 1e-300) return null;
    for (let r = 0; r < k; r++) {
      if (r === col) continue;
      const row = m[r] as number[];
      const f = (row[col] as number) / (p[col] as number);
      if (f !== 0) for (let c = col; c <= k; c++) row[c] = (row[c] as number) - f * (p[c] as number);
    }
  }
  const beta = m.map((row, a) => (row[k] as number) / (row[a] as number));
  return beta.every(Number.isFinite) ? beta : null;
}

/** Fewest training days for a model with k coefficients: twice k, at least 7. */
export const minTrainingDays = (k: number) => Math.max(7, 2 * k);

/** Fits the model on every day with a known energy and a complete feature row; null with too few such days. */
export function fitLoadModel(
  days: readonly DayRecord[],
  features: readonly FeatureName[],
  baseTemp = DEFAULT_BASE_TEMP,
): LoadModel | null {
  const eq = normalEquations(features.length);
  for (let i = 0; i < days.length; i++) {
    const energy = days[i]?.energy;
    if (energy === null || energy === undefined) continue;
    const row = featureRow(features, contextAt(days, i), baseTemp);
    if (row) addRow(eq, row, energy);
  }
  if (eq.n < minTrainingDays(features.length)) return null;
  const coefficients = solve(eq);
  return coefficients ? { features, coefficients, trainingDays: eq.n, baseTemp } : null;
}

/** The model's energy for a day (never below zero: a heat load is not negative); null when a feature is unknown. */
export function predictDay(model: LoadModel, ctx: DayContext): number | null {
  const row = featureRow(model.features, ctx, model.baseTemp);
  if (!row) return null;
  return Math.max(
    0,
    row.reduce((sum, x, j) => sum + x * (model.coefficients[j] as number), 0),
  );
}

/**
 * The next days after the last known one, recursively: each predicted day is the "previous day" of the next one
 * (its late rate taken as its average rate). `temps` are the forecast daily means of the days to predict, in order.
 */
export function forecastAhead(
  model: LoadModel,
  last: { energy: number; lateRate?: number | null },
  temps: readonly { date: string; mean: number | null }[],
): { date: string; energy: number }[] {
  const out: { date: string; energy: number }[] = [];
  let prevEnergy = last.energy;
  let prevLateRate = last.lateRate ?? last.energy;
  for (const t of temps) {
    const energy = predictDay(model, { date: t.date, meanTemp: t.mean, prevEnergy, prevLateRate });
    if (energy === null) break;
    out.push({ date: t.date, energy });
    prevEnergy = energy;
    prevLateRate = energy;
  }
  return out;
}

/** 1 MW held for a day is 86.4 GJ (1 MW × 86,400 s = 86,400 MJ). */
export const GJ_PER_MW_DAY = 86.4;
