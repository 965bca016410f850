// Alarm rows ↔ contracts: alarms, timeline entries and rules as the API types them (DB rows never leak).
import {
  AlarmRuleParams,
  type Alarm,
  type AlarmEvent,
  type AlarmEventKind,
  type AlarmRule,
  type AlarmSeverity,
  type AlarmState,
  type AlarmTargetKind,
  type AlarmType,
} from '@hearth/contracts/alarms';
import type { MetricKey } from '@hearth/contracts/telemetry';
import { toIso } from '../../db/schema.ts';
import type { EngineRule } from './alarm.rules.ts';
import type { AlarmEventRow, AlarmRow, AlarmRuleRow } from './alarms.repository.ts';

const isoOrNull = (v: string | Date | null) => (v === null ? null : toIso(v));

export function alarmOf(row: AlarmRow): Alarm {
  return {
    id: row.id,
    ruleId: row.ruleId,
    ruleName: '',
    type: row.type as AlarmType,
    targetKind: row.targetKind as AlarmTargetKind,
    targetId: row.targetId,
    targetName: row.targetName,
    stationId: row.stationId,
    stationName: row.stationName,
    enterpriseId: row.enterpriseId,
    enterpriseName: row.enterpriseName,
    severity: row.severity as AlarmSeverity,
    state: row.state as AlarmState,
    metric: row.metric as MetricKey | null,
    message: row.message,
    value: row.value === null ? null : Number(row.value),
    threshold: row.threshold === null ? null : Number(row.threshold),
    raisedAt: toIso(row.raisedAt),
    lastRaisedAt: toIso(row.lastRaisedAt),
    occurrences: Number(row.occurrences),
    acknowledgedAt: isoOrNull(row.acknowledgedAt),
    acknowledgedBy: row.acknowledgedBy,
    clearedAt: isoOrNull(row.clearedAt),
    closedAt: isoOrNull(row.closedAt),
    closedBy: row.closedBy,
    escalationLevel: Number(row.escalationLevel),
    escalatedAt: isoOrNull(row.escalatedAt),
  };
}

export function eventOf(row: AlarmEventRow): AlarmEvent {
  return {
    id: row.id,
    alarmId: row.alarmId,
    kind: row.kind as AlarmEventKind,
    at: toIso(row.at),
    actorName: row.actorName,
    note: row.note,
    value: row.value === null ? null : Number(row.value),
    level: row.level === null ? null : Number(row.level),
    notified: row.notified,
  };
}

export function engineRuleOf(row: AlarmRuleRow): EngineRule {
  return {
    id: row.id,
    baseRuleId: row.baseRuleId,
    scope: row.scope as EngineRule['scope'],
    enterpriseId: row.enterpriseId,
    stationId: row.stationId,
    name: row.name,
    type: row.type as AlarmType,
    enabled: Number(row.enabled) === 1,
    severity: row.severity as AlarmSeverity,
    params: AlarmRuleParams.parse(JSON.parse(row.params)),
    holdOffSeconds: Number(row.holdOffSeconds),
    level1Minutes: Number(row.level1Minutes),
    level2Minutes: Number(row.level2Minutes),
    dutyContact: row.dutyContact,
  };
}

export function ruleOf(
  row: AlarmRuleRow,
  names: { enterpriseName: string | null; stationName: string | null },
): AlarmRule {
  const r = engineRuleOf(row);
  return {
    id: r.id,
    baseRuleId: r.baseRuleId,
    scope: r.scope,
    enterpriseId: r.enterpriseId,
    enterpriseName: names.enterpriseName,
    stationId: r.stationId,
    stationName: names.stationName,
    name: r.name,
    type: r.type,
    enabled: r.enabled,
    severity: r.severity,
    params: r.params,
    holdOffSeconds: r.holdOffSeconds,
    escalation: {
      level1Minutes: r.level1Minutes,
      level2Minutes: r.level2Minutes,
      dutyContact: r.dutyContact,
    },
    updatedAt: toIso(row.updatedAt),
  };
}
