// Turns CSV text cells into typed values by reading the target zod field (number, boolean, string, enum).
import type { z } from 'zod';
import { fieldType } from '../../lib/zod-shape.ts';

const TRUE = new Set(['true', '1', 'yes', 'y', '是']);
const FALSE = new Set(['false', '0', 'no', 'n', '否']);

/** '' → undefined (field absent); numbers and booleans parsed; anything unparseable is left as text for zod to reject. */
export function coerceCell(schema: z.ZodType | undefined, raw: string): unknown {
  const text = raw.trim();
  if (text === '') return undefined;
  switch (schema ? fieldType(schema).type : 'string') {
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
