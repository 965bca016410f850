// Pure rules of the monitoring table: its orders (a column ascending, `-column` descending; gaps always last).
import {
  STATION_METRICS,
  STATION_STATUSES,
  type MetricKey,
  type MonitoredStation,
} from '@hearth/contracts/telemetry';

/** Columns the table sorts by: name, code, status (在线 → 未接入), last reading, any station metric. */
export const MONITORING_SORT_COLUMNS: readonly string[] = [
  'name',
  'code',
  'status',
  'lastTs',
  ...STATION_METRICS,
];

export function isMonitoringSort(sort: string): boolean {
  return MONITORING_SORT_COLUMNS.includes(sort.startsWith('-') ? sort.slice(1) : sort);
}

function sortValue(row: MonitoredStation, column: string): string | number | undefined {
  switch (column) {
    case 'name':
    case 'code':
      return row[column];
    case 'status':
      return STATION_STATUSES.indexOf(row.status);
    case 'lastTs':
      return row.lastTs ?? undefined;
    default:
      return row.values[column as MetricKey];
  }
}

/** The rows in the order asked (stable; rows without a value for the column last in either direction). */
export function sortMonitored(rows: MonitoredStation[], sort: string | undefined): MonitoredStation[] {
  if (!sort) return rows;
  const descending = sort.startsWith('-');
  const column = descending ? sort.slice(1) : sort;
  const sign = descending ? -1 : 1;
  const keyed = rows.map((row, i) => ({ row, i, v: sortValue(row, column) }));
  keyed.sort((a, b) => {
    if (a.v === undefined || b.v === undefined)
      return a.v === undefined ? (b.v === undefined ? a.i - b.i : 1) : -1;
    const c =
      typeof a.v === 'string' && typeof b.v === 'string'
        ? a.v.localeCompare(b.v, 'zh-CN')
        : Number(a.v) - Number(b.v);
    return c === 0 ? a.i - b.i : sign * c;
  });
  return keyed.map((k) => k.row);
}
