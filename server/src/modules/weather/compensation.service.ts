// Weather compensation 气候补偿 per station: the parameters (station record, own overrides, city config, GB 50736
// defaults), the target supply/return at an outdoor temperature, the curve, and the targets over an outdoor series.
import type { Kysely } from 'kysely';
import type {
  CompensationCurve,
  CompensationOverrides,
  CompensationParam,
  CompensationPoint,
  CompensationSeries,
  CompensationSetup,
  CompensationTarget,
  ParamSource,
  UpdateCompensation,
} from '@hearth/contracts/compensation';
import type { Station } from '@hearth/contracts/registry';
import type { Database } from '../../db/schema.ts';
import { toIso } from '../../db/schema.ts';
import { DomainError } from '../../http/domain-error.ts';
import { scopeOf, type Actor, type Scope } from '../auth/actor.ts';
import type { AuditService } from '../audit/audit.service.ts';
import {
  compensationTarget,
  DEFAULT_RADIATOR_EXPONENT,
  type CompensationParams,
} from './compensation.rules.ts';
import type { CompensationRepository, CompensationValues } from './compensation.repository.ts';

/** Hourly outdoor temperatures of the city (the weather store; for now the simulator's shipped winter). */
export type OutdoorPort = { hourly(fromMs: number, toMs: number): Promise<{ ts: number; temp: number }[]> };

export type CompensationDeps = {
  db: Kysely<Database>;
  repo: CompensationRepository;
  /** the registry's scoped station lookup (404 `station.not_found` outside the scope) */
  registry: { station(scope: Scope, id: number): Promise<Station> };
  audit: AuditService;
  outdoor: OutdoorPort;
  /** city defaults: its name, its indoor standard tₙ (config) and design outdoor temperature tw′ (GB 50736) */
  city: { name: string; indoorTemp: number; designOutdoorTemp: number };
  now?: () => number;
};

/** Curve points from −20 to +10 ℃, one per degree. */
export const CURVE_FROM = -20;
export const CURVE_TO = 10;
const HOUR_MS = 3_600_000;
/** How far back the latest outdoor hour may lie for "now". */
const LATEST_WINDOW_MS = 6 * HOUR_MS;

const round = (x: number, digits = 3) => Math.round(x * 10 ** digits) / 10 ** digits;

function pointOf(outdoorTemp: number, params: CompensationParams): CompensationPoint {
  const t = compensationTarget(outdoorTemp, params);
  return {
    outdoorTemp,
    supply: round(t.supply),
    return: round(t.return),
    relativeLoad: round(t.relativeLoad, 4),
  };
}

const NO_OVERRIDES: CompensationOverrides = {
  indoorTemp: null,
  radiatorExponent: null,
  designOutdoorTemp: null,
  updatedAt: null,
};

export function createCompensationService(deps: CompensationDeps) {
  const { db, repo, registry, audit, outdoor, city } = deps;
  const now = deps.now ?? Date.now;

  async function overridesOf(stationId: number): Promise<CompensationOverrides> {
    const row = await repo.find(stationId);
    if (!row) return NO_OVERRIDES;
    return {
      indoorTemp: row.indoorTemp,
      radiatorExponent: row.radiatorExponent,
      designOutdoorTemp: row.designOutdoorTemp,
      updatedAt: toIso(row.updatedAt),
    };
  }

  function setupOf(station: Station, overrides: CompensationOverrides): CompensationSetup {
    const pick = (own: number | null, fallback: number, source: ParamSource): [number, ParamSource] =>
      own === null ? [fallback, source] : [own, 'override'];
    const [indoorTemp, indoorFrom] = pick(overrides.indoorTemp, city.indoorTemp, 'city');
    const [designOutdoorTemp, outdoorFrom] = pick(
      overrides.designOutdoorTemp,
      city.designOutdoorTemp,
      'standard',
    );
    const [radiatorExponent, exponentFrom] = pick(
      overrides.radiatorExponent,
      DEFAULT_RADIATOR_EXPONENT,
      'standard',
    );
    const sources: Record<CompensationParam, ParamSource> = {
      designSupply: 'station',
      designReturn: 'station',
      indoorTemp: indoorFrom,
      designOutdoorTemp: outdoorFrom,
      radiatorExponent: exponentFrom,
    };
    return {
      stationId: station.id,
      city: city.name,
      params: {
        designSupply: station.designSupplyTemp,
        designReturn: station.designReturnTemp,
        indoorTemp,
        designOutdoorTemp,
        radiatorExponent,
      },
      sources,
      overrides,
    };
  }

  async function setup(scope: Scope, stationId: number): Promise<CompensationSetup> {
    const station = await registry.station(scope, stationId);
    return setupOf(station, await overridesOf(station.id));
  }

  /** The latest hourly outdoor temperature within the last hours. */
  async function latestOutdoor(): Promise<{ ts: number; temp: number }> {
    const to = now();
    const points = await outdoor.hourly(to - LATEST_WINDOW_MS, to);
    const latest = points.at(-1);
    if (!latest)
      throw new DomainError(
        'compensation.outdoor_unknown',
        422,
        '暂无室外温度，请在请求中给出 outdoorTemp / no recent outdoor temperature: give outdoorTemp',
      );
    return latest;
  }

  return {
    /** The parameters of a station and where each came from. */
    setup,

    /** Target supply/return of a station at an outdoor temperature (default: the latest hour). */
    async targetFor(scope: Scope, stationId: number, outdoorTemp?: number): Promise<CompensationTarget> {
      const s = await setup(scope, stationId);
      const latest = outdoorTemp === undefined ? await latestOutdoor() : null;
      const temp = latest ? latest.temp : (outdoorTemp as number);
      return {
        ...s,
        target: pointOf(round(temp, 2), s.params),
        outdoorFrom: latest ? 'weather' : 'query',
        outdoorAt: latest ? new Date(latest.ts).toISOString() : null,
      };
    },

    /** The station's curve, −20 … +10 ℃. */
    async curve(scope: Scope, stationId: number): Promise<CompensationCurve> {
      const s = await setup(scope, stationId);
      const points: CompensationPoint[] = [];
      for (let t = CURVE_FROM; t <= CURVE_TO; t++) points.push(pointOf(t, s.params));
      return { ...s, points };
    },

    /** The targets at each hourly outdoor temperature in [from, to). */
    async series(scope: Scope, stationId: number, from: string, to: string): Promise<CompensationSeries> {
      const s = await setup(scope, stationId);
      const hours = await outdoor.hourly(Date.parse(from), Date.parse(to));
      return {
        ...s,
        points: hours.map((h) => ({
          at: new Date(h.ts).toISOString(),
          ...pointOf(round(h.temp, 2), s.params),
        })),
      };
    },

    /** Sets or clears (null) the station's own settings; audited with the field diff. */
    async update(actor: Actor, stationId: number, patch: UpdateCompensation): Promise<CompensationSetup> {
      const station = await registry.station(scopeOf(actor), stationId);
      const before = await overridesOf(station.id);
      const values: CompensationValues = {
        indoorTemp: patch.indoorTemp === undefined ? before.indoorTemp : patch.indoorTemp,
        radiatorExponent:
          patch.radiatorExponent === undefined ? before.radiatorExponent : patch.radiatorExponent,
        designOutdoorTemp:
          patch.designOutdoorTemp === undefined ? before.designOutdoorTemp : patch.designOutdoorTemp,
      };
      const changes: Record<string, { from: number | null; to: number | null }> = {};
      for (const key of ['indoorTemp', 'radiatorExponent', 'designOutdoorTemp'] as const)
        if (before[key] !== values[key]) changes[key] = { from: before[key], to: values[key] };
      if (Object.keys(changes).length > 0) {
        const at = new Date(now()).toISOString();
        await db.transaction().execute(async (trx) => {
          await repo.save(trx, station.id, values, at);
          await audit.record(trx, actor, {
            action: 'update',
            entity: 'station_compensation',
            entityId: station.id,
            enterpriseId: station.enterpriseId,
            changes,
          });
        });
      }
      return setupOf(station, await overridesOf(station.id));
    },
  };
}
export type CompensationService = ReturnType<typeof createCompensationService>;
