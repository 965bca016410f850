// The registry's typed lookups for other modules (find, require, findByIds, findByCode, scan, station, household,
// community, isEmpty): contract-typed items, confined to the scope handed in.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Station } from '@hearth/contracts/registry';
import { CITY_SCOPE, SYSTEM_ACTOR, type Scope } from '../auth/actor.ts';
import { createTestApp, type TestApp } from '../../test-support/test-app.ts';

describe('registry: typed lookups', () => {
  let t: TestApp;
  let a: Scope;
  let b: Scope;
  let stationA: Station;
  let stationB: Station;
  let householdB: number;
  let communityB: number;

  before(async () => {
    t = await createTestApp();
    const { registry } = t.container;
    assert.equal(await registry.isEmpty('enterprises'), true);
    const enterprise = (code: string) =>
      registry.create(SYSTEM_ACTOR, 'enterprises', {
        code,
        name: `企业${code}`,
        type: 'heating',
      }) as Promise<{
        id: number;
      }>;
    const ea = await enterprise('EA');
    const eb = await enterprise('EB');
    a = { enterpriseId: ea.id };
    b = { enterpriseId: eb.id };
    const station = async (code: string, enterpriseId: number) => {
      const { id } = (await registry.create(SYSTEM_ACTOR, 'stations', {
        code,
        name: `站${code}`,
        enterpriseId,
        capacityMw: 5,
        designSupplyTemp: 60,
        designReturnTemp: 45,
        servedAreaM2: 50_000,
      })) as { id: number };
      return registry.station(CITY_SCOPE, id);
    };
    stationA = await station('SA', ea.id);
    stationB = await station('SB', eb.id);
    const community = (await registry.create(SYSTEM_ACTOR, 'communities', {
      code: 'CB',
      name: '小区B',
      enterpriseId: eb.id,
      stationId: stationB.id,
    })) as { id: number };
    communityB = community.id;
    const household = (await registry.create(SYSTEM_ACTOR, 'households', {
      code: 'HB-1',
      communityId: communityB,
      areaM2: 80,
      billing: 'area',
      ownerName: '张三',
    })) as { id: number };
    householdB = household.id;
  });
  after(() => t.close());

  it('answers items as the contracts type them (numbers are numbers, nulls are null)', async () => {
    const s = await t.container.registry.station(a, stationA.id);
    assert.equal(s.code, 'SA');
    assert.equal(typeof s.id, 'number');
    assert.equal(s.enterpriseId, a.enterpriseId);
    assert.equal(s.designSupplyTemp, 60);
    assert.equal(s.heatSourceId, null);
    assert.equal(typeof s.createdAt, 'string');
    const c = await t.container.registry.community(CITY_SCOPE, communityB);
    assert.equal(c.householdCount, 1);
    assert.equal(c.stationId, stationB.id);
    const h = await t.container.registry.household(b, householdB);
    assert.equal(h.communityId, communityB);
    assert.equal(h.enterpriseId, b.enterpriseId);
    assert.equal(h.ownerName, '张三', 'lookups are for the server itself: not masked');
  });

  it("never shows an enterprise scope another enterprise's rows", async () => {
    const { registry } = t.container;
    await assert.rejects(registry.station(a, stationB.id), { code: 'station.not_found' });
    await assert.rejects(registry.household(a, householdB), { code: 'household.not_found' });
    await assert.rejects(registry.community(a, communityB), { code: 'community.not_found' });
    assert.equal(await registry.find(a, 'stations', stationB.id), undefined);
    assert.equal(await registry.findByCode(a, 'stations', 'SB'), undefined);
    assert.equal((await registry.findByCode(b, 'stations', 'SB'))?.id, stationB.id);
    assert.deepEqual(
      (await registry.stationsByIds(a, [stationA.id, stationB.id])).map((s) => s.code),
      ['SA'],
    );
    const seen: string[] = [];
    for await (const s of registry.scan(a, 'stations')) seen.push(s.code);
    assert.deepEqual(seen, ['SA']);
    assert.equal((await registry.find(a, 'enterprises', b.enterpriseId ?? 0)) === undefined, true);
  });

  it('city-wide scope sees every enterprise; scans take the list filters', async () => {
    const { registry } = t.container;
    const both = await registry.stationsByIds(CITY_SCOPE, [stationB.id, stationA.id, stationA.id, 999_999]);
    assert.deepEqual(both.map((s) => s.code).sort(), ['SA', 'SB']);
    const households: number[] = [];
    for await (const h of registry.scan(CITY_SCOPE, 'households', { communityId: communityB }))
      households.push(h.id);
    assert.deepEqual(households, [householdB]);
    assert.equal(await registry.isEmpty('stations'), false);
    assert.equal(await registry.isEmpty('valves'), true);
  });
});
