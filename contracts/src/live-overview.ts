// The city now 城市实时概览 (GET /api/overview/live): station statuses, indoor compliance, coldest communities, heat load.
import { z } from 'zod';

/** a community among the coldest 最冷小区: mean of its households' fresh indoor readings */
export const ColdCommunity = z.object({
  communityId: z.number().int(),
  name: z.string().describe('小区名称 / community name'),
  enterpriseId: z.number().int(),
  enterpriseName: z.string().describe('供热企业 / enterprise name'),
  /** mean indoor temperature of its reporting households, ℃ */
  meanIndoorC: z.number(),
  /** its households reporting within the stale window (each counts once) */
  sensors: z.number().int(),
  /** of them below the indoor standard */
  belowStandard: z.number().int(),
});
export type ColdCommunity = z.infer<typeof ColdCommunity>;

export const LiveOverview = z.object({
  /** when these figures were computed (ISO-8601 UTC) */
  at: z.string(),
  /** the city's time zone (IANA), for showing `at` in city time */
  timeZone: z.string(),
  /** the caller's enterprise (enterprise users), or null for city-wide roles */
  enterprise: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  stations: z.object({
    total: z.number().int(),
    online: z.number().int(),
    stale: z.number().int(),
    offline: z.number().int(),
    noData: z.number().int().describe('从未上报 / never reported'),
  }),
  indoor: z.object({
    /** the indoor temperature standard HEARTH_INDOOR_STANDARD, ℃ */
    standardC: z.number(),
    /** households whose newest indoor reading is fresh (within the stale window) */
    reporting: z.number().int(),
    belowStandard: z.number().int(),
    /** 室温合格率: share of reporting households at or above the standard, 0–1; null when none reports */
    compliance: z.number().nullable(),
    meanC: z.number().nullable(),
    /** the 5 coldest communities, coldest first */
    coldest: z.array(ColdCommunity),
  }),
  heatLoad: z.object({
    /** sum of the latest heat power 热功率 of the online and stale stations, MW */
    loadMw: z.number(),
    /** stations whose latest heat power is counted */
    reportingStations: z.number().int(),
    /** installed capacity of the heat sources in scope, MW */
    sourceCapacityMw: z.number(),
    /** summed capacity of the stations in scope, MW */
    stationCapacityMw: z.number(),
  }),
  /** outdoor temperature 室外温度, ℃: mean of the stations' fresh outdoor readings; null when none measures it */
  outdoorTempC: z.number().nullable(),
  /** where it comes from: the stations' readings, or the weather store (气象实况/预报) while no station measures it */
  outdoorSource: z.enum(['stations', 'weather']).nullable(),
});
export type LiveOverview = z.infer<typeof LiveOverview>;
