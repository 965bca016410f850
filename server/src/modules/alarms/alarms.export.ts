// The alarm history as a sheet: Chinese headers, labels for types, states and severities, names beside ids,
// times on the city's clock.
import {
  ALARM_SEVERITY_LABELS,
  ALARM_STATE_LABELS,
  ALARM_TARGET_KIND_LABELS,
  ALARM_TYPE_LABELS,
  ESCALATION_LEVEL_LABELS,
  type Alarm,
} from '@hearth/contracts/alarms';
import { METRICS } from '@hearth/contracts/telemetry';
import type { SheetColumn } from '../../lib/spreadsheet.ts';

/** `YYYY-MM-DD HH:mm:ss` on the city's clocks. */
function cityTime(timeZone: string): (iso: string | null) => string {
  const format = new Intl.DateTimeFormat('sv-SE', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
  return (iso) => (iso === null ? '' : format.format(new Date(iso)).replace('T', ' '));
}

export function alarmColumns(timeZone: string): SheetColumn<Alarm>[] {
  const time = cityTime(timeZone);
  return [
    { header: '报警编号', value: (a) => a.id },
    { header: '报警类型', value: (a) => ALARM_TYPE_LABELS[a.type] },
    { header: '报警规则', value: (a) => a.ruleName },
    { header: '级别', value: (a) => ALARM_SEVERITY_LABELS[a.severity] },
    { header: '状态', value: (a) => ALARM_STATE_LABELS[a.state] },
    { header: '对象类型', value: (a) => ALARM_TARGET_KIND_LABELS[a.targetKind] },
    { header: '报警对象', value: (a) => a.targetName },
    { header: '换热站', value: (a) => a.stationName },
    { header: '所属企业', value: (a) => a.enterpriseName },
    { header: '监测项', value: (a) => (a.metric ? METRICS[a.metric].label : '') },
    { header: '报警内容', value: (a) => a.message },
    { header: '数值', value: (a) => a.value, decimals: 2 },
    { header: '限值', value: (a) => a.threshold, decimals: 2 },
    { header: '单位', value: (a) => (a.metric ? METRICS[a.metric].unit : '') },
    { header: '触发时间', value: (a) => time(a.raisedAt) },
    { header: '触发次数', value: (a) => a.occurrences },
    { header: '确认时间', value: (a) => time(a.acknowledgedAt) },
    { header: '确认人', value: (a) => a.acknowledgedBy },
    { header: '恢复时间', value: (a) => time(a.clearedAt) },
    { header: '关闭时间', value: (a) => time(a.closedAt) },
    { header: '关闭人', value: (a) => a.closedBy ?? (a.closedAt ? '系统' : '') },
    {
      header: '升级',
      value: (a) => ESCALATION_LEVEL_LABELS[String(a.escalationLevel) as '0' | '1' | '2'],
    },
  ];
}
