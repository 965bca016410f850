// Number and time formatting shared by every feature (pure: no React, unit-tested under node:test).
import dayjs from 'dayjs';

export function formatNumber(n: number, maxFractionDigits = 2): string {
  return n.toLocaleString('zh-CN', { maximumFractionDigits: maxFractionDigits });
}

export function formatTime(value: unknown): string {
  return typeof value === 'string' && value ? dayjs(value).format('YYYY-MM-DD HH:mm:ss') : '—';
}

/** A value for antd's Statistic, which cuts digits past its `precision` off (5.5552 → "5.5"): rounded first (5.6). */
export const statisticValue = <T>(value: T, digits: number): T | number =>
  typeof value === 'number' ? Number(value.toFixed(digits)) : value;
