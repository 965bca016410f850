// The 升温令 page's texts in both languages (kept beside the feature; the shared dictionary holds the menu entry).
import { useCallback } from 'react';
import { useLang } from '../../shared/i18n.ts';

const TEXT = {
  warnings: ['寒潮预警', 'Cold-wave warnings'],
  noWarning: ['未来 7 天无寒潮预警', 'No cold-wave warning for the next 7 days'],
  forecastMin: ['最低', 'min'],
  drop: ['24h降温', '24h drop'],
  dropOfMin: ['按日最低气温计算降温', 'drop of the daily minimum'],
  dropOfMean: ['按日平均气温计算降温', 'drop of the daily mean'],
  issue: ['下达升温令', 'Issue a raise order'],
  issueFromWarning: ['据此下达升温令', 'Issue an order for it'],
  code: ['令号', 'Order'],
  scope: ['范围', 'Scope'],
  requirement: ['要求', 'Requirement'],
  effectiveAt: ['生效时间', 'Effective from'],
  deadline: ['完成时限', 'Deadline'],
  reason: ['原因', 'Reason'],
  status: ['状态', 'Status'],
  issuedBy: ['下达人', 'Issued by'],
  issuedAt: ['下达时间', 'Issued at'],
  result: ['核查结果', 'Compliance'],
  resultCounts: ['执行 / 未执行 / 无数据', 'Results'],
  enterprises: ['企业', 'Enterprises'],
  stations: ['换热站', 'Stations'],
  value: ['温度 (℃)', 'Temperature (℃)'],
  warning: ['关联预警', 'Warning'],
  cancel: ['撤销', 'Cancel order'],
  confirmCancel: ['撤销后不再核查，确定？', 'A cancelled order is not checked. Cancel it?'],
  check: ['重新核查', 'Recheck'],
  cancelled: ['已撤销', 'Cancelled'],
  checked: ['已核查并存档', 'Checked and stored'],
  issued: ['升温令已下达', 'Order issued'],
  pending: ['完成时限后按遥测核查', 'Checked from telemetry after the deadline'],
  live: ['实时计算，定时核查后存档', 'Computed now; stored by the scheduled check'],
  stored: ['已存档', 'Stored'],
  baselineWindow: ['基准时段', 'Baseline window'],
  afterWindow: ['核查时段', 'Check window'],
  tolerance: ['允许偏差', 'Tolerance'],
  baseline: ['基准均温', 'Baseline'],
  after: ['时限后均温', 'After'],
  required: ['要求升温', 'Required'],
  achieved: ['实际升温', 'Achieved'],
  readings: ['读数', 'Readings'],
  outcome: ['结果', 'Outcome'],
  station: ['换热站', 'Station'],
  counts: ['执行 {c} · 未执行 {n} · 无数据 {d}', '{c} complied · {n} not · {d} no data'],
  noStations: ['范围内暂无换热站结果', 'No station results in scope'],
  mustPick: ['请选择', 'Choose'],
  required_: ['必填', 'Required'],
  search: ['输入名称搜索', 'Type a name to search'],
  detail: ['详情', 'Details'],
  issuedFrom: ['下达开始日期', 'Issued from'],
  issuedTo: ['下达结束日期', 'Issued to'],
  deadlineAfter: ['完成时限必须晚于生效时间', 'The deadline must be after the effective time'],
  scopeCity: ['全市所有换热站', 'Every station of the city'],
} as const satisfies Record<string, readonly [string, string]>;

export type RaiseTextKey = keyof typeof TEXT;

/** `rt(key, vars)` in the console's language. */
export function useRaiseText() {
  const lang = useLang();
  return useCallback(
    (key: RaiseTextKey, vars?: Record<string, string | number>) => {
      let s: string = TEXT[key][lang === 'en' ? 1 : 0];
      if (vars) for (const [k, v] of Object.entries(vars)) s = s.replace(`{${k}}`, String(v));
      return s;
    },
    [lang],
  );
}
export type RaiseText = ReturnType<typeof useRaiseText>;

/** Antd tag colours of the warning levels and outcomes. */
export const LEVEL_COLORS = { blue: 'blue', yellow: 'gold', orange: 'orange', red: 'red' } as const;
export const OUTCOME_COLORS = { complied: 'success', not_complied: 'error', no_data: 'default' } as const;
export const STATUS_COLORS = { issued: 'processing', cancelled: 'default', checked: 'success' } as const;
