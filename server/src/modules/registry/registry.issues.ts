// Zod validation issues as the error details every registry answer uses.
import type { z } from 'zod';
import type { ErrorDetail } from '@hearth/contracts/common';

/** Validation issues of a zod schema as error details (`path` is the dotted field path). */
export function issuesToDetails(error: z.ZodError, line?: number): ErrorDetail[] {
  return error.issues.map((i) => ({
    ...(line !== undefined ? { line } : {}),
    path: i.path.join('.'),
    ...(line !== undefined ? { column: String(i.path[0] ?? '') } : {}),
    reason: i.message,
  }));
}
