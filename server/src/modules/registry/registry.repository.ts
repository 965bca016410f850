// Generic storage for registry resources; every read and write applies the caller's enterprise scope.
import { CompiledQuery, sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { Dialect } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import type { Scope } from '../auth/actor.ts';
import type { ResourceDef, Row } from './registry.resource.ts';
import { EXACT_TOTAL_LIMIT, pageTotal, type PageTotal } from './page-total.rules.ts';

// Registry tables are addressed by name at run time; rows are mapped through each definition's toApi.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type DynamicDb = Kysely<any>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any, @typescript-eslint/no-empty-object-type
type Query = SelectQueryBuilder<any, any, {}>;

export type ListSpec = {
  page: number;
  pageSize: number;
  q?: string | undefined;
  sort?: { column: string; desc: boolean } | undefined;
  filters: { column: string; value: unknown }[];
};

/** Ids or codes per `in (…)` list: well within both engines' parameter limits. */
const SET_SLICE = 5000;

function scoped(def: ResourceDef, scope: Scope, query: Query) {
  if (scope.enterpriseId === null || def.tenancy === 'city') return query;
  return query.where(def.tenancy === 'self' ? 'id' : 'enterpriseId', '=', scope.enterpriseId);
}

function filtered(def: ResourceDef, spec: Omit<ListSpec, 'page' | 'pageSize'>, query: Query) {
  let q = query;
  // an array value means "any of these" (the `ids` filter)
  for (const f of spec.filters) q = q.where(f.column, Array.isArray(f.value) ? 'in' : '=', f.value);
  const text = spec.q;
  if (text) {
    q = q.where((eb) =>
      eb.or(
        def.search.map((s) =>
          s.mode === 'prefix'
            ? eb.and([eb(s.column, '>=', text), eb(s.column, '<', `${text}\uffff`)])
            : // the escape character is named: SQLite has no default one (PostgreSQL's is the same backslash)
              sql<boolean>`${sql.ref(s.column)} like ${`%${text.replace(/[%_\\]/g, (c) => `\\${c}`)}%`} escape '\\'`,
        ),
      ),
    );
  }
  return q;
}

export type RegistryRepositoryOptions = {
  dialect: Dialect;
  /** matching rows up to which a list's total is counted exactly (tests lower it) */
  exactTotalLimit?: number;
};

export function createRegistryRepository(database: Kysely<Database>, options: RegistryRepositoryOptions) {
  const db = database as DynamicDb;
  const exactLimit = options.exactTotalLimit ?? EXACT_TOTAL_LIMIT;

  /** The total of a list: counted up to the limit, estimated past it (an exact COUNT(*) of millions costs 0.3 s). */
  async function totalOf(def: ResourceDef, scope: Scope, spec: ListSpec, base: Query): Promise<PageTotal> {
    const boundedQuery = base.select(sql.lit(1).as('one')).limit(exactLimit + 1);
    const bounded = (await db
      .selectFrom(boundedQuery.as('b'))
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow()) as { n: number | string };
    const counted = Number(bounded.n);
    if (counted <= exactLimit) return pageTotal(counted, exactLimit, null);
    if (options.dialect === 'postgres') {
      // the planner's row estimate for exactly this scope and filter (from the table statistics)
      const compiled = base.select(sql.lit(1).as('one')).compile();
      const explained = await db.executeQuery<Record<string, unknown>>(
        CompiledQuery.raw(`EXPLAIN (FORMAT JSON) ${compiled.sql}`, [...compiled.parameters]),
      );
      const plan = Object.values(explained.rows[0] ?? {})[0] as
        [{ Plan?: { 'Plan Rows'?: number } }] | undefined;
      return pageTotal(counted, exactLimit, plan?.[0]?.Plan?.['Plan Rows'] ?? null);
    }
    const unfiltered =
      !spec.q && spec.filters.length === 0 && (scope.enterpriseId === null || def.tenancy === 'city');
    if (unfiltered) {
      // ids are serials and rows are rarely deleted: the highest id is close to the row count
      const top = (await db
        .selectFrom(def.table)
        .select((eb) => eb.fn.max('id').as('top'))
        .executeTakeFirstOrThrow()) as { top: number | null };
      return pageTotal(counted, exactLimit, top.top);
    }
    // SQLite has no row estimates for a filter; it counts an indexed filter fast enough
    const all = (await base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()) as {
      n: number | string;
    };
    return { total: Number(all.n), totalIsEstimate: false };
  }

  return {
    async list(
      def: ResourceDef,
      scope: Scope,
      spec: ListSpec,
    ): Promise<{ rows: Row[]; total: number; totalIsEstimate: boolean }> {
      const base = filtered(def, spec, scoped(def, scope, db.selectFrom(def.table)));
      let rowsQuery = base.selectAll();
      if (spec.sort) rowsQuery = rowsQuery.orderBy(spec.sort.column, spec.sort.desc ? 'desc' : 'asc');
      const rows = (await rowsQuery
        .orderBy('id')
        .limit(spec.pageSize)
        .offset((spec.page - 1) * spec.pageSize)
        .execute()) as Row[];
      return { rows, ...(await totalOf(def, scope, spec, base)) };
    },

    /** Keyset-paged scan for exports: every matching row, 1,000 per query (a few ms each), never all in memory. */
    async *scan(
      def: ResourceDef,
      scope: Scope,
      spec: Omit<ListSpec, 'page' | 'pageSize'>,
      chunk = 1000,
    ): AsyncGenerator<Row> {
      let after = 0;
      for (;;) {
        const rows = (await filtered(def, spec, scoped(def, scope, db.selectFrom(def.table)))
          .selectAll()
          .where('id', '>', after)
          .orderBy('id')
          .limit(chunk)
          .execute()) as Row[];
        yield* rows;
        if (rows.length < chunk) return;
        after = Number(rows[rows.length - 1]?.id);
      }
    },

    async findById(
      def: ResourceDef,
      scope: Scope,
      id: number,
      executor: Kysely<Database> = database,
    ): Promise<Row | undefined> {
      return (await scoped(def, scope, (executor as DynamicDb).selectFrom(def.table))
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst()) as Row | undefined;
    },

    /** Rows with these ids within the scope (any number of ids, in slices). */
    async findByIds(def: ResourceDef, scope: Scope, ids: readonly number[]): Promise<Row[]> {
      const rows: Row[] = [];
      for (let i = 0; i < ids.length; i += SET_SLICE) {
        rows.push(
          ...((await scoped(def, scope, db.selectFrom(def.table))
            .selectAll()
            .where('id', 'in', ids.slice(i, i + SET_SLICE))
            .execute()) as Row[]),
        );
      }
      return rows;
    },

    /** Which of these codes are taken, city-wide (codes are unique across enterprises). */
    async existingCodes(def: ResourceDef, codes: readonly string[]): Promise<Set<string>> {
      const taken = new Set<string>();
      for (let i = 0; i < codes.length; i += SET_SLICE) {
        const rows = (await db
          .selectFrom(def.table)
          .select('code')
          .where('code', 'in', codes.slice(i, i + SET_SLICE))
          .execute()) as { code: string }[];
        for (const r of rows) taken.add(r.code);
      }
      return taken;
    },

    /** Multi-row insert (the caller slices; at most ~2,000 rows of ≤ 16 columns per call). */
    async insertMany(executor: Kysely<Database>, def: ResourceDef, rows: Row[]): Promise<void> {
      if (rows.length === 0) return;
      const width = Object.keys(rows[0] as Row).length;
      // SQLite binds at most 32,766 parameters per statement
      const perStatement = Math.max(1, Math.floor(30_000 / Math.max(1, width)));
      for (let i = 0; i < rows.length; i += perStatement)
        await (executor as DynamicDb)
          .insertInto(def.table)
          .values(rows.slice(i, i + perStatement))
          .execute();
    },

    async findByCode(def: ResourceDef, scope: Scope, code: string): Promise<Row | undefined> {
      return (await scoped(def, scope, db.selectFrom(def.table))
        .selectAll()
        .where('code', '=', code)
        .executeTakeFirst()) as Row | undefined;
    },

    async insert(executor: Kysely<Database>, def: ResourceDef, row: Row): Promise<Row> {
      return (await (executor as DynamicDb)
        .insertInto(def.table)
        .values(row)
        .returningAll()
        .executeTakeFirstOrThrow()) as Row;
    },

    async update(executor: Kysely<Database>, def: ResourceDef, id: number, patch: Row): Promise<Row> {
      return (await (executor as DynamicDb)
        .updateTable(def.table)
        .set(patch)
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow()) as Row;
    },

    async delete(executor: Kysely<Database>, def: ResourceDef, id: number): Promise<void> {
      await (executor as DynamicDb).deleteFrom(def.table).where('id', '=', id).execute();
    },
  };
}
export type RegistryRepository = ReturnType<typeof createRegistryRepository>;
