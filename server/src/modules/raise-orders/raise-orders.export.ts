// The compliance list of a 升温令 as sheet columns: Chinese headers, names, city time, figures in ℃.
import {
  COMPLIANCE_OUTCOME_LABELS,
  RAISE_MODE_LABELS,
  type RaiseOrderDetail,
  type StationCompliance,
} from '@hearth/contracts/raise-orders';
import { utcOffsetMs } from '../../lib/time-zone.ts';
import type { SheetColumn } from '../../lib/spreadsheet.ts';

export type ComplianceLine = { order: RaiseOrderDetail; enterpriseName: string; station: StationCompliance };

const pad = (n: number) => String(n).padStart(2, '0');

/** `YYYY-MM-DD HH:mm` in the city's time zone */
export function cityMinute(iso: string, timeZone: string): string {
  const ms = Date.parse(iso);
  const d = new Date(ms + utcOffsetMs(timeZone, ms));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

export function complianceColumns(timeZone: string): SheetColumn<ComplianceLine>[] {
  return [
    { header: '令号', value: (l) => l.order.code },
    { header: '要求', value: (l) => `${RAISE_MODE_LABELS[l.order.mode]} ${l.order.value} ℃` },
    { header: '生效时间', value: (l) => cityMinute(l.order.effectiveAt, timeZone) },
    { header: '完成时限', value: (l) => cityMinute(l.order.deadline, timeZone) },
    { header: '供热企业', value: (l) => l.enterpriseName },
    { header: '换热站编码', value: (l) => l.station.stationCode },
    { header: '换热站', value: (l) => l.station.stationName },
    { header: '核查结果', value: (l) => COMPLIANCE_OUTCOME_LABELS[l.station.outcome] },
    { header: '基准二次供水温度(℃)', value: (l) => l.station.baseline, decimals: 2 },
    { header: '时限后二次供水温度(℃)', value: (l) => l.station.after, decimals: 2 },
    { header: '要求升温(℃)', value: (l) => l.station.required, decimals: 2 },
    { header: '实际升温(℃)', value: (l) => l.station.achieved, decimals: 2 },
    { header: '基准读数', value: (l) => l.station.baselineReadings },
    { header: '时限后读数', value: (l) => l.station.afterReadings },
  ];
}
