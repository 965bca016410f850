// Alarm storage (Kysely, both engines): rules, alarms scoped by enterprise, the append-only timeline, the
// open-alarm upsert that leans on the unique partial index, conditional state changes and the job lease.
import { sql, type Insertable, type Kysely, type Selectable, type Updateable } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Scope } from '../auth/actor.ts';
import type { AlarmEventsTable, AlarmRulesTable, AlarmsTable } from './alarms.tables.ts';

export type AlarmRow = Selectable<AlarmsTable>;
export type AlarmRuleRow = Selectable<AlarmRulesTable>;
export type AlarmEventRow = Selectable<AlarmEventsTable>;
export type Executor = Kysely<Database>;

export type AlarmFilter = {
  state?: string | undefined;
  severity?: string | undefined;
  type?: string | undefined;
  enterpriseId?: number | undefined;
  stationId?: number | undefined;
  targetKind?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  q?: string | undefined;
};

const SEVERITY_RANK = sql<number>`CASE severity WHEN 'critical' THEN 3 WHEN 'major' THEN 2 WHEN 'warning' THEN 1 ELSE 0 END`;

export function createAlarmsRepository(db: Kysely<Database>) {
  function filtered(scope: Scope, f: AlarmFilter) {
    let q = db.selectFrom('alarms');
    if (scope.enterpriseId !== null) q = q.where('enterpriseId', '=', scope.enterpriseId);
    if (f.state === 'open') q = q.where('state', '<>', 'closed');
    else if (f.state) q = q.where('state', '=', f.state);
    if (f.severity) q = q.where('severity', '=', f.severity);
    if (f.type) q = q.where('type', '=', f.type);
    if (f.enterpriseId) q = q.where('enterpriseId', '=', f.enterpriseId);
    if (f.stationId) q = q.where('stationId', '=', f.stationId);
    if (f.targetKind) q = q.where('targetKind', '=', f.targetKind);
    if (f.from) q = q.where('raisedAt', '>=', new Date(f.from).toISOString());
    if (f.to) q = q.where('raisedAt', '<', new Date(f.to).toISOString());
    if (f.q) {
      const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      // the escape character is named: SQLite has no default one (PostgreSQL's is the same backslash)
      const matches = (column: string) => sql<boolean>`${sql.ref(column)} like ${like} escape '\\'`;
      q = q.where((eb) =>
        eb.or([matches('target_name'), matches('station_name'), matches('enterprise_name')]),
      );
    }
    return q;
  }

  return {
    // ---- rules ----
    listRules: (executor: Executor = db) =>
      executor.selectFrom('alarmRules').selectAll().orderBy('id').execute(),
    findRule: (id: number, executor: Executor = db) =>
      executor.selectFrom('alarmRules').selectAll().where('id', '=', id).executeTakeFirst(),
    insertRule: (executor: Executor, row: Insertable<AlarmRulesTable>) =>
      executor.insertInto('alarmRules').values(row).returningAll().executeTakeFirstOrThrow(),
    updateRule: (executor: Executor, id: number, patch: Updateable<AlarmRulesTable>) =>
      executor
        .updateTable('alarmRules')
        .set(patch)
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow(),
    /** changes when any rule is created, changed or deleted (other processes reload on a difference) */
    async rulesVersion(): Promise<string> {
      const row = await db
        .selectFrom('alarmRules')
        .select((eb) => [
          eb.fn.countAll<number | string>().as('n'),
          eb.fn.max('updatedAt').as('at'),
          eb.fn.max('id').as('top'),
        ])
        .executeTakeFirst();
      const at = row?.at ?? null;
      return `${Number(row?.n ?? 0)}:${at === null ? '' : new Date(at as string | Date).toISOString()}:${String(row?.top ?? '')}`;
    },
    deleteRule: (executor: Executor, id: number) =>
      executor.deleteFrom('alarmRules').where('id', '=', id).execute(),
    async ruleInUse(executor: Executor, id: number): Promise<boolean> {
      const alarm = await executor
        .selectFrom('alarms')
        .select('id')
        .where('ruleId', '=', id)
        .executeTakeFirst();
      const child = await executor
        .selectFrom('alarmRules')
        .select('id')
        .where('baseRuleId', '=', id)
        .executeTakeFirst();
      return alarm !== undefined || child !== undefined;
    },

    // ---- alarms ----
    async page(scope: Scope, f: AlarmFilter, sort: string, page: number, pageSize: number) {
      const base = filtered(scope, f);
      const total = await base.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirst();
      const desc = sort.startsWith('-');
      const bySeverity = sort.replace('-', '') === 'severity';
      let q = base.selectAll();
      q = bySeverity
        ? q.orderBy(SEVERITY_RANK, desc ? 'desc' : 'asc').orderBy('raisedAt', 'desc')
        : q.orderBy('raisedAt', desc ? 'desc' : 'asc');
      const rows = await q
        .orderBy('id', desc ? 'desc' : 'asc')
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute();
      return { rows, total: Number(total?.n ?? 0) };
    },
    async *scan(scope: Scope, f: AlarmFilter, limit: number): AsyncGenerator<AlarmRow> {
      let after: number | null = null;
      let left = limit;
      while (left > 0) {
        const base = filtered(scope, f).selectAll();
        const rows = await (after === null ? base : base.where('id', '<', after))
          .orderBy('id', 'desc')
          .limit(Math.min(1000, left))
          .execute();
        if (rows.length === 0) return;
        yield* rows;
        left -= rows.length;
        after = (rows.at(-1) as AlarmRow).id;
      }
    },
    find: (scope: Scope, id: number, executor: Executor = db) => {
      let q = executor.selectFrom('alarms').selectAll().where('id', '=', id);
      if (scope.enterpriseId !== null) q = q.where('enterpriseId', '=', scope.enterpriseId);
      return q.executeTakeFirst();
    },
    findByIds: (ids: readonly number[]) =>
      ids.length === 0
        ? Promise.resolve([])
        : db
            .selectFrom('alarms')
            .selectAll()
            .where('id', 'in', [...ids])
            .execute(),
    events: (alarmId: number) =>
      db.selectFrom('alarmEvents').selectAll().where('alarmId', '=', alarmId).orderBy('id').execute(),
    async summary(scope: Scope) {
      let q = db
        .selectFrom('alarms')
        .select(['state', 'severity', (eb) => eb.fn.countAll<number | string>().as('n')])
        .where('state', '<>', 'closed');
      if (scope.enterpriseId !== null) q = q.where('enterpriseId', '=', scope.enterpriseId);
      return q.groupBy(['state', 'severity']).execute();
    },
    /** the open alarm of a rule and target (at most one: the unique partial index) */
    findOpen: (executor: Executor, ruleId: number, targetKind: string, targetId: number) =>
      executor
        .selectFrom('alarms')
        .selectAll()
        .where('ruleId', '=', ruleId)
        .where('targetKind', '=', targetKind)
        .where('targetId', '=', targetId)
        .where('state', '<>', 'closed')
        .executeTakeFirst(),
    /** inserts an open alarm unless one is open for the rule and target (race-safe on both engines) */
    insertOpen: (executor: Executor, row: Insertable<AlarmsTable>) =>
      executor
        .insertInto('alarms')
        .values(row)
        .onConflict((oc) =>
          oc
            .columns(['ruleId', 'targetKind', 'targetId'])
            // the index's own predicate, as a literal (a bound parameter does not match the partial index)
            .where(sql.ref('state'), '<>', sql.lit('closed'))
            .doNothing(),
        )
        .returningAll()
        .executeTakeFirst(),
    /** applies the change only while the alarm is still in one of `from` (another process may have moved it) */
    updateIf: (
      executor: Executor,
      id: number,
      from: readonly string[],
      patch: Updateable<AlarmsTable>,
      extra?: { escalationLevel?: number },
    ) => {
      let q = executor
        .updateTable('alarms')
        .set(patch)
        .where('id', '=', id)
        .where('state', 'in', [...from]);
      if (extra?.escalationLevel !== undefined) q = q.where('escalationLevel', '=', extra.escalationLevel);
      return q.returningAll().executeTakeFirst();
    },
    insertEvent: (executor: Executor, row: Insertable<AlarmEventsTable>) =>
      executor.insertInto('alarmEvents').values(row).execute(),
    /** raised or acknowledged alarms of the telemetry rules (the engine starts from them) */
    activeAlarms: () =>
      db
        .selectFrom('alarms')
        .select(['ruleId', 'targetKind', 'targetId', 'raisedAt'])
        .where('state', 'in', ['raised', 'acknowledged'])
        .execute(),
    /** unacknowledged alarms below the top escalation level */
    unacknowledged: () =>
      db
        .selectFrom('alarms')
        .selectAll()
        .where('state', '=', 'raised')
        .where('escalationLevel', '<', 2)
        .orderBy('id')
        .limit(10_000)
        .execute(),

    // ---- lease ----
    /** takes or renews the job's lease; true when this holder has it until `until` */
    async lease(name: string, holder: string, now: string, until: string): Promise<boolean> {
      await db
        .insertInto('alarmLeases')
        .values({ name, holder, expiresAt: now })
        .onConflict((oc) => oc.column('name').doNothing())
        .execute();
      const taken = await db
        .updateTable('alarmLeases')
        .set({ holder, expiresAt: until })
        .where('name', '=', name)
        .where((eb) => eb.or([eb('holder', '=', holder), eb('expiresAt', '<=', now)]))
        .executeTakeFirst();
      return Number(taken.numUpdatedRows) === 1;
    },
  };
}
export type AlarmsRepository = ReturnType<typeof createAlarmsRepository>;
