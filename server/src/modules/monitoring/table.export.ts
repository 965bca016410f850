// The monitoring table as an export table: status label, station, enterprise by name, last reading in city time,
// and the station metrics with their units and fixed decimals.
import { metricDecimals } from '@hearth/contracts/telemetry-analysis';
import {
  METRICS,
  STATION_METRICS,
  STATION_STATUS_LABELS,
  type MetricKey,
  type MonitoredStation,
} from '@hearth/contracts/telemetry';
import type { Actor } from '../auth/actor.ts';
import { scopeOf } from '../auth/actor.ts';
import type { RegistryService } from '../registry/registry.service.ts';
import type { SeriesTable } from './series.analysis.ts';
import { cityTime } from './series.rules.ts';

/** the metrics of the export, in catalogue order (the cumulative register and pump state included) */
const EXPORTED: readonly MetricKey[] = STATION_METRICS;

function fixed(value: number | undefined, metric: MetricKey): number | null {
  if (value === undefined) return null;
  const factor = 10 ** metricDecimals(metric);
  return Math.round(value * factor) / factor;
}

/** The rows (already filtered and sorted) as a table with Chinese headers; enterprises named in the caller's scope. */
export async function monitoringTable(
  registry: RegistryService,
  actor: Actor,
  rows: readonly MonitoredStation[],
  timeZone: string,
): Promise<SeriesTable> {
  const enterpriseIds = [...new Set(rows.map((r) => r.enterpriseId))];
  const names = new Map<number, string>();
  for (const e of await registry.findByIds(scopeOf(actor), 'enterprises', enterpriseIds))
    names.set(e.id, e.name);
  return {
    columns: [
      { header: '状态' },
      { header: '站名' },
      { header: '站编码' },
      { header: '所属企业' },
      { header: '最近上报' },
      ...EXPORTED.map((m) => ({
        header: `${METRICS[m].label} (${METRICS[m].unit})`,
        decimals: metricDecimals(m),
      })),
    ],
    rows: rows.map((r) => [
      STATION_STATUS_LABELS[r.status],
      r.name,
      r.code,
      names.get(r.enterpriseId) ?? String(r.enterpriseId),
      r.lastTs ? cityTime(Date.parse(r.lastTs), timeZone) : null,
      ...EXPORTED.map((m) => fixed(r.values[m], m)),
    ]),
  };
}
