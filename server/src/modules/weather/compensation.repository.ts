// station_compensation rows (weather.tables.ts): a station's own compensation settings. Tenancy is applied before
// this is reached: the service resolves the station in the caller's scope through the registry first.
import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { StationCompensationTable } from './weather.tables.ts';

export type StationCompensationRow = Selectable<StationCompensationTable>;
export type CompensationValues = Pick<
  StationCompensationRow,
  'indoorTemp' | 'radiatorExponent' | 'designOutdoorTemp'
>;

export function createCompensationRepository(db: Kysely<Database>) {
  return {
    async find(stationId: number): Promise<StationCompensationRow | undefined> {
      return db
        .selectFrom('stationCompensation')
        .selectAll()
        .where('stationId', '=', stationId)
        .executeTakeFirst();
    },

    /** Writes the station's settings within the caller's transaction (insert or replace). */
    async save(
      trx: Kysely<Database>,
      stationId: number,
      values: CompensationValues,
      at: string,
    ): Promise<void> {
      await trx
        .insertInto('stationCompensation')
        .values({ stationId, ...values, createdAt: at, updatedAt: at })
        .onConflict((oc) => oc.column('stationId').doUpdateSet({ ...values, updatedAt: at }))
        .execute();
    },
  };
}
export type CompensationRepository = ReturnType<typeof createCompensationRepository>;
