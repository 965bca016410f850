// When a list's total is counted exactly and when it is estimated (past a threshold, as large consoles do).

/** Matching rows up to which a list's total is exact; past it the total is an estimate. */
export const EXACT_TOTAL_LIMIT = 100_000;

export type PageTotal = { total: number; totalIsEstimate: boolean };

/**
 * `bounded`: rows counted, stopping at `limit + 1`; `estimate`: the engine's guess at the full count (planner rows,
 * highest id), or null when it has none. An estimate below what was counted is raised to it, so an estimated total
 * is always above the threshold.
 */
export function pageTotal(bounded: number, limit: number, estimate: number | null): PageTotal {
  if (bounded <= limit) return { total: bounded, totalIsEstimate: false };
  return { total: Math.max(Math.round(estimate ?? 0), limit + 1), totalIsEstimate: true };
}
