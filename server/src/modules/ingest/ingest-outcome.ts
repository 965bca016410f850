// What ingest answers for one message: a status per item, kept compact (one small integer each, reasons only
// for rejections), turned into the API's result objects on demand or written straight to the HTTP answer's
// JSON bytes — 50,000 result objects and their JSON.stringify cost more than storing the readings.
import type { IngestItemResult, IngestRejectionCode } from '@hearth/contracts/telemetry';

export const ACCEPTED = 0;
export const OUT_OF_ORDER = 1;
export const DUPLICATE = 2;
export const REJECTED = 3;

export type Rejection = { code: IngestRejectionCode; reason: string };

export type IngestOutcome = {
  /** per item: ACCEPTED | OUT_OF_ORDER (accepted, older than the target's newest) | DUPLICATE | REJECTED */
  statuses: number[];
  /** the reason of each rejected item (made on the first) */
  rejections: Map<number, Rejection> | null;
  accepted: number;
  duplicates: number;
  rejected: number;
  outOfOrder: number;
};

export function createOutcome(items: number): IngestOutcome {
  return {
    statuses: new Array<number>(items).fill(REJECTED),
    rejections: null,
    accepted: 0,
    duplicates: 0,
    rejected: 0,
    outOfOrder: 0,
  };
}

function result(o: IngestOutcome, index: number): IngestItemResult {
  switch (o.statuses[index]) {
    case ACCEPTED:
      return { index, status: 'accepted' };
    case OUT_OF_ORDER:
      return { index, status: 'accepted', outOfOrder: true };
    case DUPLICATE:
      return { index, status: 'duplicate' };
    default: {
      const r = o.rejections?.get(index);
      return { index, status: 'rejected', code: r?.code ?? 'reading.malformed', reason: r?.reason ?? '' };
    }
  }
}

/** One result per item, in order (the contract's IngestItemResult). */
export function outcomeResults(o: IngestOutcome): IngestItemResult[] {
  return o.statuses.map((_, index) => result(o, index));
}

const ascii = (s: string) => Buffer.from(s, 'latin1');
const ITEM_HEAD = ascii('{"index":');
const TAIL: Record<number, Buffer> = {
  [ACCEPTED]: ascii(',"status":"accepted"}'),
  [OUT_OF_ORDER]: ascii(',"status":"accepted","outOfOrder":true}'),
  [DUPLICATE]: ascii(',"status":"duplicate"}'),
};

/** writes the non-negative integer n at `at` of `out`; returns the position after it */
function writeInt(out: Buffer, at: number, n: number): number {
  let digits = 1;
  for (let x = n; x >= 10; x = Math.floor(x / 10)) digits++;
  for (let i = at + digits - 1, x = n; i >= at; i--, x = Math.floor(x / 10)) out[i] = 0x30 + (x % 10);
  return at + digits;
}

/**
 * The HTTP answer `{ accepted, duplicates, rejected, results }` as UTF-8 JSON bytes — the same bytes
 * JSON.stringify gives for it (the test holds it to that).
 */
export function outcomeJson(o: IngestOutcome): Buffer {
  const head = ascii(
    `{"accepted":${o.accepted},"duplicates":${o.duplicates},"rejected":${o.rejected},"results":[`,
  );
  const n = o.statuses.length;
  const rejected = new Map<number, Buffer>();
  let size = head.length + 2;
  for (let index = 0; index < n; index++) {
    if (o.statuses[index] !== REJECTED) continue;
    const json = Buffer.from(JSON.stringify(result(o, index)), 'utf8');
    rejected.set(index, json);
    size += json.length + 1;
  }
  // the longest other item: head, 10 digits, the out-of-order tail, a comma
  size += o.statuses.length * (ITEM_HEAD.length + 10 + (TAIL[OUT_OF_ORDER] as Buffer).length + 1);
  const out = Buffer.allocUnsafe(size);
  let at = head.copy(out, 0);
  for (let index = 0; index < n; index++) {
    if (index > 0) out[at++] = 0x2c;
    const status = o.statuses[index] as number;
    const json = status === REJECTED ? rejected.get(index) : undefined;
    if (json) {
      json.copy(out, at);
      at += json.length;
      continue;
    }
    ITEM_HEAD.copy(out, at);
    at = writeInt(out, at + ITEM_HEAD.length, index);
    const tail = TAIL[status] as Buffer;
    tail.copy(out, at);
    at += tail.length;
  }
  out[at++] = 0x5d;
  out[at++] = 0x7d;
  return out.subarray(0, at);
}
