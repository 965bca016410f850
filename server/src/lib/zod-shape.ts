// Reads zod object schemas at run time: field names and each field's base type under optional/nullable/default.
import type { z } from 'zod';

type SchemaDef = { type: string; innerType?: z.ZodType; in?: z.ZodType };

export type BaseType =
  'number' | 'boolean' | 'string' | 'enum' | 'object' | 'array' | 'tuple' | 'literal' | string;

/** The base type of a field (`number`, `boolean`, `string`, `enum`, …) and whether null is allowed. */
export function fieldType(schema: z.ZodType): { type: BaseType; nullable: boolean } {
  let current: z.ZodType | undefined = schema;
  let nullable = false;
  for (let depth = 0; current && depth < 10; depth++) {
    const def: SchemaDef = (current as unknown as { def: SchemaDef }).def;
    if (def.type === 'nullable') nullable = true;
    if (def.type === 'optional' || def.type === 'nullable' || def.type === 'default') current = def.innerType;
    else if (def.type === 'pipe') current = def.in;
    else return { type: def.type, nullable };
  }
  return { type: 'unknown', nullable };
}

export function objectShape(schema: z.ZodType): Record<string, z.ZodType> {
  return (schema as unknown as { shape?: Record<string, z.ZodType> }).shape ?? {};
}
