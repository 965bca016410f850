// Small row ↔ API helpers shared by the resource definitions.
import { z } from 'zod';
import { toIso, type DbTime } from '../../db/schema.ts';
import { CITY_MANAGERS, REGISTRY_WRITERS } from '../auth/actor.ts';
import type { FilterDef, Row } from './registry.resource.ts';

export const times = (row: Row) => ({
  createdAt: toIso(row.createdAt as DbTime),
  updatedAt: toIso(row.updatedAt as DbTime),
});

export const num = (v: unknown): number => Number(v);
export const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
export const strOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
/** optional input → column value (undefined means "not given" → NULL) */
export const orNull = <T>(v: T | undefined | null): T | null => (v === undefined ? null : v);

export const point = (row: Row) => ({
  type: 'Point' as const,
  coordinates: [Number(row.lon), Number(row.lat)] as [number, number],
});
export const fromPoint = (g: unknown) => {
  const [lon, lat] = (g as { coordinates: [number, number] }).coordinates;
  return { lon, lat };
};

const idFilter = z.coerce.number().int().positive();
export const byId = (column: string): FilterDef => ({ column, schema: idFilter });
export const byEnum = (column: string, values: readonly [string, ...string[]]): FilterDef => ({
  column,
  schema: z.enum(values),
});
export const byFlag = (column: string): FilterDef => ({
  column,
  schema: z.enum(['true', 'false']).transform((v) => (v === 'true' ? 1 : 0)),
});

export const MANAGED = CITY_MANAGERS;
export const WRITERS = REGISTRY_WRITERS;
