// Complaints and work orders 诉求工单 (SPEC §3.7): categories, channels, states, the append-only event log, SLA clocks
// and the order's wire shapes, shared by the server, the console and the Open311 adapter.
import { z } from 'zod';
import { Id, Latitude, Longitude, PageQuery, Timestamp, pageOf } from './common.ts';

export const WORK_ORDER_CATEGORIES = [
  'indoor_temp',
  'no_heat',
  'leak',
  'fee_price',
  'heat_theft',
  'illegal_charge',
  'service_attitude',
  'connection',
  'other',
] as const;
export type WorkOrderCategory = (typeof WORK_ORDER_CATEGORIES)[number];
/** 诉求类别 */
export const WORK_ORDER_CATEGORY_LABELS: Record<WorkOrderCategory, string> = {
  indoor_temp: '室温不达标',
  no_heat: '不热/停热',
  leak: '跑冒滴漏',
  fee_price: '收费/价格',
  heat_theft: '偷热',
  illegal_charge: '乱收费',
  service_attitude: '服务态度',
  connection: '报装',
  other: '其他',
};

export const WORK_ORDER_CHANNELS = [
  'hotline_12345',
  'hotline_8890',
  'web',
  'open311',
  'import',
  'proactive',
] as const;
export type WorkOrderChannel = (typeof WORK_ORDER_CHANNELS)[number];
/** 来源渠道 */
export const WORK_ORDER_CHANNEL_LABELS: Record<WorkOrderChannel, string> = {
  hotline_12345: '12345热线',
  hotline_8890: '8890热线',
  web: '居民网页',
  open311: 'Open311接口',
  import: '热线平台导入',
  proactive: '未诉先办',
};

export const WORK_ORDER_URGENCIES = ['normal', 'urgent', 'emergency'] as const;
export type WorkOrderUrgency = (typeof WORK_ORDER_URGENCIES)[number];
/** 紧急程度 */
export const WORK_ORDER_URGENCY_LABELS: Record<WorkOrderUrgency, string> = {
  normal: '一般',
  urgent: '紧急',
  emergency: '特急',
};

/**
 * Lifecycle 受理 → 派单 → 签收 → 联系群众 → 上门 → 办结 → 回访 → 归档; 退单 sends an order back for re-dispatch,
 * 并单 closes a duplicate into its target. Derived from the event log, never stored as the truth.
 */
export const WORK_ORDER_STATES = [
  'accepted',
  'dispatched',
  'signed',
  'contacted',
  'on_site',
  'resolved',
  'rated',
  'archived',
  'returned',
  'merged',
] as const;
export type WorkOrderState = (typeof WORK_ORDER_STATES)[number];
/** 工单状态 */
export const WORK_ORDER_STATE_LABELS: Record<WorkOrderState, string> = {
  accepted: '已受理',
  dispatched: '已派单',
  signed: '已签收',
  contacted: '已联系群众',
  on_site: '已上门',
  resolved: '已办结',
  rated: '已回访',
  archived: '已归档',
  returned: '已退单',
  merged: '已并单',
};
/** states in which the order is finished for its handling unit (Open311 `closed`) */
export const CLOSED_STATES: readonly WorkOrderState[] = ['resolved', 'rated', 'archived', 'merged'];

export const WORK_ORDER_EVENT_TYPES = [
  'created',
  'dispatched',
  'signed',
  'contacted',
  'checked_in',
  'temperature_measured',
  'photo_added',
  'resolved',
  'rated',
  'archived',
  'returned',
  'supervised',
  'reopened',
  'merged_into',
  'merge_received',
  'paused',
  'resumed',
  'commented',
] as const;
export type WorkOrderEventType = (typeof WORK_ORDER_EVENT_TYPES)[number];
/** 工单事件 */
export const WORK_ORDER_EVENT_LABELS: Record<WorkOrderEventType, string> = {
  created: '受理',
  dispatched: '派单',
  signed: '签收',
  contacted: '联系群众',
  checked_in: '上门签到',
  temperature_measured: '室温测量',
  photo_added: '上传照片',
  resolved: '办结',
  rated: '回访',
  archived: '归档',
  returned: '退单',
  supervised: '督办',
  reopened: '重新打开',
  merged_into: '并入他单',
  merge_received: '并入重复诉求',
  paused: '暂停计时',
  resumed: '恢复计时',
  commented: '备注',
};

/** 办结结果 */
export const RESOLUTIONS = ['resolved', 'explained', 'unresolved'] as const;
export type Resolution = (typeof RESOLUTIONS)[number];
export const RESOLUTION_LABELS: Record<Resolution, string> = {
  resolved: '已解决',
  explained: '已解释说明',
  unresolved: '未解决',
};

/** 室温测量 with the measuring protocol (GB/T 33833-2017 practice): doors and windows shut 30 min, room centre, 1.5 m. */
export const TemperatureMeasurement = z.object({
  valueC: z.number().min(-30).max(45).describe('实测室温 / measured indoor temperature, ℃'),
  room: z.string().trim().min(1).max(40).describe('测温房间 / room, e.g. 卧室'),
  doorsWindowsClosed30Min: z.boolean().describe('门窗关闭30分钟 / doors and windows closed 30 min'),
  roomCentre: z.boolean().describe('房间中央 / at the room centre'),
  heightM: z.number().min(0.3).max(3).describe('测点高度 / height above the floor, m'),
  instrument: z.string().trim().min(1).max(80).describe('测温仪器 / instrument'),
  measuredAt: Timestamp,
});
export type TemperatureMeasurement = z.infer<typeof TemperatureMeasurement>;

/** The data each event type carries; the server validates it on write and the console reads it back. */
export const EVENT_DATA = {
  created: z.object({
    channel: z.enum(WORK_ORDER_CHANNELS),
    category: z.enum(WORK_ORDER_CATEGORIES),
    urgency: z.enum(WORK_ORDER_URGENCIES),
  }),
  dispatched: z.object({
    enterpriseId: Id.nullable(),
    departmentCodes: z.array(z.string()),
    note: z.string().max(500).optional(),
  }),
  signed: z.object({}),
  contacted: z.object({ note: z.string().trim().min(1).max(500) }),
  checked_in: z.object({
    lon: Longitude,
    lat: Latitude,
    /** metres from the order's address point; null when the order has no point */
    distanceM: z.number().nullable(),
  }),
  temperature_measured: TemperatureMeasurement,
  photo_added: z.object({
    fileId: z.string(),
    name: z.string(),
    contentType: z.string(),
    size: z.number().int(),
  }),
  resolved: z.object({ resolution: z.enum(RESOLUTIONS), note: z.string().trim().min(1).max(2000) }),
  rated: z.object({ satisfaction: z.number().int().min(1).max(5), note: z.string().max(500).optional() }),
  archived: z.object({}),
  returned: z.object({ reason: z.string().trim().min(2).max(500) }),
  supervised: z.object({ note: z.string().trim().min(1).max(500), deadline: Timestamp }),
  reopened: z.object({ reason: z.string().trim().min(2).max(500) }),
  merged_into: z.object({ targetId: Id, targetCode: z.string() }),
  merge_received: z.object({ sourceId: Id, sourceCode: z.string() }),
  paused: z.object({ reason: z.string().trim().min(2).max(200) }),
  resumed: z.object({}),
  commented: z.object({ note: z.string().trim().min(1).max(2000) }),
} as const satisfies Record<WorkOrderEventType, z.ZodType>;
export type EventData<T extends WorkOrderEventType> = z.infer<(typeof EVENT_DATA)[T]>;

/** One stored event: `seq` counts from 1 per order; the order's `version` is the last seq. */
export const WorkOrderEvent = z.object({
  seq: z.number().int().positive(),
  type: z.enum(WORK_ORDER_EVENT_TYPES),
  at: Timestamp,
  actor: z.object({ username: z.string(), role: z.string() }),
  data: z.record(z.string(), z.unknown()),
});
export type WorkOrderEvent = z.infer<typeof WorkOrderEvent>;

/** SLA clocks 时限: each starts and stops on events of the log. */
export const SLA_CLOCKS = ['sign', 'contact', 'on_site', 'temperature_test', 'close', 'callback'] as const;
export type SlaClockName = (typeof SLA_CLOCKS)[number];
export const SLA_CLOCK_LABELS: Record<SlaClockName, string> = {
  sign: '签收时限',
  contact: '联系群众时限',
  on_site: '上门时限',
  temperature_test: '室温检测时限',
  close: '办结时限',
  callback: '回访时限',
};
/**
 * waiting: not started yet; running / warning (within the warning lead) / paused / overdue (running past due);
 * met: stopped in time; missed: stopped late; not_applicable: the category has no such clock.
 */
export const SLA_STATUSES = ['waiting', 'running', 'warning', 'paused', 'overdue', 'met', 'missed'] as const;
export type SlaStatus = (typeof SLA_STATUSES)[number];
export const SLA_STATUS_LABELS: Record<SlaStatus, string> = {
  waiting: '未开始',
  running: '计时中',
  warning: '即将超时',
  paused: '已暂停',
  overdue: '已超时',
  met: '按时完成',
  missed: '超时完成',
};

export const SlaClock = z.object({
  clock: z.enum(SLA_CLOCKS),
  status: z.enum(SLA_STATUSES),
  /** minutes allowed, from the rule in force when the clock started */
  limitMinutes: z.number().int().positive(),
  calendar: z.enum(['natural', 'business']),
  startedAt: Timestamp.nullable(),
  dueAt: Timestamp.nullable(),
  stoppedAt: Timestamp.nullable(),
  /** ms of the limit left now (negative past due); null when waiting or stopped */
  remainingMs: z.number().nullable(),
});
export type SlaClock = z.infer<typeof SlaClock>;

/** A named thing beside its id, so the console shows names, never ids. */
const Named = z.object({ id: Id, name: z.string() });
const NamedCode = z.object({ code: z.string(), name: z.string() });

export const WorkOrder = z.object({
  id: Id,
  /** 工单编号 GD-YYYYMMDD-NNNNNN (city day of intake) */
  code: z.string(),
  /** 查询码: what the resident follows the order with; unique, unguessable */
  trackingCode: z.string(),
  version: z.number().int().positive(),
  channel: z.enum(WORK_ORDER_CHANNELS),
  category: z.enum(WORK_ORDER_CATEGORIES),
  urgency: z.enum(WORK_ORDER_URGENCIES),
  state: z.enum(WORK_ORDER_STATES),
  paused: z.boolean(),
  description: z.string(),
  /** caller's name and phone, masked for roles outside the personal-data list */
  callerName: z.string(),
  callerPhone: z.string(),
  address: z.string(),
  lon: z.number().nullable(),
  lat: z.number().nullable(),
  household: Named.nullable(),
  community: Named.nullable(),
  station: Named.nullable(),
  enterprise: Named.nullable(),
  departments: z.array(NamedCode),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  /** the earliest due time of a running clock (Open311 expected_datetime) */
  dueAt: Timestamp.nullable(),
  clocks: z.array(SlaClock),
  satisfaction: z.number().int().min(1).max(5).nullable(),
  mergedInto: z.object({ id: Id, code: z.string() }).nullable(),
  /** 并单: callers of the orders merged into this one */
  mergedCount: z.number().int(),
  returnCount: z.number().int(),
  reopenCount: z.number().int(),
  superviseCount: z.number().int(),
});
export type WorkOrder = z.infer<typeof WorkOrder>;
export const WorkOrderPage = pageOf(WorkOrder);

export const WorkOrderDetail = WorkOrder.extend({ events: z.array(WorkOrderEvent) });
export type WorkOrderDetail = z.infer<typeof WorkOrderDetail>;

export const WorkOrderListQuery = PageQuery.extend({
  state: z.enum(WORK_ORDER_STATES).optional(),
  category: z.enum(WORK_ORDER_CATEGORIES).optional(),
  channel: z.enum(WORK_ORDER_CHANNELS).optional(),
  urgency: z.enum(WORK_ORDER_URGENCIES).optional(),
  enterpriseId: Id.optional(),
  departmentCode: z.string().max(40).optional(),
  householdId: Id.optional(),
  /** open: not finished; overdue: a running clock past due */
  open: z.enum(['true', 'false']).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  from: Timestamp.optional(),
  to: Timestamp.optional(),
});
export type WorkOrderListQuery = z.infer<typeof WorkOrderListQuery>;

/** 受理: the desk, the resident page, Open311 and the import all come through this shape. */
export const CreateWorkOrder = z.object({
  channel: z.enum(WORK_ORDER_CHANNELS),
  category: z.enum(WORK_ORDER_CATEGORIES),
  urgency: z.enum(WORK_ORDER_URGENCIES).default('normal'),
  description: z.string().trim().min(2).max(2000),
  callerName: z.string().trim().min(1).max(40),
  callerPhone: z
    .string()
    .trim()
    .regex(/^[0-9+\-() ]{5,20}$/, '电话号码格式不正确 / not a phone number'),
  /** a known household: the address, community, station and enterprise follow from it */
  householdId: Id.optional(),
  /** free address when the household is unknown (required then) */
  address: z.string().trim().min(2).max(200).optional(),
  communityId: Id.optional(),
  lon: Longitude.optional(),
  lat: Latitude.optional(),
  /** the desk saw the duplicate suggestion and chose to merge into that order instead */
  mergeIntoId: Id.optional(),
});
export type CreateWorkOrder = z.input<typeof CreateWorkOrder>;

function step<T extends string, D extends z.ZodType>(type: T, data: D) {
  return z.object({ type: z.literal(type), version: z.number().int().positive(), data });
}

/** One lifecycle step: the event type, its data, and the version the caller saw (409 work_order.conflict if stale). */
export const WorkOrderTransition = z.discriminatedUnion('type', [
  step('dispatched', EVENT_DATA.dispatched),
  step('signed', EVENT_DATA.signed),
  step('contacted', EVENT_DATA.contacted),
  /** the server measures the distance to the order's address point */
  step('checked_in', z.object({ lon: Longitude, lat: Latitude })),
  step('temperature_measured', EVENT_DATA.temperature_measured),
  step('resolved', EVENT_DATA.resolved),
  step('rated', EVENT_DATA.rated),
  step('archived', EVENT_DATA.archived),
  step('returned', EVENT_DATA.returned),
  step('supervised', EVENT_DATA.supervised),
  step('reopened', EVENT_DATA.reopened),
  step('paused', EVENT_DATA.paused),
  step('resumed', EVENT_DATA.resumed),
  step('commented', EVENT_DATA.commented),
]);
export type WorkOrderTransition = z.infer<typeof WorkOrderTransition>;
