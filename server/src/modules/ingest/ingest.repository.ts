// Ingest bookkeeping storage: the bounded dead-letter store and the per-device counters.
import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { TelemetryCountersTable, TelemetryDeadLettersTable } from './ingest.tables.ts';

export type DeadLetterRow = Selectable<TelemetryDeadLettersTable>;
export type DeadLetter = Omit<DeadLetterRow, 'id'>;
/** counts to add to a device's row of telemetry_counters */
export type CounterDelta = Omit<TelemetryCountersTable, 'updatedAt'>;

export function createIngestRepository(db: Kysely<Database>) {
  async function addCounterChunk(deltas: readonly CounterDelta[], at: string): Promise<void> {
    await db
      .insertInto('telemetryCounters')
      .values(deltas.map((d) => ({ ...d, updatedAt: at })))
      .onConflict((oc) =>
        oc.column('deviceId').doUpdateSet({
          accepted: sql`telemetry_counters.accepted + excluded.accepted`,
          duplicates: sql`telemetry_counters.duplicates + excluded.duplicates`,
          rejected: sql`telemetry_counters.rejected + excluded.rejected`,
          outOfOrder: sql`telemetry_counters.out_of_order + excluded.out_of_order`,
          updatedAt: sql`excluded.updated_at`,
        }),
      )
      .execute();
  }

  return {
    /** The broker counters as last seen (any process). */
    brokerCounters: () => db.selectFrom('telemetryBrokerCounters').selectAll().execute(),

    /**
     * Sets a broker counter to `value` if it still holds `expected` (null: absent), so of several processes
     * seeing the same change exactly one records it. Answers whether this call made the change.
     */
    async swapBrokerCounter(
      name: string,
      expected: number | null,
      value: number,
      at: string,
    ): Promise<boolean> {
      if (expected === null) {
        const inserted = await db
          .insertInto('telemetryBrokerCounters')
          .values({ name, value, changedAt: at, observedAt: at })
          .onConflict((oc) => oc.column('name').doNothing())
          .executeTakeFirst();
        return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1;
      }
      const updated = await db
        .updateTable('telemetryBrokerCounters')
        .set({ value, changedAt: at, observedAt: at })
        .where('name', '=', name)
        .where('value', '=', expected)
        .executeTakeFirst();
      return Number(updated.numUpdatedRows) === 1;
    },

    /** Notes that a counter was seen unchanged (or sets a gauge such as the queue length). */
    async observeBrokerCounter(name: string, value: number, at: string): Promise<void> {
      await db
        .insertInto('telemetryBrokerCounters')
        .values({ name, value, changedAt: at, observedAt: at })
        .onConflict((oc) => oc.column('name').doUpdateSet({ value, observedAt: at }))
        .execute();
    },

    async insertDeadLetters(rows: readonly DeadLetter[]): Promise<void> {
      if (rows.length > 0)
        await db
          .insertInto('telemetryDeadLetters')
          .values([...rows])
          .execute();
    },
    /** Keeps only the newest `keep` dead letters. */
    async trimDeadLetters(keep: number): Promise<void> {
      const newest = await db
        .selectFrom('telemetryDeadLetters')
        .select((eb) => eb.fn.max('id').as('max'))
        .executeTakeFirst();
      const max = Number(newest?.max ?? 0);
      if (max > keep)
        await db
          .deleteFrom('telemetryDeadLetters')
          .where('id', '<=', max - keep)
          .execute();
    },
    async listDeadLetters(
      enterpriseId: number | null,
      page: number,
      pageSize: number,
      code?: string,
    ): Promise<{ rows: DeadLetterRow[]; total: number }> {
      let base = db.selectFrom('telemetryDeadLetters');
      if (enterpriseId !== null) base = base.where('enterpriseId', '=', enterpriseId);
      if (code) base = base.where('code', '=', code);
      const rows = await base
        .selectAll()
        .orderBy('id', 'desc')
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute();
      const { total } = await base
        .select((eb) => eb.fn.countAll<number>().as('total'))
        .executeTakeFirstOrThrow();
      return { rows, total: Number(total) };
    },
    async addCounters(deltas: readonly CounterDelta[], at: string): Promise<void> {
      // chunks keep each statement under SQLite's bound-parameter limit (7 per row) at city-scale device counts
      for (let i = 0; i < deltas.length; i += 1000) await addCounterChunk(deltas.slice(i, i + 1000), at);
    },
    /** Totals per enterprise (or per device of one enterprise). */
    counters(enterpriseId: number | null) {
      let q = db
        .selectFrom('telemetryCounters')
        .select([
          'enterpriseId',
          (eb) => eb.fn.sum<number>('accepted').as('accepted'),
          (eb) => eb.fn.sum<number>('duplicates').as('duplicates'),
          (eb) => eb.fn.sum<number>('rejected').as('rejected'),
          (eb) => eb.fn.sum<number>('outOfOrder').as('outOfOrder'),
        ])
        .groupBy('enterpriseId');
      if (enterpriseId !== null) q = q.where('enterpriseId', '=', enterpriseId);
      return q.execute();
    },
  };
}
export type IngestRepository = ReturnType<typeof createIngestRepository>;
