// Migration 0013_alarms: rules, alarms (one open per rule and target, held by a unique partial index), the
// timeline and the periodic job's lease. Both engines.
import { sql } from 'kysely';
import type { Migration } from 'kysely/migration';
import { real, typesFor, type AnyDb, type Dialect } from '../../db/migration-kit.ts';

/** The city rules a new database starts with (SPEC §3.3, §5); the authority tunes them in 报警规则. */
export const DEFAULT_ALARM_RULES = [
  {
    name: '二次供水温度过高',
    severity: 'major',
    params: {
      type: 'threshold',
      metric: 'secondarySupplyTemp',
      direction: 'above',
      limit: 95,
      forSeconds: 60,
    },
  },
  {
    name: '二次回水压力过低',
    severity: 'major',
    params: {
      type: 'threshold',
      metric: 'secondaryReturnPressure',
      direction: 'below',
      limit: 0.1,
      forSeconds: 300,
    },
  },
  {
    name: '供水温度偏离气候补偿目标',
    severity: 'warning',
    params: { type: 'supply_deviation', metric: 'secondarySupplyTemp', bandC: 8, forSeconds: 1800 },
  },
  {
    name: '室温低于标准',
    severity: 'warning',
    params: { type: 'indoor_low', standardC: 18, forSeconds: 3600 },
  },
  { name: '换热站离线', severity: 'major', params: { type: 'offline', afterMinutes: 30 } },
  {
    name: '疑似泄漏',
    severity: 'critical',
    params: { type: 'leak', factor: 2, baselineHours: 24, pressureDropMpa: 0.05, forSeconds: 600 },
  },
  {
    name: '燃料储备不足',
    severity: 'major',
    params: { type: 'fuel_reserve', warnDays: 20, criticalDays: 15 },
  },
  { name: '工单超期', severity: 'warning', params: { type: 'overdue_work' } },
] as const;

export function alarmsMigration(dialect: Dialect): Migration {
  const { withId, withTimes, time } = typesFor(dialect);
  return {
    async up(db: AnyDb) {
      await withTimes(
        withId(db.schema.createTable('alarm_rules'))
          .addColumn('base_rule_id', 'integer', (c) => c.references('alarm_rules.id'))
          .addColumn('scope', 'text', (c) => c.notNull())
          .addColumn('enterprise_id', 'integer', (c) => c.references('enterprises.id'))
          .addColumn('station_id', 'integer', (c) => c.references('stations.id'))
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('type', 'text', (c) => c.notNull())
          .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
          .addColumn('severity', 'text', (c) => c.notNull())
          .addColumn('params', 'text', (c) => c.notNull())
          .addColumn('hold_off_seconds', 'integer', (c) => c.notNull())
          .addColumn('level1_minutes', 'integer', (c) => c.notNull())
          .addColumn('level2_minutes', 'integer', (c) => c.notNull())
          .addColumn('duty_contact', 'text'),
      ).execute();
      // one override per base rule and enterprise / station
      await sql`CREATE UNIQUE INDEX alarm_rules_override_uq ON alarm_rules (base_rule_id, scope, COALESCE(enterprise_id, 0), COALESCE(station_id, 0)) WHERE base_rule_id IS NOT NULL`.execute(
        db,
      );

      await withId(db.schema.createTable('alarms'))
        .addColumn('rule_id', 'integer', (c) => c.notNull().references('alarm_rules.id'))
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('target_kind', 'text', (c) => c.notNull())
        .addColumn('target_id', 'integer', (c) => c.notNull())
        .addColumn('target_name', 'text', (c) => c.notNull())
        .addColumn('station_id', 'integer')
        .addColumn('station_name', 'text')
        .addColumn('enterprise_id', 'integer')
        .addColumn('enterprise_name', 'text')
        .addColumn('severity', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('metric', 'text')
        .addColumn('message', 'text', (c) => c.notNull())
        .addColumn('value', real)
        .addColumn('threshold', real)
        .addColumn('raised_at', time, (c) => c.notNull())
        .addColumn('last_raised_at', time, (c) => c.notNull())
        .addColumn('occurrences', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('acknowledged_at', time)
        .addColumn('acknowledged_by', 'text')
        .addColumn('cleared_at', time)
        .addColumn('closed_at', time)
        .addColumn('closed_by', 'text')
        .addColumn('escalation_level', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('escalated_at', time)
        .execute();
      // the invariant: at most one alarm per rule and target that is not closed (both engines: partial index)
      await sql`CREATE UNIQUE INDEX alarms_open_uq ON alarms (rule_id, target_kind, target_id) WHERE state <> 'closed'`.execute(
        db,
      );
      await db.schema.createIndex('alarms_raised_at_idx').on('alarms').column('raised_at').execute();
      await db.schema
        .createIndex('alarms_enterprise_raised_idx')
        .on('alarms')
        .columns(['enterprise_id', 'raised_at'])
        .execute();
      await db.schema.createIndex('alarms_station_id_idx').on('alarms').column('station_id').execute();
      await db.schema.createIndex('alarms_state_idx').on('alarms').column('state').execute();

      await withId(db.schema.createTable('alarm_events'))
        .addColumn('alarm_id', 'integer', (c) => c.notNull().references('alarms.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('at', time, (c) => c.notNull())
        .addColumn('actor_name', 'text')
        .addColumn('note', 'text')
        .addColumn('value', real)
        .addColumn('level', 'integer')
        .addColumn('notified', 'text')
        .execute();
      await db.schema
        .createIndex('alarm_events_alarm_id_idx')
        .on('alarm_events')
        .column('alarm_id')
        .execute();

      await db.schema
        .createTable('alarm_leases')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('holder', 'text', (c) => c.notNull())
        .addColumn('expires_at', time, (c) => c.notNull())
        .execute();

      const at = new Date().toISOString();
      await db
        .insertInto('alarm_rules')
        .values(
          DEFAULT_ALARM_RULES.map((r) => ({
            scope: 'city',
            name: r.name,
            type: r.params.type,
            enabled: 1,
            severity: r.severity,
            params: JSON.stringify(r.params),
            hold_off_seconds: 600,
            level1_minutes: 30,
            level2_minutes: 120,
            created_at: at,
            updated_at: at,
          })),
        )
        .execute();
    },
  };
}
