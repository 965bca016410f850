// The alarm tables 报警 (alarms.migration.ts): rules with overrides, alarms, their timeline, the job lease.
import type { Generated } from 'kysely';
import type { DbTime } from '../../db/columns.ts';

export type AlarmRulesTable = {
  id: Generated<number>;
  /** the city rule an override refines; null for a city rule */
  baseRuleId: number | null;
  /** city | enterprise | station */
  scope: string;
  enterpriseId: number | null;
  stationId: number | null;
  name: string;
  type: string;
  enabled: number;
  severity: string;
  /** AlarmRuleParams as JSON text */
  params: string;
  holdOffSeconds: number;
  level1Minutes: number;
  level2Minutes: number;
  dutyContact: string | null;
  createdAt: DbTime;
  updatedAt: DbTime;
};

export type AlarmsTable = {
  id: Generated<number>;
  /** the city rule (overrides resolve to it): one open alarm per (rule, target kind, target) */
  ruleId: number;
  type: string;
  targetKind: string;
  targetId: number;
  targetName: string;
  stationId: number | null;
  stationName: string | null;
  enterpriseId: number | null;
  enterpriseName: string | null;
  severity: string;
  /** raised | acknowledged | cleared | closed */
  state: string;
  metric: string | null;
  message: string;
  value: number | null;
  threshold: number | null;
  raisedAt: DbTime;
  lastRaisedAt: DbTime;
  occurrences: number;
  acknowledgedAt: DbTime | null;
  acknowledgedBy: string | null;
  clearedAt: DbTime | null;
  closedAt: DbTime | null;
  closedBy: string | null;
  escalationLevel: number;
  escalatedAt: DbTime | null;
};

/** Append-only timeline of an alarm. */
export type AlarmEventsTable = {
  id: Generated<number>;
  alarmId: number;
  kind: string;
  at: DbTime;
  actorName: string | null;
  note: string | null;
  value: number | null;
  level: number | null;
  notified: string | null;
};

/** One row per periodic job: the process holding an unexpired lease runs it (several processes, one run). */
export type AlarmLeasesTable = {
  name: string;
  holder: string;
  expiresAt: DbTime;
};
