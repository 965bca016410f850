// The Chinese text of alarms (报警内容), written once when an alarm is raised; figures rounded for reading.
import { THRESHOLD_DIRECTION_LABELS } from '@hearth/contracts/alarms';
import { METRICS, type MetricKey } from '@hearth/contracts/telemetry';

const fmt = (x: number) => (Number.isFinite(x) ? String(Math.round(x * 100) / 100) : '—');

export function thresholdMessage(
  metric: MetricKey,
  direction: 'above' | 'below',
  value: number,
  limit: number,
): string {
  const { label, unit } = METRICS[metric];
  return `${label} ${fmt(value)} ${unit}，${THRESHOLD_DIRECTION_LABELS[direction]}限值 ${fmt(limit)} ${unit}`;
}

export const deviationMessage = (value: number, target: number, band: number) =>
  `供水温度 ${fmt(value)} ℃，偏离气候补偿目标 ${fmt(target)} ℃ 超过 ±${fmt(band)} ℃`;

export const indoorMessage = (value: number, standard: number) =>
  `室温 ${fmt(value)} ℃，低于标准 ${fmt(standard)} ℃`;

export function leakMessage(metric: MetricKey, value: number, limit: number): string {
  return metric === 'makeupWater'
    ? `补水量 ${fmt(value)} t/h，超过基线倍数限值 ${fmt(limit)} t/h，疑似泄漏`
    : `${METRICS[metric].label} ${fmt(value)} MPa，低于基线压降限值 ${fmt(limit)} MPa，疑似泄漏`;
}

export const offlineMessage = (minutes: number, after: number) =>
  `${minutes} 分钟无数据（超过 ${after} 分钟判定离线）`;
