// What every module's migrations share: the engine name and the column-type helpers (engine differences live here
// only). A leaf: it imports nothing of Hearth's, so modules' *.migration.ts never reach back into db/database.ts.
import type { CreateTableBuilder, Kysely } from 'kysely';

export type Dialect = 'sqlite' | 'postgres';

export type Table = CreateTableBuilder<string, never>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run before the typed schema exists
export type AnyDb = Kysely<any>;

export const real = 'double precision' as const;

export function typesFor(dialect: Dialect) {
  const pg = dialect === 'postgres';
  return {
    withId: (t: Table): Table =>
      pg
        ? t.addColumn('id', 'serial', (c) => c.primaryKey())
        : t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement()),
    time: pg ? ('timestamptz' as const) : ('text' as const),
    withTimes: (t: Table): Table =>
      t
        .addColumn('created_at', pg ? 'timestamptz' : 'text', (c) => c.notNull())
        .addColumn('updated_at', pg ? 'timestamptz' : 'text', (c) => c.notNull()),
  };
}

/** Part of a migration another module owns: its tables, then (after every part's tables) its indexes. */
export type MigrationPart = {
  tables(db: AnyDb): Promise<void>;
  /** [table, columns]: index `<table>_<columns>_idx` */
  indexes: readonly (readonly [string, readonly string[]])[];
};
