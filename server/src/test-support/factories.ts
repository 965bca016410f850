// Test data builders: a valid create-input of each registry entity with unique codes, overridable field by field
// (`buildStation({ enterpriseId, capacityMw: 3 })`), and `create` to POST one through the API and get it back
// typed. Tests state only the fields they are about.
import assert from 'node:assert/strict';
import type { z } from 'zod';
import type {
  Building,
  Community,
  CreateBuilding,
  CreateCommunity,
  CreateEnterprise,
  CreateHeatSource,
  CreateHousehold,
  CreateStation,
  Enterprise,
  HeatSource,
  Household,
  Station,
} from '@hearth/contracts/registry';
import type { DeviceCredential } from '@hearth/contracts/telemetry';
import type { TestApp } from './test-app.ts';

let sequence = 0;
/** a code no other builder call of this process has returned */
const nextCode = (prefix: string) => `${prefix}-T${String(++sequence).padStart(4, '0')}`;

type Input<S extends z.ZodType> = z.input<S>;

export const buildEnterprise = (
  o: Partial<Input<typeof CreateEnterprise>> = {},
): Input<typeof CreateEnterprise> => ({
  code: nextCode('E'),
  name: `测试热力公司 ${sequence}`,
  type: 'heating',
  ...o,
});

export const buildHeatSource = (
  o: Partial<Input<typeof CreateHeatSource>> = {},
): Input<typeof CreateHeatSource> => ({
  code: nextCode('HS'),
  name: `测试热源 ${sequence}`,
  type: 'chp',
  fuel: 'coal',
  capacityMw: 300,
  ...o,
});

export const buildStation = (o: Partial<Input<typeof CreateStation>> = {}): Input<typeof CreateStation> => ({
  code: nextCode('ST'),
  name: `测试换热站 ${sequence}`,
  capacityMw: 5,
  designSupplyTemp: 75,
  designReturnTemp: 50,
  servedAreaM2: 100_000,
  ...o,
});

export const buildCommunity = (
  o: Partial<Input<typeof CreateCommunity>> = {},
): Input<typeof CreateCommunity> => ({
  code: nextCode('C'),
  name: `测试小区 ${sequence}`,
  ...o,
});

/** `communityId` is required: a building belongs to a community */
export const buildBuilding = (
  o: Partial<Input<typeof CreateBuilding>> & { communityId: number },
): Input<typeof CreateBuilding> => ({
  code: nextCode('B'),
  name: `${sequence}号楼`,
  type: 'residential_saving',
  floors: 6,
  ...o,
});

/** `communityId` is required: a household belongs to a community */
export const buildHousehold = (
  o: Partial<Input<typeof CreateHousehold>> & { communityId: number },
): Input<typeof CreateHousehold> => ({
  code: nextCode('H'),
  areaM2: 80,
  ...o,
});

type Created = {
  enterprises: z.infer<typeof Enterprise>;
  'heat-sources': z.infer<typeof HeatSource>;
  stations: z.infer<typeof Station>;
  communities: z.infer<typeof Community>;
  buildings: z.infer<typeof Building>;
  households: z.infer<typeof Household>;
};

/** POSTs `input` to `/api/<resource>` as the token's user, asserts 201 and returns the created entity. */
export async function create<R extends keyof Created>(
  t: TestApp,
  token: string,
  resource: R,
  input: object,
): Promise<Created[R]> {
  const r = await t.request('POST', `/api/${resource}`, token, input);
  assert.equal(r.status, 201, `POST /api/${resource}: ${r.body}`);
  return r.json() as Created[R];
}

/** Registers a device on a station or a household through the API; its credential (token shown once) and topic. */
export async function registerDevice(
  t: TestApp,
  token: string,
  target: { stationId: number } | { householdId: number },
  name?: string,
): Promise<z.infer<typeof DeviceCredential>> {
  const r = await t.request('POST', '/api/devices', token, { ...target, ...(name ? { name } : {}) });
  assert.equal(r.status, 201, `POST /api/devices: ${r.body}`);
  return r.json() as z.infer<typeof DeviceCredential>;
}
