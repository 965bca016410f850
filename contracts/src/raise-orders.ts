// Cold-wave warnings 寒潮预警 and temperature-raise orders 升温令 with their compliance check 执行核查.
import { z } from 'zod';
import { Id, PageQuery, Timestamp, pageOf } from './common.ts';

export const WARNING_LEVELS = ['blue', 'yellow', 'orange', 'red'] as const;
export type WarningLevel = (typeof WARNING_LEVELS)[number];
/** 预警等级 — ordered from the mildest to the most severe */
export const WARNING_LEVEL_LABELS: Record<WarningLevel, string> = {
  blue: '蓝色预警',
  yellow: '黄色预警',
  orange: '橙色预警',
  red: '红色预警',
};

/** which daily figure a 24 h drop is measured on: the daily minimum or the daily mean */
export const DROP_BASES = ['min', 'mean'] as const;
export type DropBasis = (typeof DROP_BASES)[number];

/** One forecast day and what it triggered. */
export const WarningDay = z.object({
  /** city day YYYY-MM-DD */
  date: z.string(),
  min: z.number().describe('日最低气温 / daily minimum, ℃'),
  max: z.number().describe('日最高气温 / daily maximum, ℃'),
  mean: z.number().describe('日平均气温 / daily mean, ℃'),
  /** fall of the drop basis from the day before, ℃ (positive = colder); null for the first day */
  drop: z.number().nullable().describe('24小时降温 / 24 h drop, ℃'),
  level: z.enum(WARNING_LEVELS).nullable(),
  /** the conditions of `level` that held, e.g. `min<-6`, `drop>=8` */
  triggers: z.array(z.string()),
});
export type WarningDay = z.infer<typeof WarningDay>;

export const ColdWaveWarning = z.object({
  level: z.enum(WARNING_LEVELS).describe('预警等级 / level'),
  /** the forecast days whose highest level is this one */
  days: z.array(WarningDay),
});
export type ColdWaveWarning = z.infer<typeof ColdWaveWarning>;

export const WarningCondition = z.object({
  /** `min`: forecast daily minimum below `value`; `drop`: 24 h drop of at least `value` */
  kind: z.enum(['min', 'drop']),
  value: z.number(),
});
export type WarningCondition = z.infer<typeof WarningCondition>;

export const WarningsResponse = z.object({
  generatedAt: Timestamp,
  dropBasis: z.enum(DROP_BASES),
  /** the configured levels: a level holds when any of its conditions does */
  levels: z.array(z.object({ level: z.enum(WARNING_LEVELS), conditions: z.array(WarningCondition) })),
  /** today and the forecast days after it */
  days: z.array(WarningDay),
  /** most severe first */
  warnings: z.array(ColdWaveWarning),
});
export type WarningsResponse = z.infer<typeof WarningsResponse>;

export const RAISE_SCOPES = ['city', 'enterprises', 'stations'] as const;
export type RaiseScope = (typeof RAISE_SCOPES)[number];
export const RAISE_SCOPE_LABELS: Record<RaiseScope, string> = {
  city: '全市',
  enterprises: '指定企业',
  stations: '指定换热站',
};

export const RAISE_MODES = ['increase', 'target'] as const;
export type RaiseMode = (typeof RAISE_MODES)[number];
export const RAISE_MODE_LABELS: Record<RaiseMode, string> = {
  increase: '提高二次供水温度',
  target: '二次供水温度达到',
};

export const RAISE_ORDER_STATUSES = ['issued', 'cancelled', 'checked'] as const;
export type RaiseOrderStatus = (typeof RAISE_ORDER_STATUSES)[number];
export const RAISE_ORDER_STATUS_LABELS: Record<RaiseOrderStatus, string> = {
  issued: '已下达',
  cancelled: '已撤销',
  checked: '已核查',
};

export const COMPLIANCE_OUTCOMES = ['complied', 'not_complied', 'no_data'] as const;
export type ComplianceOutcome = (typeof COMPLIANCE_OUTCOMES)[number];
export const COMPLIANCE_OUTCOME_LABELS: Record<ComplianceOutcome, string> = {
  complied: '已执行',
  not_complied: '未执行',
  no_data: '无数据',
};

export const CreateRaiseOrder = z
  .object({
    scope: z.enum(RAISE_SCOPES).describe('范围 / scope'),
    enterpriseIds: z.array(Id).max(500).default([]),
    stationIds: z.array(Id).max(5000).default([]),
    mode: z.enum(RAISE_MODES).describe('要求 / requirement'),
    /** ℃: the increase of the secondary supply temperature (mode increase) or its target (mode target) */
    value: z.number().min(0.1).max(110).describe('温度 / ℃'),
    effectiveAt: z.iso.datetime({ offset: true }).describe('生效时间 / effective from'),
    deadline: z.iso.datetime({ offset: true }).describe('完成时限 / deadline'),
    reason: z.string().trim().min(1).max(500).describe('原因 / reason'),
    /** the warning day (YYYY-MM-DD) and level the order answers, if any */
    warningDate: z.iso.date().nullable().default(null),
    warningLevel: z.enum(WARNING_LEVELS).nullable().default(null),
  })
  .refine((o) => o.scope !== 'enterprises' || o.enterpriseIds.length > 0, {
    path: ['enterpriseIds'],
    message: '请选择企业 / choose at least one enterprise',
  })
  .refine((o) => o.scope !== 'stations' || o.stationIds.length > 0, {
    path: ['stationIds'],
    message: '请选择换热站 / choose at least one station',
  })
  .refine((o) => Date.parse(o.deadline) > Date.parse(o.effectiveAt), {
    path: ['deadline'],
    message: '完成时限必须晚于生效时间 / the deadline must be after the effective time',
  });
export type CreateRaiseOrder = z.input<typeof CreateRaiseOrder>;

export const RaiseOrderSummary = z.object({
  total: z.number().int(),
  complied: z.number().int(),
  notComplied: z.number().int(),
  noData: z.number().int(),
});
export type RaiseOrderSummary = z.infer<typeof RaiseOrderSummary>;

export const RaiseOrder = z.object({
  id: z.number().int(),
  code: z.string().describe('令号 / order number'),
  scope: z.enum(RAISE_SCOPES),
  enterprises: z.array(z.object({ id: z.number().int(), name: z.string() })),
  stations: z.array(z.object({ id: z.number().int(), name: z.string() })),
  mode: z.enum(RAISE_MODES),
  value: z.number(),
  effectiveAt: Timestamp,
  deadline: Timestamp,
  reason: z.string(),
  warningDate: z.string().nullable(),
  warningLevel: z.enum(WARNING_LEVELS).nullable(),
  status: z.enum(RAISE_ORDER_STATUSES),
  issuedBy: z.string(),
  issuedAt: Timestamp,
  cancelledAt: Timestamp.nullable(),
  checkedAt: Timestamp.nullable(),
  /** the stored check's counts (the caller's enterprise only for enterprise users); null before the check */
  summary: RaiseOrderSummary.nullable(),
});
export type RaiseOrder = z.infer<typeof RaiseOrder>;

export const RaiseOrderQuery = PageQuery.extend({
  status: z.enum(RAISE_ORDER_STATUSES).optional(),
  enterpriseId: z.coerce.number().int().positive().optional(),
  /** issued on or after this city day */
  from: z.iso.date().optional(),
  /** issued on or before this city day */
  to: z.iso.date().optional(),
});
export const RaiseOrderPage = pageOf(RaiseOrder);

export const StationCompliance = z.object({
  stationId: z.number().int(),
  stationName: z.string(),
  stationCode: z.string(),
  outcome: z.enum(COMPLIANCE_OUTCOMES),
  /** mean secondary supply temperature before the effective time, ℃ */
  baseline: z.number().nullable(),
  /** mean after the deadline, ℃ */
  after: z.number().nullable(),
  /** the increase the order asked of this station, ℃ (mode target: target − baseline) */
  required: z.number().nullable(),
  /** after − baseline, ℃ */
  achieved: z.number().nullable(),
  baselineReadings: z.number().int(),
  afterReadings: z.number().int(),
});
export type StationCompliance = z.infer<typeof StationCompliance>;

export const EnterpriseCompliance = z.object({
  enterpriseId: z.number().int(),
  enterpriseName: z.string(),
  complied: z.number().int(),
  notComplied: z.number().int(),
  noData: z.number().int(),
  stations: z.array(StationCompliance),
});
export type EnterpriseCompliance = z.infer<typeof EnterpriseCompliance>;

export const ComplianceReport = z.object({
  /** stored: the check after the deadline (stable); live: computed now, not stored */
  kind: z.enum(['stored', 'live', 'pending']),
  checkedAt: Timestamp.nullable(),
  baselineWindow: z.object({ from: Timestamp, to: Timestamp }),
  afterWindow: z.object({ from: Timestamp, to: Timestamp }),
  /** ℃ of slack a station may fall short by and still comply */
  toleranceC: z.number(),
  enterprises: z.array(EnterpriseCompliance),
});
export type ComplianceReport = z.infer<typeof ComplianceReport>;

export const RaiseOrderDetail = RaiseOrder.extend({ compliance: ComplianceReport });
export type RaiseOrderDetail = z.infer<typeof RaiseOrderDetail>;
