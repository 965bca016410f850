// Storage of 升温令 (raise_orders and its tables); an enterprise sees a city-wide order and those naming it.
import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Scope } from '../auth/actor.ts';
import type { RaiseOrderResultsTable, RaiseOrdersTable } from './raise-orders.tables.ts';

export type RaiseOrderRow = Selectable<RaiseOrdersTable>;
export type ResultRow = Selectable<RaiseOrderResultsTable>;
type Db = Kysely<Database>;

export type OrderFilter = {
  status?: string | undefined;
  /** orders an enterprise sees (city-wide ones and those naming it) */
  enterpriseId?: number | undefined;
  /** issued at or after (ISO) */
  fromIso?: string | undefined;
  /** issued before (ISO) */
  toIso?: string | undefined;
};

export function createRaiseOrdersRepository(db: Db) {
  /** orders visible to `enterpriseId` (every order when null) */
  const visible = (executor: Db, enterpriseId: number | null) => {
    const q = executor.selectFrom('raiseOrders');
    if (enterpriseId === null) return q;
    return q.where((eb) =>
      eb.or([
        eb('scope', '=', 'city'),
        eb.exists(
          eb
            .selectFrom('raiseOrderEnterprises as e')
            .select('e.orderId')
            .whereRef('e.orderId', '=', 'raiseOrders.id')
            .where('e.enterpriseId', '=', enterpriseId),
        ),
      ]),
    );
  };
  const filtered = (scope: Scope, f: OrderFilter) => {
    let q = visible(db, scope.enterpriseId);
    if (f.enterpriseId !== undefined && scope.enterpriseId === null) q = visible(db, f.enterpriseId);
    if (f.status) q = q.where('status', '=', f.status);
    if (f.fromIso) q = q.where('createdAt', '>=', f.fromIso);
    if (f.toIso) q = q.where('createdAt', '<', f.toIso);
    return q;
  };

  return {
    async insert(
      trx: Db,
      row: Omit<Insertable<RaiseOrdersTable>, 'code'>,
      enterpriseIds: readonly number[],
      stationIds: readonly number[],
      codeOf: (id: number) => string,
    ): Promise<number> {
      const { id } = await trx
        .insertInto('raiseOrders')
        .values({ ...row, code: `pending-${Math.random()}` })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .updateTable('raiseOrders')
        .set({ code: codeOf(id) })
        .where('id', '=', id)
        .execute();
      if (enterpriseIds.length > 0)
        await trx
          .insertInto('raiseOrderEnterprises')
          .values(enterpriseIds.map((enterpriseId) => ({ orderId: id, enterpriseId })))
          .execute();
      if (stationIds.length > 0)
        await trx
          .insertInto('raiseOrderStations')
          .values(stationIds.map((stationId) => ({ orderId: id, stationId })))
          .execute();
      return id;
    },

    find: (scope: Scope, id: number, executor: Db = db) =>
      visible(executor, scope.enterpriseId).selectAll().where('id', '=', id).executeTakeFirst(),

    async list(scope: Scope, f: OrderFilter & { page: number; pageSize: number }) {
      const base = filtered(scope, f);
      const rows = await base
        .selectAll()
        .orderBy('id', 'desc')
        .limit(f.pageSize)
        .offset((f.page - 1) * f.pageSize)
        .execute();
      const { total } = await base
        .select((eb) => eb.fn.countAll<number>().as('total'))
        .executeTakeFirstOrThrow();
      return { rows, total: Number(total) };
    },

    /** named enterprises and stations of some orders */
    async members(orderIds: readonly number[]) {
      if (orderIds.length === 0) return { enterprises: [], stations: [] };
      const [enterprises, stations] = await Promise.all([
        db.selectFrom('raiseOrderEnterprises').selectAll().where('orderId', 'in', orderIds).execute(),
        db.selectFrom('raiseOrderStations').selectAll().where('orderId', 'in', orderIds).execute(),
      ]);
      return { enterprises, stations };
    },

    update: (
      trx: Db,
      id: number,
      patch: Partial<Pick<RaiseOrderRow, 'status' | 'cancelledAt' | 'checkedAt' | 'updatedAt'>>,
    ) => trx.updateTable('raiseOrders').set(patch).where('id', '=', id).execute(),

    async replaceResults(trx: Db, orderId: number, rows: readonly ResultRow[]) {
      await trx.deleteFrom('raiseOrderResults').where('orderId', '=', orderId).execute();
      for (let i = 0; i < rows.length; i += 500)
        await trx
          .insertInto('raiseOrderResults')
          .values(rows.slice(i, i + 500))
          .execute();
    },

    /** stored results of an order (of one enterprise when given) */
    results(orderId: number, enterpriseId: number | null) {
      let q = db.selectFrom('raiseOrderResults').selectAll().where('orderId', '=', orderId);
      if (enterpriseId !== null) q = q.where('enterpriseId', '=', enterpriseId);
      return q.orderBy('stationId').execute();
    },

    /** stored outcome counts per order (of one enterprise when given) */
    async outcomeCounts(orderIds: readonly number[], enterpriseId: number | null) {
      if (orderIds.length === 0) return [];
      let q = db
        .selectFrom('raiseOrderResults')
        .select((eb) => ['orderId', 'outcome', eb.fn.countAll<number>().as('n')])
        .where('orderId', 'in', orderIds);
      if (enterpriseId !== null) q = q.where('enterpriseId', '=', enterpriseId);
      return q.groupBy(['orderId', 'outcome']).execute();
    },

    /** issued orders whose after window ended before `cutoffIso` (deadline ≤ cutoff) */
    due: (deadlineBeforeIso: string) =>
      db
        .selectFrom('raiseOrders')
        .selectAll()
        .where('status', '=', 'issued')
        .where('deadline', '<=', deadlineBeforeIso)
        .orderBy('id')
        .execute(),
  };
}
export type RaiseOrdersRepository = ReturnType<typeof createRaiseOrdersRepository>;
