// Cooperative slicing of long work on the event loop: `tick()` yields a turn once the current slice has run for
// its budget, so requests, MQTT acknowledgements and timers wait at most about that long behind the work.
import { setImmediate as nextTurn } from 'node:timers/promises';

export type Turns = {
  /** resolves at once while the slice is within budget; otherwise after one turn of the event loop */
  tick(): Promise<void>;
  /** how many times the work gave way so far */
  readonly yielded: number;
};

/** `budgetMs`: how long one slice may hold the event loop (default 4 ms). */
export function createTurns(budgetMs = 2): Turns {
  let sliceStart = performance.now();
  let yielded = 0;
  return {
    async tick() {
      if (performance.now() - sliceStart < budgetMs) return;
      await nextTurn();
      yielded++;
      sliceStart = performance.now();
    },
    get yielded() {
      return yielded;
    },
  };
}
