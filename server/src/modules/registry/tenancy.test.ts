// Tenant isolation, route by route: an enterprise user never reads, finds, exports or changes another
// enterprise's registry data (404 for foreign ids, absent from lists, searches, exports, stats and the map).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../test-support/test-app.ts';
import { REGISTRY_DEFINITIONS } from './registry.definitions.ts';

type Item = { id: number; code: string; enterpriseId?: number };
type Page = { items: Item[]; total: number };

const OWNED = REGISTRY_DEFINITIONS.filter((d) => d.tenancy === 'owned').map((d) => d.name);

describe('tenant isolation', () => {
  let t: TestApp;
  let sup: string;
  let tokenA: string;
  let a: number;
  let b: number;

  before(async () => {
    t = await createTestApp({ demo: true });
    sup = await t.tokenFor('supervisor');
    const enterprises = (await t.request('GET', '/api/enterprises?sort=code', sup)).json() as Page;
    assert.ok(enterprises.items.length >= 2, 'the demo city has several enterprises');
    a = enterprises.items[0]?.id ?? 0;
    b = enterprises.items[1]?.id ?? 0;
    tokenA = await t.tokenFor('enterprise', { enterpriseId: a });
  });
  after(() => t.close());

  const foreignItem = async (resource: string): Promise<Item> => {
    const filter = resource === 'enterprises' ? '' : `enterpriseId=${b}&`;
    const page = (await t.request('GET', `/api/${resource}?${filter}pageSize=5`, sup)).json() as Page;
    const item = page.items.find((i) => (resource === 'enterprises' ? i.id === b : i.enterpriseId === b));
    assert.ok(item, `the demo city has ${resource} of enterprise ${b}`);
    return item;
  };

  for (const resource of [...OWNED, 'enterprises']) {
    describe(resource, () => {
      it('lists only own rows, even when filtering or searching for another enterprise', async () => {
        const own = (await t.request('GET', `/api/${resource}?pageSize=500`, tokenA)).json() as Page;
        assert.ok(own.total > 0, 'sees its own data');
        for (const item of own.items)
          assert.equal(resource === 'enterprises' ? item.id : item.enterpriseId, a);
        if (resource !== 'enterprises') {
          const expected = (
            await t.request('GET', `/api/${resource}?enterpriseId=${a}&pageSize=1`, sup)
          ).json() as Page;
          assert.equal(own.total, expected.total);
          const filtered = (
            await t.request('GET', `/api/${resource}?enterpriseId=${b}`, tokenA)
          ).json() as Page;
          assert.equal(filtered.total, 0);
        }
        const foreign = await foreignItem(resource);
        const byId = (await t.request('GET', `/api/${resource}?ids=${foreign.id}`, tokenA)).json() as Page;
        assert.equal(byId.total, 0, 'ids cannot reach another enterprise’s rows');
        const searched = (
          await t.request('GET', `/api/${resource}?q=${encodeURIComponent(foreign.code)}`, tokenA)
        ).json() as Page;
        assert.ok(!searched.items.some((i) => i.id === foreign.id));
      });

      it('answers 404 for another enterprise’s object on read, update and delete', async () => {
        const foreign = await foreignItem(resource);
        for (const [method, body] of [['GET'], ['PATCH', { name: 'hijacked' }], ['DELETE']] as const) {
          const r = await t.request(method, `/api/${resource}/${foreign.id}`, tokenA, body);
          assert.equal(r.status, 404, `${method} ${resource}`);
          assert.match((r.json() as { error: { code: string } }).error.code, /\.not_found$/);
        }
        assert.equal(
          (await t.request('GET', `/api/${resource}/${foreign.id}`, sup)).status,
          200,
          'still there',
        );
      });

      it('never exports another enterprise’s rows', async () => {
        const r = await t.request('GET', `/api/${resource}/export.csv`, tokenA);
        assert.equal(r.status, 200);
        const foreign = await foreignItem(resource);
        const codes = r.body
          .split('\r\n')
          .slice(1)
          .map((line) => line.split(',')[1]);
        assert.ok(codes.length > 1);
        assert.ok(!codes.includes(foreign.code));
      });
    });
  }

  it('refuses to create rows for another enterprise or under its parents', async () => {
    const r = await t.request('POST', '/api/heat-sources', tokenA, {
      code: 'X1',
      name: 'x',
      enterpriseId: b,
      type: 'chp',
      fuel: 'coal',
      capacityMw: 1,
    });
    assert.equal(r.status, 403);
    const foreignCommunity = await foreignItem('communities');
    const h = await t.request('POST', '/api/households', tokenA, {
      code: 'X2',
      communityId: foreignCommunity.id,
      areaM2: 50,
    });
    assert.equal(h.status, 422, 'a foreign parent does not exist for this user');
    const own = await t.request('POST', '/api/heat-sources', tokenA, {
      code: 'X3',
      name: '自建热源',
      type: 'gas_boiler',
      fuel: 'gas',
      capacityMw: 3,
    });
    assert.equal(own.status, 201);
    assert.equal((own.json() as Item).enterpriseId, a);
    const moved = await t.request('PATCH', `/api/heat-sources/${(own.json() as Item).id}`, tokenA, {
      enterpriseId: b,
    });
    assert.equal(moved.status, 403);
    assert.equal(
      (await t.request('POST', '/api/enterprises', tokenA, { code: 'NEW', name: '新企业', type: 'heating' }))
        .status,
      403,
    );
  });

  it('scopes the overview and the map', async () => {
    const mine = (await t.request('GET', '/api/stats/overview', tokenA)).json() as {
      enterprises: number;
      households: number;
      stations: number;
    };
    const all = (await t.request('GET', '/api/stats/overview', sup)).json() as {
      households: number;
      stations: number;
    };
    assert.equal(mine.enterprises, 1);
    assert.ok(mine.households > 0 && mine.households < all.households);
    const communities = (await t.request('GET', '/api/communities?pageSize=500', tokenA)).json() as {
      items: { householdCount: number }[];
    };
    assert.equal(
      mine.households,
      communities.items.reduce((s, c) => s + c.householdCount, 0),
    );
    const map = (await t.request('GET', '/api/map/network', tokenA)).json() as { stations: [number][] };
    const ownStations = (await t.request('GET', '/api/stations?pageSize=500', tokenA)).json() as Page;
    assert.deepEqual(map.stations.map((s) => s[0]).sort(), ownStations.items.map((s) => s.id).sort());
    assert.equal(mine.stations, ownStations.total);
  });

  it('keeps city-wide departments readable but not writable, and the audit log closed', async () => {
    assert.equal((await t.request('GET', '/api/departments', tokenA)).status, 200);
    assert.equal(
      (await t.request('POST', '/api/departments', tokenA, { code: 'xx', name: 'x' })).status,
      403,
    );
    assert.equal((await t.request('GET', '/api/audit', tokenA)).status, 403);
    assert.equal((await t.request('GET', '/api/users', tokenA)).status, 403);
  });
});
