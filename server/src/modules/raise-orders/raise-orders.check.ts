// The 升温令 compliance check: the stations in an order's scope, their window means of the secondary supply
// temperature (through the monitoring service's port), each station's outcome, grouped per enterprise with names.
import type { EnterpriseCompliance, RaiseMode } from '@hearth/contracts/raise-orders';
import type { MetricKey } from '@hearth/contracts/telemetry';
import { toIso } from '../../db/columns.ts';
import { CITY_SCOPE } from '../auth/actor.ts';
import type { RegistryService } from '../registry/registry.service.ts';
import { complianceOf, countOutcomes, windowsOf, type WindowMean } from './compliance.rules.ts';
import type { RaiseOrderRow, ResultRow } from './raise-orders.repository.ts';

/** the metric an order raises: 二次供水温度 */
export const RAISED_METRIC: MetricKey = 'secondarySupplyTemp';

export type CheckSettings = {
  baselineMs: number;
  afterMs: number;
  toleranceC: number;
  minReadings: number;
};

export type CheckDeps = {
  registry: Pick<RegistryService, 'findByIds' | 'scan'>;
  /** port (monitoring): mean of a station metric over [fromMs, toMs) per station */
  windowMeans: (
    stationIds: readonly number[],
    metric: MetricKey,
    fromMs: number,
    toMs: number,
  ) => Promise<Map<number, WindowMean>>;
  settings: CheckSettings;
};

type ScopeStation = { id: number; enterpriseId: number };

/** The stations an order covers now: every station, those of the named enterprises, or the named stations. */
async function stationsOf(
  deps: CheckDeps,
  order: RaiseOrderRow,
  members: { enterpriseIds: number[]; stationIds: number[] },
): Promise<ScopeStation[]> {
  const out: ScopeStation[] = [];
  if (order.scope === 'stations') {
    for (const s of await deps.registry.findByIds(CITY_SCOPE, 'stations', members.stationIds))
      out.push({ id: s.id, enterpriseId: s.enterpriseId });
    return out;
  }
  const wanted = order.scope === 'city' ? null : new Set(members.enterpriseIds);
  for await (const s of deps.registry.scan(CITY_SCOPE, 'stations')) {
    if (wanted === null || wanted.has(s.enterpriseId)) out.push({ id: s.id, enterpriseId: s.enterpriseId });
  }
  return out;
}

/** Each station's result of an order, from the telemetry of its two windows. */
export async function computeResults(
  deps: CheckDeps,
  order: RaiseOrderRow,
  members: { enterpriseIds: number[]; stationIds: number[] },
): Promise<ResultRow[]> {
  const stations = await stationsOf(deps, order, members);
  const ids = stations.map((s) => s.id);
  const w = windowsOf(Date.parse(toIso(order.effectiveAt)), Date.parse(toIso(order.deadline)), deps.settings);
  const [baseline, after] = await Promise.all([
    deps.windowMeans(ids, RAISED_METRIC, w.baseline.fromMs, w.baseline.toMs),
    deps.windowMeans(ids, RAISED_METRIC, w.after.fromMs, w.after.toMs),
  ]);
  const none: WindowMean = { mean: null, count: 0 };
  return stations.map((s) => {
    const b = baseline.get(s.id) ?? none;
    const a = after.get(s.id) ?? none;
    const figures = complianceOf({ mode: order.mode as RaiseMode, value: order.value }, b, a, deps.settings);
    return {
      orderId: order.id,
      stationId: s.id,
      enterpriseId: s.enterpriseId,
      ...figures,
      baselineReadings: b.count,
      afterReadings: a.count,
    };
  });
}

/** Results grouped per enterprise (by name), stations by name, with station and enterprise names. */
export async function groupByEnterprise(
  deps: Pick<CheckDeps, 'registry'>,
  results: readonly ResultRow[],
): Promise<EnterpriseCompliance[]> {
  const [stations, enterprises] = await Promise.all([
    deps.registry.findByIds(
      CITY_SCOPE,
      'stations',
      results.map((r) => r.stationId),
    ),
    deps.registry.findByIds(CITY_SCOPE, 'enterprises', [...new Set(results.map((r) => r.enterpriseId))]),
  ]);
  const stationById = new Map(stations.map((s) => [s.id, s]));
  const groups = new Map<number, EnterpriseCompliance>();
  for (const e of enterprises)
    groups.set(e.id, {
      enterpriseId: e.id,
      enterpriseName: e.name,
      complied: 0,
      notComplied: 0,
      noData: 0,
      stations: [],
    });
  for (const r of results) {
    const group = groups.get(r.enterpriseId);
    const station = stationById.get(r.stationId);
    if (!group) continue;
    group.stations.push({
      stationId: r.stationId,
      stationName: station?.name ?? `#${r.stationId}`,
      stationCode: station?.code ?? '',
      outcome: r.outcome as EnterpriseCompliance['stations'][number]['outcome'],
      baseline: r.baseline,
      after: r.after,
      required: r.required,
      achieved: r.achieved,
      baselineReadings: r.baselineReadings,
      afterReadings: r.afterReadings,
    });
  }
  return [...groups.values()]
    .map((g) => ({
      ...g,
      ...countOutcomes(g.stations.map((s) => s.outcome)),
      stations: g.stations.sort((x, y) => x.stationName.localeCompare(y.stationName, 'zh')),
    }))
    .sort((x, y) => x.enterpriseName.localeCompare(y.enterpriseName, 'zh'));
}
