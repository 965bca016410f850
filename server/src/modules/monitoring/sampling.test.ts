// Indoor sampling over HTTP: shares per enterprise and community, the spread checks (ground floor, top floor,
// each station's far end), scoped to the caller's enterprise.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { SamplingResponse } from '@hearth/contracts/telemetry';
import { createTestApp, type TestApp } from '../../test-support/test-app.ts';

describe('indoor sampling spread', () => {
  let t: TestApp;
  let sup: string;
  const ids: Record<string, number> = {};

  const create = async (path: string, body: object) => {
    const r = await t.request('POST', path, sup, body);
    assert.equal(r.status, 201, r.body);
    return (r.json() as { id: number }).id;
  };

  before(async () => {
    t = await createTestApp();
    sup = await t.tokenFor('supervisor');
    for (const code of ['EA', 'EB']) {
      ids[code] = await create('/api/enterprises', { code, name: `${code} 热力`, type: 'heating' });
    }
    ids.st = await create('/api/stations', {
      code: 'STA',
      name: '甲站',
      enterpriseId: ids.EA,
      capacityMw: 5,
      designSupplyTemp: 75,
      designReturnTemp: 50,
      servedAreaM2: 100_000,
      lon: 117.2,
      lat: 39.1,
    });
    // near: 100 m from the station; far: about 2.6 km
    ids.near = await create('/api/communities', {
      code: 'CN',
      name: '近端小区',
      enterpriseId: ids.EA,
      stationId: ids.st,
      lon: 117.201,
      lat: 39.1,
    });
    ids.far = await create('/api/communities', {
      code: 'CF',
      name: '末端小区',
      enterpriseId: ids.EA,
      stationId: ids.st,
      lon: 117.23,
      lat: 39.1,
    });
    ids.other = await create('/api/communities', { code: 'CB', name: '乙小区', enterpriseId: ids.EB });
    const building = await create('/api/buildings', {
      code: 'BN',
      name: '1号楼',
      communityId: ids.near,
      type: 'residential_saving',
      floors: 6,
    });
    // 20 households in the near community on floors 1–6 (plus 10 in the far one, 5 in the other enterprise)
    for (let i = 0; i < 20; i++) {
      ids[`h${i}`] = await create('/api/households', {
        code: `HN${i}`,
        communityId: ids.near,
        buildingId: building,
        floor: (i % 6) + 1,
        areaM2: 80,
      });
    }
    for (let i = 0; i < 10; i++)
      await create('/api/households', { code: `HF${i}`, communityId: ids.far, areaM2: 80 });
    for (let i = 0; i < 5; i++) {
      ids[`b${i}`] = await create('/api/households', { code: `HB${i}`, communityId: ids.other, areaM2: 80 });
    }
  });
  after(() => t.close());

  const sensor = (householdId: number | undefined) => create('/api/devices', { householdId });
  const sampling = async (token: string, query = '') => {
    const r = await t.request('GET', `/api/telemetry/sampling${query}`, token);
    assert.equal(r.status, 200, r.body);
    return r.json() as SamplingResponse;
  };
  const community = (s: SamplingResponse, id: number | undefined) =>
    s.items.find((c) => c.communityId === id);

  it('flags a sample on middle floors only, and an unsampled far end', async () => {
    await sensor(ids.h2); // floor 3
    await sensor(ids.h3); // floor 4
    const s = await sampling(sup);
    assert.deepEqual(s.spreadChecks, ['ground_floor', 'top_floor', 'far_end']);
    const near = community(s, ids.near);
    assert.ok(near);
    assert.deepEqual([near.households, near.sensors, near.share, near.belowMinimum], [20, 2, 0.1, false]);
    assert.deepEqual(near.missing, ['ground_floor', 'top_floor']);
    assert.equal(near.farEnd, false);
    assert.equal(near.flagged, true);
    const far = community(s, ids.far);
    assert.deepEqual([far?.farEnd, far?.missing, far?.belowMinimum], [true, ['far_end'], true]);
    const a = s.enterprises.find((e) => e.enterpriseId === ids.EA);
    assert.deepEqual(
      [a?.households, a?.sensors, a?.missing, a?.flagged],
      [30, 2, ['ground_floor', 'top_floor', 'far_end'], true],
    );
  });

  it('clears the flags once ground floor, top floor and far end are sampled', async () => {
    await sensor(ids.h0); // floor 1
    await sensor(ids.h5); // floor 6, the top of a 6-storey building
    const farHousehold = (
      (await t.request('GET', `/api/households?communityId=${ids.far}`, sup)).json() as {
        items: { id: number }[];
      }
    ).items[0];
    await sensor(farHousehold?.id);
    const s = await sampling(sup);
    const near = community(s, ids.near);
    assert.deepEqual([near?.sensors, near?.missing, near?.flagged], [4, [], false]);
    // the far community's households have no floor data: only the far-end check is judged there
    const far = community(s, ids.far);
    assert.deepEqual([far?.sensors, far?.missing, far?.flagged], [1, [], false]);
    const a = s.enterprises.find((e) => e.enterpriseId === ids.EA);
    assert.deepEqual([a?.sensors, a?.missing, a?.flagged], [5, [], false]);
  });

  it('counts a household with two sensors once', async () => {
    await sensor(ids.h0);
    assert.equal(community(await sampling(sup), ids.near)?.sensors, 4);
  });

  it('shows an enterprise user only its own communities', async () => {
    await sensor(ids.b0);
    const tokenB = await t.tokenFor('enterprise', { enterpriseId: ids.EB ?? 0 });
    const s = await sampling(tokenB);
    assert.deepEqual(
      s.enterprises.map((e) => [e.enterpriseId, e.sensors, e.households]),
      [[ids.EB, 1, 5]],
    );
    assert.deepEqual(
      s.items.map((c) => c.communityId),
      [ids.other],
    );
    assert.deepEqual([s.summary.communities, s.summary.households, s.summary.sensors], [1, 5, 1]);
    // another enterprise's communities stay out of reach, whatever the filter asks for
    const foreign = await sampling(tokenB, `?enterpriseId=${ids.EA}`);
    assert.deepEqual(
      [foreign.items, foreign.total, foreign.enterprises, foreign.summary.households],
      [[], 0, [], 0],
    );
  });

  it('pages, sorts and filters the communities, with totals over every page', async () => {
    const all = await sampling(sup, '?pageSize=500');
    assert.equal(all.total, 3);
    assert.deepEqual([all.summary.communities, all.summary.households, all.summary.sensors], [3, 35, 6]);
    assert.equal(all.summary.share, 6 / 35);
    const first = await sampling(sup, '?page=1&pageSize=2&sort=code');
    const second = await sampling(sup, '?page=2&pageSize=2&sort=code');
    assert.deepEqual(
      [...first.items, ...second.items].map((c) => c.code),
      ['CB', 'CF', 'CN'],
    );
    assert.deepEqual([first.total, first.page, first.pageSize, second.items.length], [3, 1, 2, 1]);
    // the totals cover the whole filtered set, not the page
    assert.deepEqual([first.summary.households, first.summary.sensors], [35, 6]);
    const byShare = await sampling(sup, '?sort=-share');
    assert.deepEqual(
      byShare.items.map((c) => c.code),
      ['CN', 'CB', 'CF'], // 20 %, 20 % (a tie keeps the lower id first), 10 %
    );
    const onlyA = await sampling(sup, `?enterpriseId=${ids.EA}`);
    assert.deepEqual(
      [onlyA.total, onlyA.summary.households, onlyA.enterprises.map((e) => e.enterpriseId)],
      [2, 30, [ids.EA]],
    );
    const found = await sampling(sup, '?q=末端');
    assert.deepEqual(
      found.items.map((c) => [c.code, c.name]),
      [['CF', '末端小区']],
    );
    // every sample now meets the minimum and its spread checks
    const flagged = await sampling(sup, '?flagged=true');
    assert.deepEqual([flagged.total, flagged.summary.flagged], [0, 0]);
    const bad = await t.request('GET', '/api/telemetry/sampling?sort=bogus', sup);
    assert.equal(bad.status, 400);
  });
});

describe('indoor sampling floor checks, per community', () => {
  let t: TestApp;
  let sup: string;

  const create = async (path: string, body: object) => {
    const r = await t.request('POST', path, sup, body);
    assert.equal(r.status, 201, r.body);
    return (r.json() as { id: number }).id;
  };
  const building = (code: string, communityId: number, floors: number) =>
    create('/api/buildings', { code, name: code, communityId, type: 'residential_saving', floors });
  /** a household with an indoor sensor */
  const sensed = async (code: string, communityId: number, buildingId: number, floor: number) => {
    const householdId = await create('/api/households', { code, communityId, buildingId, floor, areaM2: 80 });
    await create('/api/devices', { householdId });
  };

  before(async () => {
    t = await createTestApp();
    sup = await t.tokenFor('supervisor');
  });
  after(() => t.close());

  it('passes a community sampled on the ground and the top floor; flags one sampled on middle floors only', async () => {
    const enterpriseId = await create('/api/enterprises', { code: 'EA', name: '甲热力', type: 'heating' });
    const both = await create('/api/communities', { code: 'CG', name: '两端小区', enterpriseId });
    const middle = await create('/api/communities', { code: 'CM', name: '中层小区', enterpriseId });
    // ground floor in a 6-storey building, the top (18 of 18) of another, a middle floor besides
    const low = await building('BG1', both, 6);
    const high = await building('BG2', both, 18);
    await sensed('HG1', both, low, 1);
    await sensed('HG2', both, high, 18);
    await sensed('HG3', both, high, 9);
    const mid = await building('BM1', middle, 6);
    await sensed('HM1', middle, mid, 3);
    await sensed('HM2', middle, mid, 5);
    const token = await t.tokenFor('enterprise', { enterpriseId });
    for (const caller of [sup, token]) {
      const r = await t.request('GET', '/api/telemetry/sampling?pageSize=500', caller);
      assert.equal(r.status, 200, r.body);
      const s = r.json() as SamplingResponse;
      const missing = (id: number) => s.items.find((c) => c.communityId === id)?.missing;
      assert.deepEqual(missing(both), []);
      assert.deepEqual(missing(middle), ['ground_floor', 'top_floor']);
      assert.deepEqual(s.enterprises[0]?.missing, ['ground_floor', 'top_floor']);
    }
  });
});
