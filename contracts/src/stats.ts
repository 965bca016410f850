// City overview statistics (SPEC §3.1 derived figures) and the network map layer.
import { z } from 'zod';
import { ErrorBody } from './common.ts';
import { HeatSourceType } from './registry.ts';

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

/** Compact map layer: the console draws it without any tile server. */
export const NetworkMap = z.object({
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]).nullable(),
  heatSources: z.array(
    z.object({
      id: z.number(),
      name: z.string(),
      type: HeatSourceType,
      capacityMw: z.number(),
      lon: z.number(),
      lat: z.number(),
    }),
  ),
  stations: z.array(
    z.object({ id: z.number(), name: z.string(), capacityMw: z.number(), lon: z.number(), lat: z.number() }),
  ),
  pipes: z.array(
    z.object({
      id: z.number(),
      diameterMm: z.number(),
      coordinates: z.array(z.tuple([z.number(), z.number()])),
    }),
  ),
});
export type NetworkMap = z.infer<typeof NetworkMap>;

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
