// Chinese names for the demo city: unique names, community, company and person names drawn from the
// lists in names.data.ts.
import type { Rng } from './prng.ts';
import {
  CHINESE_ORDINALS,
  COMPANY_WORDS,
  ESTATE_WORDS,
  GIVEN_NAMES,
  NEW_SUFFIXES,
  OLD_SUFFIXES,
  OLD_WORDS,
  SURNAMES,
  type District,
} from './names.data.ts';

/** '' for the first, then 二, 三 … 十, then 11, 12 … */
export function ordinal(n: number): string {
  return CHINESE_ORDINALS[n] ?? String(n + 1);
}

/** Keeps names unique: the second `base` becomes `base` + 二期 (or the caller's decoration). */
export class NameBook {
  private readonly seen = new Map<string, number>();
  take(base: string, decorate: (base: string, n: number) => string): string {
    const n = this.seen.get(base) ?? 0;
    this.seen.set(base, n + 1);
    return n === 0 ? base : decorate(base, n);
  }
}

export function communityBaseName(rng: Rng, place: string, legacy: boolean): string {
  if (legacy) {
    const word = rng.chance(0.35) ? place : rng.pick(OLD_WORDS);
    return word + rng.pick(OLD_SUFFIXES);
  }
  const word = rng.pick(ESTATE_WORDS);
  return (rng.chance(0.45) ? place : '') + word + rng.pick(NEW_SUFFIXES);
}

export function enterpriseBaseName(
  rng: Rng,
  district: District,
  type: string,
  firstInDistrict: boolean,
): string {
  if (type === 'source') {
    return rng.pick([
      `天津${rng.pick(COMPANY_WORDS)}新能源有限公司`,
      `天津${rng.pick(COMPANY_WORDS)}热电有限公司`,
      `${district.short}${rng.pick(COMPANY_WORDS)}地热开发有限公司`,
    ]);
  }
  if (firstInDistrict) return `${district.short}热力有限公司`;
  const word = rng.pick(COMPANY_WORDS);
  return rng.pick([
    `天津${word}热力有限公司`,
    `天津市${district.short}${word}供热有限公司`,
    `天津${word}能源科技有限公司`,
    `${district.short}${word}供热服务有限公司`,
  ]);
}

/**
 * Masked owner names (张** for a two-character given name, 张* for one): the list is built once so the
 * household loop never builds strings; weights favour the common surnames at the front.
 */
export const MASKED_OWNER_NAMES: readonly string[] = SURNAMES.flatMap((s) => [
  `${s}**`,
  `${s}**`,
  `${s}**`,
  `${s}*`,
]);
/** Cumulative weights for MASKED_OWNER_NAMES: Zipf-like by surname rank. */
export const MASKED_OWNER_CUMULATIVE: Float64Array = (() => {
  const cumulative = new Float64Array(MASKED_OWNER_NAMES.length);
  let total = 0;
  for (let i = 0; i < MASKED_OWNER_NAMES.length; i++) {
    total += 1 / (Math.floor(i / 4) + 3);
    cumulative[i] = total;
  }
  for (let i = 0; i < cumulative.length; i++) cumulative[i] = (cumulative[i] ?? 0) / total;
  return cumulative;
})();

export function personName(rng: Rng): string {
  return rng.pick(SURNAMES) + rng.pick(GIVEN_NAMES);
}
