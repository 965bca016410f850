// City overview statistics (SPEC §3.1 derived figures) and the network map layer.
import { z } from 'zod';
import { ErrorBody } from './common.ts';
import { HeatSourceType, NodeKind, ValveKind, ValveStatus } from './registry.ts';

export const Overview = z.object({
  enterprises: z.number().int(),
  heatSources: z.number().int(),
  stations: z.number().int(),
  communities: z.number().int(),
  households: z.number().int(),
  heatedAreaM2: z.number(),
  /** share of heated area served by clean sources (all but coal boilers), 0–1 */
  cleanHeatingShare: z.number(),
  /** share of households that paid this season, 0–1 */
  paidShare: z.number(),
  vulnerableHouseholds: z.number().int(),
  capacityMw: z.number(),
  byEnergyType: z.array(
    z.object({
      type: HeatSourceType,
      label: z.string(),
      heatSources: z.number().int(),
      capacityMw: z.number(),
      heatedAreaM2: z.number(),
      households: z.number().int(),
    }),
  ),
});
export type Overview = z.infer<typeof Overview>;

/** [minLon, minLat, maxLon, maxLat] of a map layer, or null when it is empty. */
const Bbox = z.tuple([z.number(), z.number(), z.number(), z.number()]).nullable();
/** A polyline as flat lon, lat pairs: [lon0, lat0, lon1, lat1, …]. */
const FlatLine = z.array(z.number());

/**
 * Compact map layer (arrays, not objects; coordinates rounded to 5 decimals ≈ 1 m): the console draws it without any
 * tile server.
 */
export const NetworkMap = z.object({
  bbox: Bbox,
  /** [id, name, type, capacityMw, lon, lat] */
  heatSources: z.array(
    z.tuple([z.number().int(), z.string(), HeatSourceType, z.number(), z.number(), z.number()]),
  ),
  /** [id, name, capacityMw, lon, lat] */
  stations: z.array(z.tuple([z.number().int(), z.string(), z.number(), z.number(), z.number()])),
  /** [id, diameterMm, flat coordinates] */
  pipes: z.array(z.tuple([z.number().int(), z.number(), FlatLine])),
});
export type NetworkMap = z.infer<typeof NetworkMap>;

/** The pipe network's objects for the 管网 page map, compact like NetworkMap (enterprise id for the list filter). */
export const NetworkAssets = z.object({
  bbox: Bbox,
  /** [id, code, kind, enterpriseId, lon, lat] */
  nodes: z.array(z.tuple([z.number().int(), z.string(), NodeKind, z.number().int(), z.number(), z.number()])),
  /** [id, code, diameterMm, enterpriseId, flat coordinates] */
  pipes: z.array(z.tuple([z.number().int(), z.string(), z.number(), z.number().int(), FlatLine])),
  /** [id, code, kind, status, enterpriseId, lon, lat] */
  valves: z.array(
    z.tuple([z.number().int(), z.string(), ValveKind, ValveStatus, z.number().int(), z.number(), z.number()]),
  ),
});
export type NetworkAssets = z.infer<typeof NetworkAssets>;

export const ImportResult = z.object({ imported: z.number().int() });
export type ImportResult = z.infer<typeof ImportResult>;

/** Phases of an import: 解析 reading the file, 校验 rows, 核对 references and codes, 写入 the one transaction. */
export const IMPORT_PHASES = ['parsing', 'validating', 'checking', 'writing'] as const;
export const ImportPhase = z.enum(IMPORT_PHASES);
export const IMPORT_PHASE_LABELS: Record<z.infer<typeof ImportPhase>, string> = {
  parsing: '解析文件',
  validating: '校验数据',
  checking: '核对引用与编码',
  writing: '写入',
};

/** An import running in the background (POST /api/import/:entity?async=true), polled for its progress. */
export const ImportJob = z.object({
  id: z.string(),
  entity: z.string(),
  state: z.enum(['running', 'succeeded', 'failed']),
  phase: ImportPhase,
  /** units done and total of the phase: characters while parsing, rows after */
  done: z.number().int(),
  total: z.number().int(),
  imported: z.number().int().nullable(),
  error: ErrorBody.shape.error.nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type ImportJob = z.infer<typeof ImportJob>;
