// Registry API: create/read/update/delete, validation and error codes, pagination, filters, sort, search,
// derived community counters, audit trail, OpenAPI.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../test-support/test-app.ts';
import {
  buildBuilding,
  buildCommunity,
  buildEnterprise,
  buildHeatSource,
  buildHousehold,
  buildStation,
  create,
} from '../../test-support/factories.ts';

type Err = { error: { code: string; message: string; details?: { path?: string; reason: string }[] } };
type Page<T> = { items: T[]; total: number; totalIsEstimate?: boolean; page: number; pageSize: number };

describe('registry API', () => {
  let t: TestApp;
  let sup: string;
  let enterpriseId: number;
  let sourceId: number;
  let stationId: number;
  let communityId: number;

  before(async () => {
    t = await createTestApp();
    sup = await t.tokenFor('supervisor');
  });
  after(() => t.close());

  it('creates the chain enterprise → source → station → community → building → household', async () => {
    const e = await create(
      t,
      sup,
      'enterprises',
      buildEnterprise({ code: 'E1', name: '滨海热力有限公司', hotline: '022-23456789' }),
    );
    enterpriseId = e.id;
    assert.equal(e.hotline, '022-23456789');
    const s = await create(
      t,
      sup,
      'heat-sources',
      buildHeatSource({
        code: 'HS1',
        name: '东郊热电厂',
        enterpriseId,
        capacityMw: 700,
        lon: 117.3,
        lat: 39.1,
      }),
    );
    sourceId = s.id;
    const st = await create(
      t,
      sup,
      'stations',
      buildStation({ code: 'ST1', name: '一号换热站', enterpriseId, heatSourceId: sourceId }),
    );
    stationId = st.id;
    communityId = (
      await create(
        t,
        sup,
        'communities',
        buildCommunity({ code: 'C1', name: '阳光花园', enterpriseId, stationId }),
      )
    ).id;
    const b = await create(
      t,
      sup,
      'buildings',
      buildBuilding({ code: 'B1', name: '1号楼', communityId, floors: 18 }),
    );
    assert.equal(b.enterpriseId, enterpriseId, 'a building inherits its community enterprise');
    for (let i = 1; i <= 3; i++) {
      const household = await create(
        t,
        sup,
        'households',
        buildHousehold({
          code: `H${i}`,
          communityId,
          buildingId: b.id,
          floor: i,
          room: `${i}01`,
          areaM2: 80 + i,
          paidThisSeason: i !== 2,
          vulnerable: i === 3 ? 'dibao' : null,
        }),
      );
      assert.equal(household.billing, 'area');
      assert.equal(household.enterpriseId, enterpriseId);
    }
  });

  it('keeps community counters equal to its households through create, update and delete', async () => {
    const community = async () =>
      (await t.request('GET', `/api/communities/${communityId}`, sup)).json() as {
        householdCount: number;
        heatedAreaM2: number;
      };
    assert.deepEqual(await community().then((c) => [c.householdCount, c.heatedAreaM2]), [3, 81 + 82 + 83]);
    const list = (
      await t.request('GET', `/api/households?communityId=${communityId}&sort=code`, sup)
    ).json() as Page<{ id: number; code: string }>;
    const h1 = list.items[0];
    assert.ok(h1);
    assert.equal((await t.request('PATCH', `/api/households/${h1.id}`, sup, { areaM2: 100 })).status, 200);
    assert.deepEqual(await community().then((c) => [c.householdCount, c.heatedAreaM2]), [3, 100 + 82 + 83]);
    assert.equal((await t.request('DELETE', `/api/households/${h1.id}`, sup)).status, 204);
    assert.deepEqual(await community().then((c) => [c.householdCount, c.heatedAreaM2]), [2, 82 + 83]);
    const overview = (await t.request('GET', '/api/stats/overview', sup)).json() as {
      households: number;
      heatedAreaM2: number;
      paidShare: number;
      vulnerableHouseholds: number;
      cleanHeatingShare: number;
      byEnergyType: { type: string; heatedAreaM2: number; heatSources: number }[];
    };
    assert.equal(overview.households, 2);
    assert.equal(overview.heatedAreaM2, 165);
    assert.equal(overview.paidShare, 0.5);
    assert.equal(overview.vulnerableHouseholds, 1);
    assert.equal(overview.cleanHeatingShare, 1, 'CHP counts as clean heating');
    assert.deepEqual(
      overview.byEnergyType.map((b) => [b.type, b.heatSources, b.heatedAreaM2]),
      [['chp', 1, 165]],
    );
  });

  it('answers lists as { items, total, page, pageSize } with paging, filters, sort and search', async () => {
    for (let i = 2; i <= 7; i++) {
      const input = {
        code: `ST${i}`,
        name: `${i}号换热站`,
        enterpriseId,
        heatSourceId: sourceId,
        capacityMw: i,
      };
      await create(t, sup, 'stations', buildStation({ ...input, servedAreaM2: i * 10000 }));
    }
    const page2 = (
      await t.request('GET', '/api/stations?page=2&pageSize=3&sort=-capacityMw', sup)
    ).json() as Page<{ capacityMw: number }>;
    assert.equal(page2.total, 7);
    assert.equal(page2.totalIsEstimate, false);
    assert.equal(page2.page, 2);
    assert.equal(page2.pageSize, 3);
    assert.deepEqual(
      page2.items.map((s) => s.capacityMw),
      [5, 4, 3],
    ); // ST1 also has 5 MW
    const search = (
      await t.request('GET', `/api/stations?q=${encodeURIComponent('一号')}`, sup)
    ).json() as Page<{ code: string }>;
    assert.deepEqual(
      search.items.map((s) => s.code),
      ['ST1'],
    );
    const filtered = (
      await t.request('GET', `/api/stations?heatSourceId=${sourceId}&pageSize=1`, sup)
    ).json() as Page<unknown>;
    assert.equal(filtered.total, 7);
    const empty = (await t.request('GET', '/api/stations?heatSourceId=99999', sup)).json() as Page<unknown>;
    assert.deepEqual(empty, { items: [], total: 0, totalIsEstimate: false, page: 1, pageSize: 20 });
    const some = (await t.request('GET', '/api/stations?pageSize=2&sort=code', sup)).json() as Page<{
      id: number;
    }>;
    const ids = some.items.map((s) => s.id);
    const byIds = (await t.request('GET', `/api/stations?ids=${ids.join(',')}`, sup)).json() as Page<{
      id: number;
    }>;
    assert.deepEqual(byIds.items.map((s) => s.id).sort(), [...ids].sort());
    assert.equal((await t.request('GET', '/api/stations?ids=1,x', sup)).status, 400);
    const badSort = await t.request('GET', '/api/stations?sort=password', sup);
    assert.equal(badSort.status, 400);
    assert.equal((badSort.json() as Err).error.code, 'request.invalid_sort');
    const badPage = await t.request('GET', '/api/stations?pageSize=100000', sup);
    assert.equal(badPage.status, 400);
    assert.equal((badPage.json() as Err).error.code, 'request.invalid');
  });

  it('validates bodies and answers stable error codes', async () => {
    const bad = await t.request('POST', '/api/stations', sup, {
      code: 'X',
      name: '',
      capacityMw: -1,
      designSupplyTemp: 75,
      designReturnTemp: 50,
      servedAreaM2: 1,
    });
    assert.equal(bad.status, 400);
    const body = bad.json() as Err;
    assert.equal(body.error.code, 'request.invalid');
    assert.ok(body.error.details?.some((d) => d.path?.endsWith('capacityMw')));
    assert.ok(body.error.details?.some((d) => d.path?.endsWith('name')));

    const inverted = await t.request('POST', '/api/stations', sup, {
      code: 'X',
      name: 'x',
      enterpriseId,
      capacityMw: 1,
      designSupplyTemp: 50,
      designReturnTemp: 70,
      servedAreaM2: 1,
    });
    assert.equal(inverted.status, 400);

    const noEnterprise = await t.request('POST', '/api/stations', sup, {
      code: 'X',
      name: 'x',
      capacityMw: 1,
      designSupplyTemp: 75,
      designReturnTemp: 50,
      servedAreaM2: 1,
    });
    assert.equal(noEnterprise.status, 422);
    assert.equal((noEnterprise.json() as Err).error.code, 'station.enterprise_required');

    const danglingRef = await t.request('POST', '/api/stations', sup, {
      code: 'X',
      name: 'x',
      enterpriseId,
      heatSourceId: 4242,
      capacityMw: 1,
      designSupplyTemp: 75,
      designReturnTemp: 50,
      servedAreaM2: 1,
    });
    assert.equal(danglingRef.status, 422);
    const dangling = danglingRef.json() as Err;
    assert.equal(dangling.error.code, 'station.reference_not_found');
    assert.equal(dangling.error.details?.[0]?.path, 'heatSourceId');

    const duplicate = await t.request('POST', '/api/stations', sup, {
      code: 'ST1',
      name: 'dup',
      enterpriseId,
      capacityMw: 1,
      designSupplyTemp: 75,
      designReturnTemp: 50,
      servedAreaM2: 1,
    });
    assert.equal(duplicate.status, 409);
    assert.equal((duplicate.json() as Err).error.code, 'station.duplicate');

    const missing = await t.request('GET', '/api/stations/987654', sup);
    assert.equal(missing.status, 404);
    assert.equal((missing.json() as Err).error.code, 'station.not_found');

    const badId = await t.request('GET', '/api/stations/abc', sup);
    assert.equal(badId.status, 400);

    const malformed = await t.request('POST', '/api/stations', sup, '{"code":', {
      'content-type': 'application/json',
    });
    assert.equal(malformed.status, 400);
    assert.equal((malformed.json() as Err).error.code, 'request.malformed');

    const unknownRoute = await t.request('GET', '/api/nothing-here', sup);
    assert.equal(unknownRoute.status, 404);
    assert.equal((unknownRoute.json() as Err).error.code, 'route.not_found');
  });

  it('validates a patch against the merged record', async () => {
    const r = await t.request('PATCH', `/api/stations/${stationId}`, sup, { designReturnTemp: 90 });
    assert.equal(r.status, 422);
    assert.equal((r.json() as Err).error.code, 'station.invalid');
    const ok = await t.request('PATCH', `/api/stations/${stationId}`, sup, { name: '一号站（改）' });
    assert.equal(ok.status, 200);
    assert.equal((ok.json() as { name: string; designSupplyTemp: number }).name, '一号站（改）');
  });

  it('refuses to delete what is still referenced', async () => {
    const r = await t.request('DELETE', `/api/heat-sources/${sourceId}`, sup);
    assert.equal(r.status, 409);
    assert.equal((r.json() as Err).error.code, 'heat_source.in_use');
    assert.equal((await t.request('GET', `/api/heat-sources/${sourceId}`, sup)).status, 200);
  });

  it('keeps a building and household in the same community', async () => {
    const otherId = (
      await create(t, sup, 'communities', buildCommunity({ code: 'C2', name: '和平里', enterpriseId }))
    ).id;
    const b = (await t.request('GET', `/api/buildings?communityId=${communityId}`, sup)).json() as Page<{
      id: number;
    }>;
    const r = await t.request('POST', '/api/households', sup, {
      code: 'HX',
      communityId: otherId,
      buildingId: b.items[0]?.id,
      areaM2: 50,
    });
    assert.equal(r.status, 422);
    assert.equal((r.json() as Err).error.details?.[0]?.path, 'buildingId');
  });

  it('lets read-only roles read but not write', async () => {
    for (const role of ['viewer', 'operator', 'department'] as const) {
      const token = await t
        .tokenFor(role, role === 'department' ? { departmentCode: 'fgw' } : {})
        .catch(async () => {
          await t.request('POST', '/api/departments', sup, { code: 'fgw', name: '发改委' });
          return t.tokenFor(role, { departmentCode: 'fgw' });
        });
      assert.equal((await t.request('GET', '/api/stations', token)).status, 200);
      const w = await t.request('PATCH', `/api/stations/${stationId}`, token, { name: 'x' });
      assert.equal(w.status, 403, role);
    }
  });

  it('records every change in the audit log with who and what', async () => {
    const r = (await t.request('GET', '/api/audit?entity=station&pageSize=100', sup)).json() as Page<{
      action: string;
      entityId: string;
      username: string;
      enterpriseId: number;
      changes: Record<string, unknown>;
    }>;
    const update = r.items.find((e) => e.action === 'update' && e.entityId === String(stationId));
    assert.ok(update);
    assert.equal(update.enterpriseId, enterpriseId);
    assert.deepEqual(update.changes.name, { from: '一号换热站', to: '一号站（改）' });
    assert.ok(r.items.filter((e) => e.action === 'create').length >= 7);
  });

  it('exports a list as CSV with the same filters', async () => {
    const r = await t.request('GET', `/api/stations/export.csv?heatSourceId=${sourceId}`, sup);
    assert.equal(r.status, 200);
    assert.match(String(r.headers['content-type']), /text\/csv/);
    const lines = r.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    assert.equal(lines.length, 1 + 7);
    assert.match(lines[0] ?? '', /^id,code,name,enterpriseId,heatSourceId/);
  });

  it('publishes OpenAPI at /api/docs', async () => {
    const r = await t.request('GET', '/api/docs/json');
    assert.equal(r.status, 200);
    const doc = r.json() as { openapi: string; paths: Record<string, unknown> };
    assert.match(doc.openapi, /^3\./);
    for (const p of [
      '/api/health',
      '/api/auth/login',
      '/api/users',
      '/api/stations',
      '/api/stations/{id}',
      '/api/households',
      '/api/import/{entity}',
      '/api/stats/overview',
    ]) {
      assert.ok(doc.paths[p], `OpenAPI documents ${p}`);
    }
  });
});
