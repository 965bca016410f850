// Row ↔ API mapping derived from the contracts, and the small filter helpers the definitions share.
import { z } from 'zod';
import { toIso, type DbTime } from '../../db/schema.ts';
import { fieldType, objectShape } from '../../lib/zod-shape.ts';
import type { FilterDef, Row } from './registry.resource.ts';

const TIMES = new Set(['createdAt', 'updatedAt']);

/**
 * DB row → API item, field by field as the item contract declares them: numbers as numbers, 0/1 flags as
 * booleans, times as ISO-8601 UTC, absent values as null; `overrides` build fields with no column of that name.
 */
export function itemFromRow(item: z.ZodType, overrides: Record<string, (row: Row) => unknown> = {}) {
  const fields = Object.entries(objectShape(item)).map(([key, schema]) => ({
    key,
    type: fieldType(schema).type,
  }));
  return (row: Row): Row => {
    const out: Row = {};
    for (const { key, type } of fields) {
      const override = overrides[key];
      const value = row[key];
      if (override) out[key] = override(row);
      else if (value === null || value === undefined) out[key] = null;
      else if (TIMES.has(key)) out[key] = toIso(value as DbTime);
      else if (type === 'number') out[key] = Number(value);
      else if (type === 'boolean') out[key] = Number(value) === 1;
      else out[key] = String(value);
    }
    return out;
  };
}

/**
 * Validated create input → DB columns: every field of the create contract but `enterpriseId` (the service
 * resolves ownership); booleans become 0/1, absent optionals NULL; `overrides` turn a field into columns.
 */
export function rowFromInput(create: z.ZodType, overrides: Record<string, (input: Row) => Row> = {}) {
  const keys = Object.keys(objectShape(create)).filter((k) => k !== 'enterpriseId');
  return (input: Row): Row => {
    const out: Row = {};
    for (const key of keys) {
      const override = overrides[key];
      const value = input[key];
      if (override) Object.assign(out, override(input));
      else out[key] = value === undefined ? null : typeof value === 'boolean' ? (value ? 1 : 0) : value;
    }
    return out;
  };
}

/** GeoJSON Point ↔ lon/lat columns. */
export const pointFromRow = (row: Row) => ({
  type: 'Point' as const,
  coordinates: [Number(row.lon), Number(row.lat)],
});
export const pointToColumns = (input: Row): Row => {
  const [lon, lat] = (input.geometry as { coordinates: [number, number] }).coordinates;
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

/** `q` over name and code: a LIKE on small tables. */
export const NAME_OR_CODE = [
  { column: 'name', mode: 'contains' as const },
  { column: 'code', mode: 'contains' as const },
];
