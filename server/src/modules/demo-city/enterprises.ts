// Planning step 1: the heating enterprises (the city group first, the others by district weight), named once
// their heat sources are known; and their table rows.
import { at, address, pad, type EnterprisePlan, type ScaleShape, type SourcePlan } from './city-plan.ts';
import { CITY_GROUP_NAME, type District } from './names.data.ts';
import { enterpriseBaseName, ordinal } from './names.ts';
import { apportion, type Rng } from './prng.ts';
import type { SeedTable } from './seed-table.ts';

export function planEnterprises(
  rng: Rng,
  shape: ScaleShape,
  districts: readonly District[],
): EnterprisePlan[] {
  const homes: District[] = [at(districts, 0)];
  const perDistrict = apportion(
    shape.enterprises - 1,
    districts.map((d) => d.weight),
  );
  districts.forEach((d, i) => {
    for (let k = 0; k < (perDistrict[i] ?? 0); k++) homes.push(d);
  });
  return homes.map((district, i) => ({
    id: i + 1,
    code: `EN-${pad(i + 1, 3)}`,
    name: '',
    type: 'heating',
    licenseNo: `津热许字〔${rng.int(2015, 2023)}〕第${pad(i + 1, 3)}号`,
    hotline: `022-${rng.int(23000000, 28999999)}`,
    address: address(rng, district),
    district,
    weight: i === 0 ? 6 : rng.logNormal(1, 0.6),
    paidRate: rng.float(0.85, 0.95),
    sourceIds: [],
  }));
}

/** Sets each enterprise's type and unique name from the heat sources it owns. */
export function nameEnterprises(rng: Rng, enterprises: EnterprisePlan[], sources: SourcePlan[]): void {
  const taken = new Set<string>();
  for (const e of enterprises) {
    const types = e.sourceIds.map((id) => at(sources, id - 1).type);
    if (e.id === 1 || types.includes('chp')) e.type = 'integrated';
    else if (
      types.every((t) => t === 'geothermal' || t === 'waste_heat' || t === 'heat_pump') &&
      rng.chance(0.5)
    )
      e.type = 'source';
    else e.type = rng.chance(0.65) ? 'heating' : 'integrated';
    let name = e.id === 1 ? CITY_GROUP_NAME : enterpriseBaseName(rng, e.district, e.type, true);
    for (let attempt = 0; taken.has(name) && attempt < 30; attempt++) {
      name = enterpriseBaseName(rng, e.district, e.type, false);
    }
    if (taken.has(name)) name = name.replace(/有限公司$/, `第${ordinal(e.id)}有限公司`);
    taken.add(name);
    e.name = name;
  }
}

export function enterpriseTable(enterprises: readonly EnterprisePlan[], now: string): SeedTable {
  return {
    phase: '企业 enterprises',
    table: 'enterprises',
    columns: ['id', 'code', 'name', 'type', 'license_no', 'hotline', 'address', 'created_at', 'updated_at'],
    rows: enterprises.map((e) => [e.id, e.code, e.name, e.type, e.licenseNo, e.hotline, e.address, now, now]),
  };
}
