// Heating period by the 5-day sliding-average method (GB/T 50155-2015), the simple start trigger, the design
// outdoor temperature from daily means (GB 50736) and the start/stop recommendation against the legal period.
import { addDays, dayNumber } from './daily.rules.ts';

export type DailyMean = { date: string; mean: number };

export type HeatingPeriod = {
  /** season 08-01 → 07-31, labelled by its two years: '2013/14' */
  winter: string;
  start: string | null;
  end: string | null;
  days: number;
};

export const DEFAULT_THRESHOLD = 5;
export const WINDOW_DAYS = 5;

/** The season (heating year) a date belongs to: 08-01 of year Y to 07-31 of Y+1 → Y. */
export const seasonStartYear = (date: string): number => {
  const year = Number(date.slice(0, 4));
  return Number(date.slice(5, 7)) >= 8 ? year : year - 1;
};
export const winterLabel = (startYear: number): string =>
  `${startYear}/${String((startYear + 1) % 100).padStart(2, '0')}`;
export const seasonFirstDay = (startYear: number) => `${startYear}-08-01`;
export const seasonLastDay = (startYear: number) => `${startYear + 1}-07-31`;

function bySeason(daily: readonly DailyMean[]): Map<number, DailyMean[]> {
  const sorted = [...daily].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const seasons = new Map<number, DailyMean[]>();
  for (const d of sorted) {
    const y = seasonStartYear(d.date);
    const list = seasons.get(y);
    if (list) list.push(d);
    else seasons.set(y, [d]);
  }
  return seasons;
}

/** Window i covers days[i .. i+4], only when those are 5 consecutive calendar days. */
type Window = { first: number; day: number; mean: number };

function windowsOf(days: readonly DailyMean[]): Window[] {
  const out: Window[] = [];
  for (let i = 0; i + WINDOW_DAYS <= days.length; i++) {
    const firstDay = dayNumber(days[i]?.date ?? '');
    if (dayNumber(days[i + WINDOW_DAYS - 1]?.date ?? '') - firstDay !== WINDOW_DAYS - 1) continue;
    let sum = 0;
    for (let j = i; j < i + WINDOW_DAYS; j++) sum += days[j]?.mean ?? 0;
    out.push({ first: i, day: firstDay, mean: sum / WINDOW_DAYS });
  }
  return out;
}

/** Longest run of consecutive cold windows, as [index of first window, index of last window]; ties → earliest. */
function longestColdRun(windows: readonly Window[], threshold: number): [number, number] | null {
  let best: [number, number] | null = null;
  let runStart = -1;
  for (let i = 0; i <= windows.length; i++) {
    const w = windows[i];
    const cold = w !== undefined && w.mean <= threshold;
    const continues = cold && runStart >= 0 && w.day === (windows[i - 1]?.day ?? NaN) + 1;
    if (runStart >= 0 && !continues) {
      if (!best || i - 1 - runStart > best[1] - best[0]) best = [runStart, i - 1];
      runStart = -1;
    }
    if (cold && runStart < 0) runStart = i;
  }
  return best;
}

/**
 * Heating period of every season the data touches (GB/T 50155 sliding-average method):
 * - a window is 5 consecutive calendar days of the same season (a window never spans 07-31 → 08-01 or a gap in the
 *   data); its "window day" is its first day, and consecutive windows start on consecutive days;
 * - take the longest run of consecutive windows whose mean is ≤ threshold; equally long runs → the earliest;
 * - start = the first day, within the run's first window, whose own daily mean is ≤ threshold;
 *   end = the last day, within the run's last window, whose own daily mean is ≤ threshold; days = end − start + 1;
 * - cut off at the end: a run reaching the last window of a season whose data ends before 07-31 has end null and
 *   `days` counts to the last data day;
 * - cut off at the start: a season whose data begins after 10-01 (the earliest start the simple trigger looks at)
 *   cannot show the beginning of its winter, so start is null; its longest run counts only when it is under way in
 *   the first window (the winter the data opens in; end as above, `days` counted from the first data day); else a
 *   longer run may lie before the data and the period is undetermined: start and end null, 0 days, as for a season
 *   without any cold window.
 */
export function heatingPeriods(
  daily: readonly DailyMean[],
  opts: { threshold?: number } = {},
): HeatingPeriod[] {
  const threshold = opts.threshold ?? DEFAULT_THRESHOLD;
  const out: HeatingPeriod[] = [];
  for (const [year, days] of bySeason(daily)) {
    const windows = windowsOf(days);
    const cutAtStart = (days[0]?.date ?? '') > `${year}-10-01`;
    const longest = longestColdRun(windows, threshold);
    const run = cutAtStart && longest?.[0] !== 0 ? null : longest;
    const firstWindow = run ? windows[run[0]] : undefined;
    const lastWindow = run ? windows[run[1]] : undefined;
    if (!run || !firstWindow || !lastWindow) {
      out.push({ winter: winterLabel(year), start: null, end: null, days: 0 });
      continue;
    }
    const cutAtEnd = run[1] === windows.length - 1 && (days.at(-1)?.date ?? '') < seasonLastDay(year);
    const span = days.slice(firstWindow.first, lastWindow.first + WINDOW_DAYS);
    const head = span.slice(0, WINDOW_DAYS).find((d) => d.mean <= threshold);
    const tail = span
      .slice(-WINDOW_DAYS)
      .reverse()
      .find((d) => d.mean <= threshold);
    const start = cutAtStart ? null : (head?.date ?? null);
    const end = cutAtEnd ? null : (tail?.date ?? null);
    const from = start ?? days[0]?.date ?? '';
    const to = end ?? days.at(-1)?.date ?? '';
    out.push({ winter: winterLabel(year), start, end, days: dayNumber(to) - dayNumber(from) + 1 });
  }
  return out;
}

/** Mean of the 5 days ending on `date`, or null when one of them is missing. */
export function trailingMean(byDate: ReadonlyMap<string, number>, date: string): number | null {
  let sum = 0;
  for (let k = 0; k < WINDOW_DAYS; k++) {
    const v = byDate.get(addDays(date, -k));
    if (v === undefined) return null;
    sum += v;
  }
  return sum / WINDOW_DAYS;
}

/** The simple trigger: the first day from 10-01 of the season whose trailing 5-day mean is ≤ threshold, or null. */
export function simpleStartTrigger(
  daily: readonly DailyMean[],
  seasonStart: number,
  threshold = DEFAULT_THRESHOLD,
): string | null {
  const byDate = new Map(daily.map((d) => [d.date, d.mean]));
  const last = seasonLastDay(seasonStart);
  for (let date = `${seasonStart}-10-01`; date <= last; date = addDays(date, 1)) {
    const m = trailingMean(byDate, date);
    if (m !== null && m <= threshold) return date;
  }
  return null;
}

/**
 * Design outdoor temperature for heating (GB 50736: the daily mean not exceeded on average on 5 days a year): over
 * the n complete seasons (08-01 → 07-31 with a daily mean for every day, so no winter is split by a calendar year
 * and a partly covered winter does not bias the count), the (5n+1)-th lowest daily mean. Null with n = 0.
 */
export function designOutdoorTemp(daily: readonly DailyMean[]): { designTemp: number | null; years: number } {
  const means: number[] = [];
  let years = 0;
  for (const [year, days] of bySeason(daily)) {
    const length = dayNumber(seasonLastDay(year)) - dayNumber(seasonFirstDay(year)) + 1;
    if (new Set(days.map((d) => d.date)).size !== length) continue;
    years++;
    for (const d of days) means.push(d.mean);
  }
  if (years === 0) return { designTemp: null, years: 0 };
  means.sort((a, b) => a - b);
  return { designTemp: means[5 * years] ?? null, years };
}

export type RunningMean = {
  /** last day of the 5-day window */
  date: string;
  mean: number;
  /** the window holds at least one forecast day */
  forecast: boolean;
};

export type StartStopRecommendation = {
  winter: string;
  threshold: number;
  legalStart: string;
  legalEnd: string;
  /** first day from 10-01 whose trailing 5-day mean is ≤ threshold (observed + forecast), null if not yet */
  climateStart: string | null;
  /** the day to start: the climate start when it comes before the legal start, else the legal start */
  recommendedStart: string;
  startBeforeLegal: boolean;
  /** last cold day of spring: in the last window ≤ threshold after which every known window is warmer */
  climateStop: string | null;
  /** the day to stop: the climate stop when it comes after the legal end, else the legal end; null while the known
   *  days past the legal end are still cold (keep heating, decide again with the next forecast) */
  recommendedStop: string | null;
  extendAfterLegal: boolean;
  /** the trailing 5-day means it used: windows ending from 10 days before today to the end of the forecast */
  runningMeans: RunningMean[];
  reasons: { zh: string; en: string }[];
};

export type StartStopInput = {
  observed: readonly DailyMean[];
  forecast: readonly DailyMean[];
  /** legal period as MM-DD, e.g. Beijing 11-15 → 03-15 */
  legal: { start: string; end: string };
  /** today, YYYY-MM-DD city time */
  today: string;
  threshold?: number;
};

const RECENT_DAYS = 10;

/** Calendar date of an MM-DD inside the season starting in `year` (08-01 → 07-31). */
const inSeason = (year: number, monthDay: string) =>
  `${Number(monthDay.slice(0, 2)) >= 8 ? year : year + 1}-${monthDay}`;

function springStop(
  windows: readonly RunningMean[],
  byDate: ReadonlyMap<string, number>,
  from: string,
  threshold: number,
): { stop: string | null; stillCold: boolean } {
  const spring = windows.filter((w) => w.date >= from);
  const lastCold = spring.findLastIndex((w) => w.mean <= threshold);
  if (lastCold < 0) return { stop: null, stillCold: false };
  if (lastCold === spring.length - 1) return { stop: null, stillCold: true };
  const end = spring[lastCold]?.date ?? from;
  for (let k = 0; k < WINDOW_DAYS; k++) {
    const date = addDays(end, -k);
    if ((byDate.get(date) ?? Infinity) <= threshold) return { stop: date, stillCold: false };
  }
  return { stop: end, stillCold: false };
}

/**
 * Start/stop recommendation for the season of `today` from observations plus forecast (an observed day wins over a
 * forecast of the same day). The legal period is the least service: heating may start earlier or end later by the
 * 5-day rule, never start later or end earlier. Stop is looked at from 02-01 on.
 */
export function recommendStartStop(input: StartStopInput): StartStopRecommendation {
  const threshold = input.threshold ?? DEFAULT_THRESHOLD;
  const year = seasonStartYear(input.today);
  const forecastDates = new Set<string>();
  const byDate = new Map<string, number>();
  for (const d of input.forecast) {
    byDate.set(d.date, d.mean);
    forecastDates.add(d.date);
  }
  for (const d of input.observed) {
    byDate.set(d.date, d.mean);
    forecastDates.delete(d.date);
  }
  const known = [...byDate.keys()].filter((d) => seasonStartYear(d) === year).sort();
  const windows: RunningMean[] = [];
  for (const date of known) {
    const mean = trailingMean(byDate, date);
    if (mean === null) continue;
    let forecast = false;
    for (let k = 0; k < WINDOW_DAYS; k++) forecast ||= forecastDates.has(addDays(date, -k));
    windows.push({ date, mean, forecast });
  }
  const legalStart = inSeason(year, input.legal.start);
  const legalEnd = inSeason(year, input.legal.end);
  const climateStart = windows.find((w) => w.date >= `${year}-10-01` && w.mean <= threshold)?.date ?? null;
  const startBeforeLegal = climateStart !== null && climateStart < legalStart;
  const spring = springStop(windows, byDate, `${year + 1}-02-01`, threshold);
  const lastKnown = known.at(-1) ?? input.today;
  const coldPastLegal = spring.stillCold && lastKnown >= legalEnd;
  const extendAfterLegal = coldPastLegal || (spring.stop !== null && spring.stop > legalEnd);
  const recommendedStop = coldPastLegal
    ? null
    : spring.stop && spring.stop > legalEnd
      ? spring.stop
      : legalEnd;
  const recent = addDays(input.today, -RECENT_DAYS);
  return {
    winter: winterLabel(year),
    threshold,
    legalStart,
    legalEnd,
    climateStart,
    recommendedStart: startBeforeLegal && climateStart ? climateStart : legalStart,
    startBeforeLegal,
    climateStop: spring.stop,
    recommendedStop,
    extendAfterLegal,
    runningMeans: windows.filter((w) => w.date >= recent),
    reasons: reasonsOf({
      threshold,
      legalStart,
      legalEnd,
      climateStart,
      startBeforeLegal,
      spring,
      coldPastLegal,
    }),
  };
}

function reasonsOf(r: {
  threshold: number;
  legalStart: string;
  legalEnd: string;
  climateStart: string | null;
  startBeforeLegal: boolean;
  spring: { stop: string | null; stillCold: boolean };
  coldPastLegal: boolean;
}): { zh: string; en: string }[] {
  const t = r.threshold;
  const out: { zh: string; en: string }[] = [];
  if (r.climateStart === null)
    out.push({
      zh: `10月1日以来（含预报）5日滑动平均气温尚未降至 ${t} ℃ 及以下，按法定日期 ${r.legalStart} 开始供热`,
      en: `No 5-day running mean ≤ ${t} ℃ since 10-01 (forecast included): start on the legal date ${r.legalStart}`,
    });
  else if (r.startBeforeLegal)
    out.push({
      zh: `${r.climateStart} 的5日滑动平均气温 ≤ ${t} ℃，早于法定开始日 ${r.legalStart}，建议提前供热`,
      en: `The 5-day running mean is ≤ ${t} ℃ on ${r.climateStart}, before the legal start ${r.legalStart}: start early`,
    });
  else
    out.push({
      zh: `5日滑动平均气温于 ${r.climateStart} 降至 ${t} ℃ 及以下，不早于法定开始日 ${r.legalStart}，按法定日期开始`,
      en: `The 5-day running mean reached ≤ ${t} ℃ on ${r.climateStart}, not before the legal start ${r.legalStart}: start on the legal date`,
    });
  if (r.coldPastLegal)
    out.push({
      zh: `至预报末日5日滑动平均气温仍 ≤ ${t} ℃，已超过法定停止日 ${r.legalEnd}，建议延长供热，待新预报再定停止日`,
      en: `The 5-day running mean is still ≤ ${t} ℃ at the end of the forecast, past the legal end ${r.legalEnd}: extend heating and decide the stop with the next forecast`,
    });
  else if (r.spring.stop !== null && r.spring.stop > r.legalEnd)
    out.push({
      zh: `最后一个 ≤ ${t} ℃ 的5日滑动平均时段止于 ${r.spring.stop}，晚于法定停止日 ${r.legalEnd}，建议延长至该日`,
      en: `The last 5-day window ≤ ${t} ℃ ends its cold days on ${r.spring.stop}, after the legal end ${r.legalEnd}: extend to that day`,
    });
  else if (r.spring.stop !== null || r.spring.stillCold)
    out.push({
      zh: `春季气温回升未越过法定停止日 ${r.legalEnd}，按法定日期停止`,
      en: `Spring warming does not pass the legal end ${r.legalEnd}: stop on the legal date`,
    });
  return out;
}
