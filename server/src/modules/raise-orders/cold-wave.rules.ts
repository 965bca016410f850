// Cold-wave warning levels 寒潮预警 from the daily forecast: a table of levels, each holding when any of its
// conditions does (forecast daily minimum below a threshold, or a 24 h drop of at least some ℃).
import {
  WARNING_LEVELS,
  type ColdWaveWarning,
  type DropBasis,
  type WarningCondition,
  type WarningDay,
  type WarningLevel,
} from '@hearth/contracts/raise-orders';

export type ForecastDay = { date: string; min: number; max: number; mean: number };
export type LevelRule = { level: WarningLevel; conditions: WarningCondition[] };

/** Default table (SPEC §3.4, issue 11): minimum below −3 / −6 / −9 ℃ → 蓝/黄/橙, a 24 h drop ≥ 8 ℃ → 红. */
export const DEFAULT_COLD_WAVE_LEVELS = 'blue:min<-3,yellow:min<-6,orange:min<-9,red:drop>=8';

const CONDITION = /^(min)<(-?\d+(?:\.\d+)?)$|^(drop)>=(\d+(?:\.\d+)?)$/;

/**
 * Parses `level:cond[&cond…],…` (cond `min<-3` or `drop>=8`) into the level table; a string is the problem.
 * Each level at most once.
 */
export function parseLevels(text: string): LevelRule[] | string {
  const rules: LevelRule[] = [];
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [level, spec, ...rest] = part.split(':').map((p) => p.trim());
    if (!(WARNING_LEVELS as readonly string[]).includes(level ?? '') || !spec || rest.length > 0)
      return `bad level "${part}": use <blue|yellow|orange|red>:<min<℃|drop>=℃>[&…]`;
    if (rules.some((r) => r.level === level)) return `level ${level} given twice`;
    const conditions: WarningCondition[] = [];
    for (const c of spec.split('&').map((x) => x.trim())) {
      const m = CONDITION.exec(c);
      if (!m) return `bad condition "${c}" of ${level}: use min<℃ or drop>=℃`;
      conditions.push(m[1] ? { kind: 'min', value: Number(m[2]) } : { kind: 'drop', value: Number(m[4]) });
    }
    rules.push({ level: level as WarningLevel, conditions });
  }
  return rules.length > 0 ? rules : 'no levels given';
}

const severity = (level: WarningLevel) => WARNING_LEVELS.indexOf(level);
const round1 = (x: number) => Math.round(x * 10) / 10;

function holds(c: WarningCondition, day: ForecastDay, drop: number | null): boolean {
  return c.kind === 'min' ? day.min < c.value : drop !== null && drop >= c.value;
}

/**
 * Each day of the forecast (sorted by date) with its 24 h drop — the previous day's basis figure minus its own,
 * positive when colder; null for the first day or when the previous date is not the day before — and its most
 * severe level with the conditions of that level that held.
 */
export function classifyDays(
  forecast: readonly ForecastDay[],
  levels: readonly LevelRule[],
  dropBasis: DropBasis,
): WarningDay[] {
  const sorted = [...forecast].sort((a, b) => a.date.localeCompare(b.date));
  return sorted.map((day, i) => {
    const prev = sorted[i - 1];
    const consecutive = prev !== undefined && Date.parse(day.date) - Date.parse(prev.date) === 86_400_000;
    const drop = consecutive ? round1(prev[dropBasis] - day[dropBasis]) : null;
    let best: { level: WarningLevel; triggers: string[] } | null = null;
    for (const rule of levels) {
      const met = rule.conditions.filter((c) => holds(c, day, drop));
      if (met.length === 0 || (best && severity(best.level) >= severity(rule.level))) continue;
      best = {
        level: rule.level,
        triggers: met.map((c) => (c.kind === 'min' ? `min<${c.value}` : `drop>=${c.value}`)),
      };
    }
    return { ...day, drop, level: best?.level ?? null, triggers: best?.triggers ?? [] };
  });
}

/** The warnings of the days from `today` on: one per level reached, most severe first, with its days. */
export function warningsFrom(days: readonly WarningDay[], today: string): ColdWaveWarning[] {
  const byLevel = new Map<WarningLevel, WarningDay[]>();
  for (const day of days) {
    if (day.date < today || day.level === null) continue;
    byLevel.set(day.level, [...(byLevel.get(day.level) ?? []), day]);
  }
  return [...byLevel.entries()]
    .sort(([a], [b]) => severity(b) - severity(a))
    .map(([level, list]) => ({ level, days: list }));
}
