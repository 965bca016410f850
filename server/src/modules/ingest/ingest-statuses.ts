// Gives every stored row of a message its status once the commits have answered: duplicate, or accepted — and
// out of order when older than the newest reading of its target stored before it.
import { ACCEPTED, DUPLICATE, OUT_OF_ORDER, type IngestOutcome } from './ingest-outcome.ts';

/** rows of one message on their way to a commit, with each row's item index and time */
export type Part = { stored: Promise<Uint8Array>; rowIndex: number[]; times: number[] };

/**
 * Marks the rows of `parts` (answered with `flags`, 1 = new) in item order; returns the newest time accepted
 * in order (or `newestSeen`).
 */
export function markStatuses(
  outcome: IngestOutcome,
  parts: readonly Part[],
  flags: readonly Uint8Array[],
  newestSeen: number,
): number {
  let latest = newestSeen;
  const statuses = outcome.statuses;
  const mark = (index: number, ts: number, isNew: boolean) => {
    if (!isNew) {
      statuses[index] = DUPLICATE;
      outcome.duplicates++;
    } else if (ts < latest) {
      statuses[index] = OUT_OF_ORDER;
      outcome.accepted++;
      outcome.outOfOrder++;
    } else {
      latest = ts;
      statuses[index] = ACCEPTED;
      outcome.accepted++;
    }
  };
  if (parts.length === 1) {
    const [part] = parts as [Part];
    const stored = flags[0] as Uint8Array;
    for (let r = 0; r < part.rowIndex.length; r++) {
      mark(part.rowIndex[r] as number, part.times[r] as number, stored[r] === 1);
    }
  } else {
    forEachInItemOrder(parts, (q, r) => {
      const part = parts[q] as Part;
      mark(part.rowIndex[r] as number, part.times[r] as number, (flags[q] as Uint8Array)[r] === 1);
    });
  }
  return latest;
}

/** visits the rows of the parts merged by item index (each part's rows are in item order): part, row */
function forEachInItemOrder(parts: readonly Part[], visit: (q: number, r: number) => void): void {
  const cursors = parts.map(() => 0);
  for (;;) {
    let next = -1;
    for (let q = 0; q < parts.length; q++) {
      const at = cursors[q] as number;
      const part = parts[q] as Part;
      if (at < part.rowIndex.length) {
        const best =
          next < 0 ? Infinity : ((parts[next] as Part).rowIndex[cursors[next] as number] as number);
        if ((part.rowIndex[at] as number) < best) next = q;
      }
    }
    if (next < 0) return;
    const r = cursors[next] as number;
    cursors[next] = r + 1;
    visit(next, r);
  }
}
