// Turns CSV text cells into typed values by reading the target zod object schema (number, boolean, string, enum).
import type { z } from 'zod';

type SchemaDef = { type: string; innerType?: z.ZodType; in?: z.ZodType };

function baseType(schema: z.ZodType): string {
  let current: z.ZodType | undefined = schema;
  for (let depth = 0; current && depth < 10; depth++) {
    const def: SchemaDef = (current as unknown as { def: SchemaDef }).def;
    if (def.type === 'optional' || def.type === 'nullable' || def.type === 'default') current = def.innerType;
    else if (def.type === 'pipe') current = def.in;
    else return def.type;
  }
  return 'unknown';
}

const TRUE = new Set(['true', '1', 'yes', 'y', '是']);
const FALSE = new Set(['false', '0', 'no', 'n', '否']);

/** '' → undefined (field absent); numbers and booleans parsed; anything unparseable is left as text for zod to reject. */
export function coerceCell(schema: z.ZodType | undefined, raw: string): unknown {
  const text = raw.trim();
  if (text === '') return undefined;
  switch (schema ? baseType(schema) : 'string') {
    case 'number': {
      const n = Number(text);
      return /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text) && Number.isFinite(n) ? n : text;
    }
    case 'boolean': {
      const lower = text.toLowerCase();
      if (TRUE.has(lower)) return true;
      if (FALSE.has(lower)) return false;
      return text;
    }
    default:
      return text;
  }
}

export function objectShape(schema: z.ZodType): Record<string, z.ZodType> {
  return (schema as unknown as { shape?: Record<string, z.ZodType> }).shape ?? {};
}
