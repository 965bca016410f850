// Nesting depth of JSON text, measured on its bytes before anything parses or walks it recursively.

/**
 * The deepest nesting of arrays and objects accepted in a message: a reading needs 3 (`[{"values":{}}]`).
 * Deeper text is refused before JSON.parse, so no recursive walk over it (JSON.stringify, validation) can
 * overflow the stack.
 */
export const MAX_JSON_DEPTH = 64;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * Whether `bytes` (JSON as UTF-8) opens more than `max` arrays or objects inside each other. Brackets inside
 * strings do not count; the text need not be valid JSON (invalid text then fails JSON.parse, as before).
 * One pass, no recursion, no allocation.
 */
export function jsonDepthExceeds(bytes: Uint8Array, max = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  for (let i = 0, n = bytes.length; i < n; i++) {
    const c = bytes[i] as number;
    if (c === QUOTE) {
      for (i++; i < n; i++) {
        const d = bytes[i] as number;
        if (d === QUOTE) break;
        if (d === BACKSLASH) i++; // the escaped character, a quote included
      }
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if ((c === 0x5d || c === 0x7d) && depth > 0) depth--;
  }
  return false;
}
