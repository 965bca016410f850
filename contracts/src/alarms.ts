// Alarm contract (SPEC §3.3): alarms with their lifecycle and timeline, list/export queries, the rule
// configuration (city rules with per-enterprise / per-station overrides) and the live event.
//
// Routes served by the server (server/src/modules/alarms/alarms.routes.ts):
//   GET    /api/alarms                     AlarmListQuery → AlarmPage           (enterprise users: own alarms only)
//   GET    /api/alarms/summary             → AlarmSummary (open alarms by severity and state, in scope)
//   GET    /api/alarms/export              AlarmExportQuery → CSV / XLSX (Chinese headers, city time)
//   GET    /api/alarms/stream              SSE (`?access_token=`), event `alarm`: AlarmLiveEvent (in scope)
//   GET    /api/alarms/:id                 → AlarmDetail (alarm + timeline; foreign id → 404)
//   POST   /api/alarms/:id/acknowledge     AcknowledgeAlarm → Alarm   (permission alarms.handle)
//   POST   /api/alarms/:id/close           CloseAlarm → Alarm         (permission alarms.handle)
//   GET    /api/alarm-rules                → AlarmRule[]               (permission alarmRules.read)
//   POST   /api/alarm-rules                CreateAlarmRule → AlarmRule (permission alarmRules.write, audited)
//   PATCH  /api/alarm-rules/:id            UpdateAlarmRule → AlarmRule (permission alarmRules.write, audited)
//   DELETE /api/alarm-rules/:id            204                         (permission alarmRules.write, audited)
//
// Webhook events (topic `alarm.<state change>`, payload AlarmWebhookPayload) are enqueued in the transaction of
// every state change: alarm.raised, alarm.reraised, alarm.acknowledged, alarm.cleared, alarm.escalated,
// alarm.closed.
import { z } from 'zod';
import { PageQuery, pageOf, Timestamp } from './common.ts';
import { METRIC_KEYS, type MetricKey } from './telemetry.ts';

// ---- enums and labels ----
export const ALARM_TYPES = [
  'threshold',
  'supply_deviation',
  'indoor_low',
  'offline',
  'leak',
  'fuel_reserve',
  'overdue_work',
] as const;
export const AlarmType = z.enum(ALARM_TYPES);
export type AlarmType = z.infer<typeof AlarmType>;
export const ALARM_TYPE_LABELS: Record<AlarmType, string> = {
  threshold: '越限报警',
  supply_deviation: '供温偏离',
  indoor_low: '室温不达标',
  offline: '离线/数据中断',
  leak: '疑似泄漏',
  fuel_reserve: '燃料储备不足',
  overdue_work: '工单超期',
};

export const ALARM_STATES = ['raised', 'acknowledged', 'cleared', 'closed'] as const;
export const AlarmState = z.enum(ALARM_STATES);
export type AlarmState = z.infer<typeof AlarmState>;
export const ALARM_STATE_LABELS: Record<AlarmState, string> = {
  raised: '未确认',
  acknowledged: '已确认',
  cleared: '已恢复',
  closed: '已关闭',
};

export const ALARM_SEVERITIES = ['info', 'warning', 'major', 'critical'] as const;
export const AlarmSeverity = z.enum(ALARM_SEVERITIES);
export type AlarmSeverity = z.infer<typeof AlarmSeverity>;
export const ALARM_SEVERITY_LABELS: Record<AlarmSeverity, string> = {
  info: '提示',
  warning: '一般',
  major: '重要',
  critical: '紧急',
};

/** What an alarm is about. Stations and households come from telemetry; the hooks raise on the others. */
export const ALARM_TARGET_KINDS = ['station', 'household', 'heat_source', 'work_order'] as const;
export const AlarmTargetKind = z.enum(ALARM_TARGET_KINDS);
export type AlarmTargetKind = z.infer<typeof AlarmTargetKind>;
export const ALARM_TARGET_KIND_LABELS: Record<AlarmTargetKind, string> = {
  station: '换热站',
  household: '住户',
  heat_source: '热源',
  work_order: '工单',
};

export const ALARM_EVENT_KINDS = [
  'raised',
  'reraised',
  'acknowledged',
  'cleared',
  'escalated',
  'closed',
] as const;
export const AlarmEventKind = z.enum(ALARM_EVENT_KINDS);
export type AlarmEventKind = z.infer<typeof AlarmEventKind>;
export const ALARM_EVENT_LABELS: Record<AlarmEventKind, string> = {
  raised: '触发',
  reraised: '再次触发',
  acknowledged: '确认',
  cleared: '恢复',
  escalated: '升级',
  closed: '关闭',
};

export const RULE_SCOPES = ['city', 'enterprise', 'station'] as const;
export const RuleScope = z.enum(RULE_SCOPES);
export type RuleScope = z.infer<typeof RuleScope>;
export const RULE_SCOPE_LABELS: Record<RuleScope, string> = {
  city: '全市',
  enterprise: '企业',
  station: '换热站',
};

export const THRESHOLD_DIRECTIONS = ['above', 'below'] as const;
export const ThresholdDirection = z.enum(THRESHOLD_DIRECTIONS);
export const THRESHOLD_DIRECTION_LABELS: Record<z.infer<typeof ThresholdDirection>, string> = {
  above: '高于',
  below: '低于',
};

/** Escalation levels: 0 none, 1 the supervisors (供热主管部门), 2 the rule's duty contact (值班人). */
export const ESCALATION_LEVEL_LABELS: Record<'0' | '1' | '2', string> = {
  '0': '未升级',
  '1': '已升级至主管部门',
  '2': '已升级至值班人',
};

// ---- alarm and timeline ----
export const Alarm = z.object({
  id: z.number().int(),
  ruleId: z.number().int().describe('报警规则 the city rule (overrides resolve to their base rule)'),
  ruleName: z.string(),
  type: AlarmType,
  targetKind: AlarmTargetKind,
  targetId: z.number().int(),
  targetName: z.string().describe('换热站 / 住户 / 热源 / 工单 name'),
  /** the station the target belongs to (a household's station), for the station filter */
  stationId: z.number().int().nullable(),
  stationName: z.string().nullable(),
  enterpriseId: z.number().int().nullable(),
  enterpriseName: z.string().nullable(),
  severity: AlarmSeverity,
  state: AlarmState,
  /** the metric a telemetry rule watched (null for offline and hook alarms) */
  metric: z.enum(METRIC_KEYS as [MetricKey, ...MetricKey[]]).nullable(),
  message: z.string().describe('报警内容, Chinese'),
  /** the value that raised it (last raising value on a re-raise), in the metric's unit */
  value: z.number().nullable(),
  /** the limit it crossed (for deviations: the target ± band), in the metric's unit */
  threshold: z.number().nullable(),
  raisedAt: Timestamp,
  /** last time the condition (re)appeared — later than raisedAt after a flap within the hold-off */
  lastRaisedAt: Timestamp,
  /** times the condition appeared on this alarm (1 + re-raises within the hold-off) */
  occurrences: z.number().int(),
  acknowledgedAt: Timestamp.nullable(),
  acknowledgedBy: z.string().nullable().describe('display name'),
  clearedAt: Timestamp.nullable(),
  closedAt: Timestamp.nullable(),
  closedBy: z
    .string()
    .nullable()
    .describe(
      'display name; null: closed by the engine (系统) when the condition returned after the hold-off',
    ),
  escalationLevel: z.number().int().min(0).max(2),
  escalatedAt: Timestamp.nullable(),
});
export type Alarm = z.infer<typeof Alarm>;

export const AlarmEvent = z.object({
  id: z.number().int(),
  alarmId: z.number().int(),
  kind: AlarmEventKind,
  at: Timestamp,
  /** display name of the user; null for the engine (系统) */
  actorName: z.string().nullable(),
  note: z.string().nullable(),
  value: z.number().nullable(),
  /** escalation level reached (escalated events) */
  level: z.number().int().nullable(),
  /** who was notified on escalation: 主管部门 or the duty contact */
  notified: z.string().nullable(),
});
export type AlarmEvent = z.infer<typeof AlarmEvent>;

export const AlarmDetail = z.object({ alarm: Alarm, events: z.array(AlarmEvent) });
export type AlarmDetail = z.infer<typeof AlarmDetail>;

/** `open` = any state but closed. */
export const ALARM_STATE_FILTERS = [...ALARM_STATES, 'open'] as const;

const AlarmFilter = z.object({
  state: z.enum(ALARM_STATE_FILTERS).optional(),
  severity: AlarmSeverity.optional(),
  type: AlarmType.optional(),
  enterpriseId: z.coerce.number().int().positive().optional(),
  stationId: z.coerce.number().int().positive().optional(),
  targetKind: AlarmTargetKind.optional(),
  /** raisedAt ≥ from (ISO 8601) */
  from: z.iso.datetime({ offset: true }).optional(),
  /** raisedAt < to (ISO 8601) */
  to: z.iso.datetime({ offset: true }).optional(),
});
export const ALARM_SORTS = ['raisedAt', '-raisedAt', 'severity', '-severity'] as const;
/** Query of `GET /api/alarms` (`q` searches target, station and enterprise names); default sort `-raisedAt`. */
export const AlarmListQuery = PageQuery.omit({ sort: true }).extend({
  ...AlarmFilter.shape,
  sort: z.enum(ALARM_SORTS).default('-raisedAt'),
});
export type AlarmListQuery = z.input<typeof AlarmListQuery>;
/** Query of `GET /api/alarms/export`: the list filters and the sheet format. */
export const AlarmExportQuery = AlarmFilter.extend({
  q: z.string().trim().max(100).optional(),
  format: z.enum(['csv', 'xlsx']).default('csv'),
});
export const AlarmPage = pageOf(Alarm);
export type AlarmPage = z.infer<typeof AlarmPage>;

export const AlarmSummary = z.object({
  open: z.number().int(),
  unacknowledged: z.number().int(),
  bySeverity: z.record(AlarmSeverity, z.number().int()),
});
export type AlarmSummary = z.infer<typeof AlarmSummary>;

export const AcknowledgeAlarm = z.object({ note: z.string().trim().max(500).optional() });
export type AcknowledgeAlarm = z.infer<typeof AcknowledgeAlarm>;
export const CloseAlarm = z.object({ note: z.string().trim().min(1).max(500) });
export type CloseAlarm = z.infer<typeof CloseAlarm>;

/** SSE `alarm` event of `/api/alarms/stream` (and the webhook payload): the change and the alarm after it. */
export const AlarmLiveEvent = z.object({ event: AlarmEventKind, alarm: Alarm });
export type AlarmLiveEvent = z.infer<typeof AlarmLiveEvent>;
export const AlarmWebhookPayload = AlarmLiveEvent.extend({ at: Timestamp });
export type AlarmWebhookPayload = z.infer<typeof AlarmWebhookPayload>;

// ---- rules ----
const Seconds = z
  .number()
  .int()
  .min(0)
  .max(7 * 86_400);
const StationMetric = z.enum(METRIC_KEYS as [MetricKey, ...MetricKey[]]);

/** Per-type settings; `type` repeats the rule's type. */
export const AlarmRuleParams = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('threshold'),
    metric: StationMetric,
    direction: ThresholdDirection,
    limit: z.number(),
    /** the condition must hold this long before it raises (0: at once) */
    forSeconds: Seconds.default(0),
  }),
  z.object({
    type: z.literal('supply_deviation'),
    metric: z.enum(['secondarySupplyTemp', 'primarySupplyTemp']).default('secondarySupplyTemp'),
    /** ℃ off the weather-compensation target, either way */
    bandC: z.number().positive().max(50),
    forSeconds: Seconds.default(1800),
  }),
  z.object({
    type: z.literal('indoor_low'),
    /** indoor standard, ℃ (GB/T 33833: 18) */
    standardC: z.number().min(5).max(30).default(18),
    forSeconds: Seconds.default(3600),
  }),
  z.object({
    type: z.literal('offline'),
    /** no reading for this many minutes */
    afterMinutes: z.number().int().min(1).max(10_080).default(30),
  }),
  z.object({
    type: z.literal('leak'),
    /** make-up water above the station's rolling baseline × factor */
    factor: z.number().min(1).max(100).default(2),
    /** rolling baseline window, hours */
    baselineHours: z.number().min(1).max(720).default(24),
    /** or secondary return pressure this many MPa below its baseline (0: off) */
    pressureDropMpa: z.number().min(0).max(2).default(0.05),
    forSeconds: Seconds.default(600),
  }),
  z.object({
    type: z.literal('fuel_reserve'),
    /** reserve days below which the fuel module raises (it reports severity per level) */
    warnDays: z.number().min(0).max(365).default(20),
    criticalDays: z.number().min(0).max(365).default(15),
  }),
  z.object({ type: z.literal('overdue_work') }),
]);
export type AlarmRuleParams = z.infer<typeof AlarmRuleParams>;

export const AlarmEscalation = z.object({
  /** minutes unacknowledged before level 1 (supervisors); 0: never */
  level1Minutes: z.number().int().min(0).max(10_080).default(30),
  /** minutes unacknowledged before level 2 (the duty contact); 0: never */
  level2Minutes: z.number().int().min(0).max(10_080).default(120),
  /** 值班人 named duty contact (name and phone/handle), level 2 */
  dutyContact: z.string().trim().max(100).nullable().default(null),
});
export type AlarmEscalation = z.infer<typeof AlarmEscalation>;

export const AlarmRule = z.object({
  id: z.number().int(),
  /** the city rule an override refines (null for a city rule) */
  baseRuleId: z.number().int().nullable(),
  scope: RuleScope,
  enterpriseId: z.number().int().nullable(),
  enterpriseName: z.string().nullable(),
  stationId: z.number().int().nullable(),
  stationName: z.string().nullable(),
  name: z.string(),
  type: AlarmType,
  enabled: z.boolean(),
  severity: AlarmSeverity,
  params: AlarmRuleParams,
  /** a condition that returns within this many seconds of clearing re-opens the same alarm */
  holdOffSeconds: z.number().int(),
  escalation: AlarmEscalation,
  updatedAt: Timestamp,
});
export type AlarmRule = z.infer<typeof AlarmRule>;

/** A city rule (no baseRuleId) or an override of one for an enterprise or a station (same type as its base). */
export const CreateAlarmRule = z.object({
  baseRuleId: z.number().int().positive().optional(),
  scope: RuleScope.default('city'),
  enterpriseId: z.number().int().positive().optional(),
  stationId: z.number().int().positive().optional(),
  name: z.string().trim().min(1).max(60),
  enabled: z.boolean().default(true),
  severity: AlarmSeverity.default('warning'),
  params: AlarmRuleParams,
  holdOffSeconds: z.number().int().min(0).max(86_400).default(600),
  escalation: AlarmEscalation.default({ level1Minutes: 30, level2Minutes: 120, dutyContact: null }),
});
export type CreateAlarmRule = z.input<typeof CreateAlarmRule>;
export const UpdateAlarmRule = z.object({
  name: z.string().trim().min(1).max(60).optional(),
  enabled: z.boolean().optional(),
  severity: AlarmSeverity.optional(),
  params: AlarmRuleParams.optional(),
  holdOffSeconds: z.number().int().min(0).max(86_400).optional(),
  escalation: AlarmEscalation.partial().optional(),
});
export type UpdateAlarmRule = z.input<typeof UpdateAlarmRule>;
