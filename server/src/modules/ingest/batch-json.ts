// Parses a large JSON array body (an HTTP ingest batch) in pieces of about 64 KB. One multi-megabyte string
// and the objects parsed from it would be allocated in V8's old generation (large-object space, pretenuring),
// forcing a full mark-compact every few requests; pieces stay small and die young. The result is exactly
// JSON.parse of the whole text, which also stays the fallback for anything unusual.

/** bodies below this are parsed in one go (V8 puts strings over ~128 KB in its large-object space) */
export const PIECE_BYTES = 64 * 1024;

const OPEN = 0x5b; // [
const CLOSE = 0x5d; // ]
const SEPARATOR = Buffer.from('},{');

const isSpace = (b: number | undefined) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;

/**
 * JSON.parse(body as UTF-8), piecewise for a large top-level array. Pieces are cut after a `}` that is
 * followed by `,{`. A cut that is not between two top-level elements (inside a string, or inside a nested
 * array) leaves a piece that is not valid JSON on its own — a string or bracket left open — so its parse
 * fails and the whole text is parsed instead; when every piece parses, each cut was a top-level comma and
 * the concatenation equals the whole parse. Throws JSON.parse's own SyntaxError for invalid JSON.
 */
export function parseJsonBody(body: Buffer, pieceBytes = PIECE_BYTES): unknown {
  const whole = () => JSON.parse(body.toString('utf8')) as unknown;
  if (body.length <= pieceBytes * 2) return whole();
  let start = 0;
  while (isSpace(body[start])) start++;
  let end = body.length;
  while (isSpace(body[end - 1])) end--;
  if (body[start] !== OPEN || body[end - 1] !== CLOSE) return whole();
  start++; // first element
  end--; // after the last
  const out: unknown[] = [];
  while (start < end) {
    const cut = end - start > pieceBytes * 1.5 ? body.indexOf(SEPARATOR, start + pieceBytes) : -1;
    const stop = cut === -1 || cut >= end ? end : cut + 1;
    let piece: unknown;
    try {
      piece = JSON.parse(`[${body.toString('utf8', start, stop)}]`);
    } catch {
      return whole();
    }
    for (const item of piece as unknown[]) out.push(item);
    start = stop === end ? end : stop + 1; // past the comma
  }
  return out;
}
