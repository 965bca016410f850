// Storage of device credentials (table devices), always within the caller's enterprise scope.
import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { DevicesTable } from './devices.tables.ts';
import type { Scope } from '../auth/actor.ts';

export type DeviceRow = Selectable<DevicesTable>;

export function createDevicesRepository(db: Kysely<Database>) {
  const scoped = (scope: Scope) => {
    const q = db.selectFrom('devices').selectAll();
    return scope.enterpriseId === null ? q : q.where('enterpriseId', '=', scope.enterpriseId);
  };
  return {
    findById: (scope: Scope, id: number) => scoped(scope).where('id', '=', id).executeTakeFirst(),
    async list(
      scope: Scope,
      query: {
        page: number;
        pageSize: number;
        stationId?: number | undefined;
        householdId?: number | undefined;
        demo?: boolean | undefined;
      },
    ): Promise<{ rows: DeviceRow[]; total: number }> {
      let base = db.selectFrom('devices');
      if (scope.enterpriseId !== null) base = base.where('enterpriseId', '=', scope.enterpriseId);
      if (query.stationId !== undefined) base = base.where('stationId', '=', query.stationId);
      if (query.householdId !== undefined) base = base.where('householdId', '=', query.householdId);
      if (query.demo !== undefined) base = base.where('demo', '=', query.demo ? 1 : 0);
      const rows = await base
        .selectAll()
        .orderBy('id')
        .limit(query.pageSize)
        .offset((query.page - 1) * query.pageSize)
        .execute();
      const { total } = await base
        .select((eb) => eb.fn.countAll<number>().as('total'))
        .executeTakeFirstOrThrow();
      return { rows, total: Number(total) };
    },
    /** Active devices with ids above `afterId`, in id order (keyset paging over the whole registry). */
    activeAfter: (afterId: number, limit: number) =>
      db
        .selectFrom('devices')
        .selectAll()
        .where('active', '=', 1)
        .where('id', '>', afterId)
        .orderBy('id')
        .limit(limit)
        .execute(),
    /** Households with an active indoor sensor (all enterprises), optionally only among `among`. */
    async sensedHouseholdIds(among?: readonly number[]): Promise<number[]> {
      let q = db
        .selectFrom('devices')
        .select('householdId')
        .distinct()
        .where('householdId', 'is not', null)
        .where('active', '=', 1);
      if (among !== undefined) {
        if (among.length === 0) return [];
        q = q.where('householdId', 'in', [...among]);
      }
      return (await q.execute()).map((r) => Number(r.householdId));
    },
    findActiveForTarget: (column: 'stationId' | 'householdId', targetId: number) =>
      db
        .selectFrom('devices')
        .selectAll()
        .where(column, '=', targetId)
        .where('active', '=', 1)
        .orderBy('id')
        .executeTakeFirst(),
    /** Every device (active or not) of these stations and households. */
    async forTargets(
      executor: Kysely<Database>,
      stationIds: readonly number[],
      householdIds: readonly number[],
    ): Promise<DeviceRow[]> {
      const rows: DeviceRow[] = [];
      for (const [column, ids] of [
        ['stationId', stationIds],
        ['householdId', householdIds],
      ] as const) {
        for (let i = 0; i < ids.length; i += 5000) {
          const part = ids.slice(i, i + 5000);
          rows.push(
            ...(await executor.selectFrom('devices').selectAll().where(column, 'in', part).execute()),
          );
        }
      }
      return rows;
    },
    /** Inserts many rows (500 per statement: far below either engine's parameter limit); their ids in order. */
    async insertMany(executor: Kysely<Database>, rows: readonly Omit<DeviceRow, 'id'>[]): Promise<number[]> {
      const ids: number[] = [];
      for (let i = 0; i < rows.length; i += 500) {
        const part = await executor
          .insertInto('devices')
          .values(rows.slice(i, i + 500))
          .returning('id')
          .execute();
        ids.push(...part.map((r) => Number(r.id)));
      }
      return ids;
    },
    /** The demo city's active devices, in id order. */
    activeDemo: () =>
      db
        .selectFrom('devices')
        .selectAll()
        .where('demo', '=', 1)
        .where('active', '=', 1)
        .orderBy('id')
        .execute(),
    insert: (executor: Kysely<Database>, row: Omit<DeviceRow, 'id'>) =>
      executor.insertInto('devices').values(row).returningAll().executeTakeFirstOrThrow(),
    update: (executor: Kysely<Database>, id: number, patch: Partial<Omit<DeviceRow, 'id'>>) =>
      executor
        .updateTable('devices')
        .set(patch)
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow(),
    async touchLastSeen(ids: readonly number[], at: string): Promise<void> {
      for (let i = 0; i < ids.length; i += 5000) {
        await db
          .updateTable('devices')
          .set({ lastSeenAt: at })
          .where('id', 'in', ids.slice(i, i + 5000))
          .execute();
      }
    },
  };
}
export type DevicesRepository = ReturnType<typeof createDevicesRepository>;
