// How the 升温令 page writes times and figures: city time (Asia/Shanghai) whatever the browser's zone, ℃ with
// one or two decimals. Pure (unit-tested under node:test).
import { formatCityMinute } from '../../shared/format.ts';

/** ℃ figure: `53.50 ℃`, a signed one `+3.50 ℃`, none `—`. */
export function celsius(value: number | null | undefined, signed = false): string {
  if (value === null || value === undefined) return '—';
  const text = value.toFixed(2);
  return `${signed && value > 0 ? '+' : ''}${text} ℃`;
}

/** `MM-DD` of a YYYY-MM-DD day. */
export const shortDay = (date: string) => date.slice(5);

/** `2026-12-03 15:35 → 19:35` (the second date left out on the same city day) */
export function timeSpan(from: string, to: string): string {
  const a = formatCityMinute(from);
  const b = formatCityMinute(to);
  return `${a} → ${a.slice(0, 10) === b.slice(0, 10) ? b.slice(11) : b}`;
}
