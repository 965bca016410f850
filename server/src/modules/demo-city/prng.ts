// Seeded pseudo-random numbers for the demo city (sfc32 seeded by splitmix32): same seed, same draws.

export type Rng = {
  /** uniform in [0, 1) */
  next(): number;
  /** integer in [min, max], both inclusive */
  int(min: number, max: number): number;
  /** uniform in [min, max) */
  float(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** index chosen with probability proportional to its weight */
  weightedIndex(weights: readonly number[]): number;
  weighted<T>(items: readonly T[], weights: readonly number[]): T;
  normal(mean: number, sd: number): number;
  /** log-normal with the given median and log-space standard deviation */
  logNormal(median: number, sigma: number): number;
  shuffle<T>(items: T[]): T[];
};

function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** `stream` separates independent sequences of one seed, so one phase's draws never shift another's. */
export function createRng(seed: number, stream = 0): Rng {
  if (!Number.isSafeInteger(seed)) throw new Error(`seed must be an integer, got ${seed}`);
  const mix = splitmix32((seed ^ Math.imul(stream + 1, 0x27d4eb2d)) >>> 0);
  // the high part of large seeds still counts
  const high = Math.floor(seed / 2 ** 32) >>> 0;
  let a = mix() ^ high;
  let b = mix();
  let c = mix();
  let d = mix();
  const next = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 15; i++) next();

  let spare = Number.NaN;
  const rng: Rng = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    float: (min, max) => min + next() * (max - min),
    chance: (p) => next() < p,
    pick<T>(items: readonly T[]): T {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[Math.floor(next() * items.length)] as T;
    },
    weightedIndex(weights) {
      let total = 0;
      for (const w of weights) total += w;
      let r = next() * total;
      for (let i = 0; i < weights.length; i++) {
        r -= weights[i] ?? 0;
        if (r < 0) return i;
      }
      return weights.length - 1;
    },
    weighted<T>(items: readonly T[], weights: readonly number[]): T {
      return items[rng.weightedIndex(weights)] as T;
    },
    normal(mean, sd) {
      if (!Number.isNaN(spare)) {
        const z = spare;
        spare = Number.NaN;
        return mean + sd * z;
      }
      // Box–Muller; 1 - next() keeps the logarithm finite
      const u = 1 - next();
      const v = next();
      const r = Math.sqrt(-2 * Math.log(u));
      spare = r * Math.sin(2 * Math.PI * v);
      return mean + sd * r * Math.cos(2 * Math.PI * v);
    },
    logNormal: (median, sigma) => median * Math.exp(rng.normal(0, sigma)),
    shuffle<T>(items: T[]): T[] {
      for (let i = items.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        const tmp = items[i] as T;
        items[i] = items[j] as T;
        items[j] = tmp;
      }
      return items;
    },
  };
  return rng;
}

/**
 * Splits `total` into integer parts proportional to `weights` (largest remainder), each part at least
 * `min` when the total allows it; the parts always sum to `total`.
 */
export function apportion(total: number, weights: readonly number[], min = 0): number[] {
  const n = weights.length;
  if (n === 0) return [];
  const floorMin = total >= min * n ? min : 0;
  const rest = total - floorMin * n;
  let sum = 0;
  for (const w of weights) sum += w;
  const parts = new Array<number>(n);
  const remainders: { i: number; r: number }[] = [];
  let given = 0;
  for (let i = 0; i < n; i++) {
    const exact = sum > 0 ? (rest * (weights[i] ?? 0)) / sum : rest / n;
    const whole = Math.floor(exact);
    parts[i] = floorMin + whole;
    given += whole;
    remainders.push({ i, r: exact - whole });
  }
  // ties broken by index so the result never depends on sort stability
  remainders.sort((x, y) => y.r - x.r || x.i - y.i);
  for (let k = 0; k < rest - given; k++) {
    const slot = remainders[k % n];
    if (slot) parts[slot.i] = (parts[slot.i] ?? 0) + 1;
  }
  return parts;
}
