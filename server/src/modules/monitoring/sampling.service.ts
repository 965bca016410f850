// Indoor sampling 室温采样代表性: the share of households with indoor sensors per enterprise and community against the
// city minimum, and the spread of the sample — one page of communities, with totals over every page.
import type {
  SamplingCommunity,
  SamplingResponse,
  SamplingSort,
  SamplingSpreadCheck,
} from '@hearth/contracts/telemetry';
import { scopeOf, type Actor } from '../auth/actor.ts';
import type { RegistryService } from '../registry/registry.service.ts';
import { farEnds, missingFloorChecks, orderedChecks, samplingShare } from './quality.rules.ts';
import type { SamplingRepository } from './sampling.repository.ts';

/** The parsed query of the sampling table (contracts: SamplingQuery). */
export type SamplingQueryParsed = {
  page: number;
  pageSize: number;
  q?: string | undefined;
  sort: SamplingSort;
  enterpriseId?: number | undefined;
  district?: string | undefined;
  flagged?: boolean | undefined;
};

type Ordered = SamplingCommunity;
const byId = (a: Ordered, b: Ordered) => a.communityId - b.communityId;
/** below the minimum, then short on spread, then the rest; communities without households last */
const rank = (r: Ordered) => (r.belowMinimum ? 0 : r.flagged ? 1 : r.households > 0 ? 2 : 3);
const SAMPLING_ORDER: Record<SamplingSort, (a: Ordered, b: Ordered) => number> = {
  worst: (a, b) =>
    rank(a) - rank(b) ||
    b.missing.length - a.missing.length ||
    a.share - b.share ||
    b.households - a.households ||
    byId(a, b),
  share: (a, b) => a.share - b.share || byId(a, b),
  '-share': (a, b) => b.share - a.share || byId(a, b),
  households: (a, b) => a.households - b.households || byId(a, b),
  '-households': (a, b) => b.households - a.households || byId(a, b),
  sensors: (a, b) => a.sensors - b.sensors || byId(a, b),
  '-sensors': (a, b) => b.sensors - a.sensors || byId(a, b),
  code: (a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : byId(a, b)),
  '-code': (a, b) => (a.code > b.code ? -1 : a.code < b.code ? 1 : byId(a, b)),
};

const SENSED_MS = 60_000;

export type SamplingViewDeps = {
  registry: Pick<RegistryService, 'writeCount'>;
  samplingRepo: SamplingRepository;
  /** the city's minimum share of households with indoor sensors */
  minimumSamplingShare: number;
  /** the spread checks of the indoor sample the city applies */
  samplingSpread: readonly SamplingSpreadCheck[];
  now?: () => number;
};

export function createSamplingView(deps: SamplingViewDeps) {
  const { registry, samplingRepo } = deps;
  const now = deps.now ?? Date.now;
  /**
   * The city-wide count of sensed households per community (the one costly aggregate: every sensor joined to its
   * household and building), kept while no indoor sensor and no registry row of this process changed; past
   * SENSED_MS it is still answered while a fresh one is computed (registry writes of other processes). Scopes
   * share it: a community's households are its enterprise's.
   */
  let sensedCache:
    | { key: string; until: number; value: ReturnType<SamplingRepository['sensed']>; refreshing: boolean }
    | undefined;
  function compute(key: string) {
    const value = samplingRepo.sensed({ enterpriseId: null });
    const entry = { key, until: now() + SENSED_MS, value, refreshing: false };
    value.then(
      () => {
        // a refresh replaces the answer only once it is ready (readers meanwhile keep the previous one)
        if (sensedCache?.key === key && sensedCache.value !== value) sensedCache = entry;
      },
      () => {
        if (sensedCache?.value === value) sensedCache = undefined;
        else if (sensedCache?.key === key) sensedCache.refreshing = false;
      },
    );
    return entry;
  }
  async function sensedByCommunity() {
    const key = `${await samplingRepo.sensorsFingerprint()}:${registry.writeCount()}`;
    const cached = sensedCache;
    if (cached && cached.key === key) {
      // nothing changed that this process can see: answer now, and refresh in the background once it is old
      // (registry writes of other processes; the aggregate takes ~2 s on PostgreSQL at Tianjin scale)
      if (cached.until <= now() && !cached.refreshing) {
        cached.refreshing = true;
        compute(key);
      }
      return cached.value;
    }
    sensedCache = compute(key);
    return sensedCache.value;
  }

  /**
   * Share of households with indoor sensors per enterprise and community against the city minimum, and the
   * spread of the sample (ground and top floors, each station's far end) where the city checks it: one page of
   * the filtered communities, with the totals and the enterprise rows over all of them. The sensed households
   * are counted per community in SQL; the far ends are judged over every community in scope (a filter never
   * moves a station's far end).
   */
  async function sampling(actor: Actor, query: SamplingQueryParsed): Promise<SamplingResponse> {
    const checks = new Set(deps.samplingSpread);
    const scope = scopeOf(actor);
    const [all, sensed, stations] = await Promise.all([
      samplingRepo.communities(scope),
      sensedByCommunity(),
      checks.has('far_end') ? samplingRepo.stations(scope) : Promise.resolve([]),
    ]);
    const ends = checks.has('far_end') ? farEnds(stations, all) : new Set<number>();
    const needle = query.q?.toLowerCase();
    const rows: SamplingCommunity[] = [];
    const enterprises = new Map<
      number,
      { households: number; sensors: number; missing: Set<SamplingSpreadCheck> }
    >();
    let flaggedCount = 0;
    let matched = 0;
    for (const c of all) {
      if (query.enterpriseId !== undefined && c.enterpriseId !== query.enterpriseId) continue;
      if (query.district !== undefined && c.district !== query.district) continue;
      if (needle && !c.code.toLowerCase().includes(needle) && !c.name.toLowerCase().includes(needle))
        continue;
      matched++;
      const facts = sensed.get(c.id);
      const sensors = facts?.sensors ?? 0;
      const missing = missingFloorChecks(facts, checks);
      if (ends.has(c.id) && sensors === 0) missing.push('far_end');
      const share = samplingShare(sensors, c.households, deps.minimumSamplingShare);
      const flagged = share.belowMinimum || missing.length > 0;
      const e = enterprises.get(c.enterpriseId) ?? { households: 0, sensors: 0, missing: new Set() };
      e.households += c.households;
      e.sensors += sensors;
      for (const m of missing) e.missing.add(m);
      enterprises.set(c.enterpriseId, e);
      if (flagged) flaggedCount++;
      if (query.flagged === true && !flagged) continue;
      if (query.flagged === false && flagged) continue;
      rows.push({
        enterpriseId: c.enterpriseId,
        communityId: c.id,
        code: c.code,
        name: c.name,
        district: c.district,
        households: c.households,
        sensors,
        ...share,
        missing,
        farEnd: ends.has(c.id),
        flagged,
      });
    }
    const enterpriseRows = [...enterprises.entries()]
      .map(([enterpriseId, e]) => {
        const share = samplingShare(e.sensors, e.households, deps.minimumSamplingShare);
        const missing = orderedChecks(e.missing);
        return {
          enterpriseId,
          communityId: null,
          households: e.households,
          sensors: e.sensors,
          ...share,
          missing,
          farEnd: null,
          flagged: share.belowMinimum || missing.length > 0,
        };
      })
      .sort((x, y) => x.enterpriseId - y.enterpriseId);
    const households = enterpriseRows.reduce((n, e) => n + e.households, 0);
    const sensors = enterpriseRows.reduce((n, e) => n + e.sensors, 0);
    const total = samplingShare(sensors, households, deps.minimumSamplingShare);
    rows.sort(SAMPLING_ORDER[query.sort]);
    const start = (query.page - 1) * query.pageSize;
    return {
      minimumShare: deps.minimumSamplingShare,
      spreadChecks: orderedChecks(checks),
      enterprises: enterpriseRows,
      summary: {
        communities: matched,
        households,
        sensors,
        share: total.share,
        belowMinimum: total.belowMinimum,
        flagged: flaggedCount,
      },
      items: rows.slice(start, start + query.pageSize),
      total: rows.length,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  return { sampling };
}
