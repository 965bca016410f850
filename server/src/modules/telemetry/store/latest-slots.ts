// Latest values of many targets merged in memory, in growable typed arrays (no allocation per target).
import { METRIC_COUNT } from '../reading-batch.ts';
import { mergePacked, mergePoints, type LatestState } from './telemetry-store.schema.ts';

export class LatestSlots {
  /** latestKey → slot */
  readonly slots = new Map<number, number>();
  /** per slot: time of the newest reading */
  ts = new Float64Array(256);
  /** per slot × metric; a point's time is -Infinity while no merged reading had it */
  values = new Float64Array(256 * METRIC_COUNT);
  times = new Float64Array(256 * METRIC_COUNT);

  get size(): number {
    return this.slots.size;
  }

  clear(): void {
    this.slots.clear();
  }

  merge(key: number, ts: number, reading: readonly (number | null)[]): void {
    const slot = this.slotOf(key, ts);
    mergePoints(this.values, this.times, slot * METRIC_COUNT, ts, reading);
  }

  /** as merge, for the values of a packed row at `at` of `data` (NaN = no such point) */
  mergePacked(key: number, ts: number, data: Float64Array, at: number): void {
    const slot = this.slotOf(key, ts);
    mergePacked(this.values, this.times, slot * METRIC_COUNT, ts, data, at);
  }

  private slotOf(key: number, ts: number): number {
    let slot = this.slots.get(key);
    if (slot === undefined) {
      slot = this.slots.size;
      if (slot === this.ts.length) this.grow();
      this.slots.set(key, slot);
      this.ts[slot] = -Infinity;
      this.times.fill(-Infinity, slot * METRIC_COUNT, (slot + 1) * METRIC_COUNT);
    }
    if (ts > (this.ts[slot] as number)) this.ts[slot] = ts;
    return slot;
  }

  /** merges this target's points into `state` (newer time wins, a tie keeps what `state` holds) */
  overlay(key: number, state: LatestState): boolean {
    const slot = this.slots.get(key);
    if (slot === undefined) return false;
    if ((this.ts[slot] as number) > state.ts) state.ts = this.ts[slot] as number;
    const base = slot * METRIC_COUNT;
    for (let m = 0; m < METRIC_COUNT; m++) {
      const t = this.times[base + m] as number;
      if (t > (state.times[m] as number)) {
        state.times[m] = t;
        state.values[m] = this.values[base + m] as number;
      }
    }
    return true;
  }

  private grow(): void {
    const size = this.ts.length * 2;
    const ts = new Float64Array(size);
    ts.set(this.ts);
    const values = new Float64Array(size * METRIC_COUNT);
    values.set(this.values);
    const times = new Float64Array(size * METRIC_COUNT);
    times.set(this.times);
    this.ts = ts;
    this.values = values;
    this.times = times;
  }
}
