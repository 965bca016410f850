// Read model of the indoor sample 室温采样: the communities in a scope with their household counters, the located
// stations, and — aggregated in SQL, one row per community — the households with an active indoor sensor and
// the facts the spread checks need (a sensed household with a floor, on floor ≤ 1, with its building's height,
// on its building's top floor). Sensed households count under the community they belong to now.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Scope } from '../auth/actor.ts';
import type { SensedFacts } from './quality.rules.ts';

export type SampledCommunity = {
  id: number;
  code: string;
  name: string;
  enterpriseId: number;
  district: string | null;
  households: number;
  stationId: number | null;
  lon: number | null;
  lat: number | null;
};

export type CommunitySensed = SensedFacts & { sensors: number };

export function createSamplingRepository(db: Kysely<Database>) {
  return {
    async communities(scope: Scope): Promise<SampledCommunity[]> {
      let q = db
        .selectFrom('communities')
        .select([
          'id',
          'code',
          'name',
          'enterpriseId',
          'district',
          'householdCount',
          'stationId',
          'lon',
          'lat',
        ]);
      if (scope.enterpriseId !== null) q = q.where('enterpriseId', '=', scope.enterpriseId);
      return (await q.execute()).map(({ householdCount, ...c }) => ({ ...c, households: householdCount }));
    },

    async stations(scope: Scope): Promise<{ id: number; lon: number | null; lat: number | null }[]> {
      let q = db.selectFrom('stations').select(['id', 'lon', 'lat']);
      if (scope.enterpriseId !== null) q = q.where('enterpriseId', '=', scope.enterpriseId);
      return q.execute();
    },

    /** Changes whenever an indoor sensor is registered, revoked or reactivated (cache key of `sensed`). */
    async sensorsFingerprint(): Promise<string> {
      const r = await db
        .selectFrom('devices')
        .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('id').as('last')])
        .where('householdId', 'is not', null)
        .where('active', '=', 1)
        .executeTakeFirst();
      return `${Number(r?.n ?? 0)}:${Number(r?.last ?? 0)}`;
    },

    /** Sensed households per community in the scope (a household with two sensors counts once). */
    async sensed(scope: Scope): Promise<Map<number, CommunitySensed>> {
      const own = scope.enterpriseId === null ? sql`` : sql`AND h.enterprise_id = ${scope.enterpriseId}`;
      const { rows } = await sql<{
        communityId: number;
        sensors: number;
        groundKnown: number;
        ground: number;
        topKnown: number;
        top: number;
      }>`
        SELECT h.community_id AS community_id,
          COUNT(*) AS sensors,
          MAX(CASE WHEN h.floor IS NOT NULL THEN 1 ELSE 0 END) AS ground_known,
          MAX(CASE WHEN h.floor <= 1 THEN 1 ELSE 0 END) AS ground,
          MAX(CASE WHEN h.floor IS NOT NULL AND b.floors IS NOT NULL THEN 1 ELSE 0 END) AS top_known,
          MAX(CASE WHEN h.floor >= b.floors THEN 1 ELSE 0 END) AS top
        FROM (SELECT DISTINCT household_id FROM devices WHERE household_id IS NOT NULL AND active = 1) d
        JOIN households h ON h.id = d.household_id
        LEFT JOIN buildings b ON b.id = h.building_id
        WHERE 1 = 1 ${own}
        GROUP BY h.community_id`.execute(db);
      // integers on both engines (PostgreSQL's COUNT is int8, read as a number: db/database.ts)
      return new Map(
        rows.map((r) => [
          r.communityId,
          {
            sensors: r.sensors,
            groundKnown: r.groundKnown === 1,
            ground: r.ground === 1,
            topKnown: r.topKnown === 1,
            top: r.top === 1,
          },
        ]),
      );
    },
  };
}
export type SamplingRepository = ReturnType<typeof createSamplingRepository>;
