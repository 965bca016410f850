// Ownership moves: after a supervisor gives a station, community, building or household to another enterprise,
// everything the move carries (ownership.moves.ts) answers to the new owner only, route by route, and the
// moved devices' credentials end.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../test-support/test-app.ts';

type Item = { id: number; code: string; enterpriseId: number; [k: string]: unknown };
type Page = { items: Item[]; total: number };
type Credential = { id: number; token: string; topic: string };

describe('ownership moves', () => {
  let t: TestApp;
  let sup: string;
  let a: number;
  let b: number;
  let tokenA: string;
  let tokenB: string;

  const page = async (url: string, token = sup) => (await t.request('GET', url, token)).json() as Page;
  const first = async (url: string) => {
    const item = (await page(url)).items[0];
    assert.ok(item, `the demo city has ${url}`);
    return item;
  };
  const status = async (url: string, token: string) => (await t.request('GET', url, token)).status;
  const device = async (token: string, body: object) => {
    const r = await t.request('POST', '/api/devices', token, body);
    assert.equal(r.status, 201, r.body);
    return r.json() as Credential;
  };
  const ingest = (token: string, stationCode: string) =>
    t.request('POST', '/api/ingest/telemetry', token, [
      { stationCode, ts: new Date().toISOString(), values: { primarySupplyTemp: 90 } },
    ]);

  before(async () => {
    t = await createTestApp({ demo: true });
    sup = await t.tokenFor('supervisor');
    const enterprises = await page('/api/enterprises?sort=code');
    a = enterprises.items[0]?.id ?? 0;
    b = enterprises.items[1]?.id ?? 0;
    tokenA = await t.tokenFor('enterprise', { enterpriseId: a });
    tokenB = await t.tokenFor('enterprise', { enterpriseId: b });
  });
  after(() => t.close());

  it('a station carries its communities, buildings, households, network objects and devices', async () => {
    // a station of A that serves communities and has a network node
    const stations = await page(`/api/stations?enterpriseId=${a}&pageSize=100`);
    let station: Item | undefined;
    for (const s of stations.items) {
      const served = await page(`/api/communities?stationId=${s.id}&pageSize=1`);
      const nodes = await page(`/api/network-nodes?stationId=${s.id}&pageSize=1`);
      if (served.total > 0 && nodes.total > 0) {
        station = s;
        break;
      }
    }
    assert.ok(station, 'a station of A with communities and a network node');
    const communities = (await page(`/api/communities?stationId=${station.id}&pageSize=500`)).items;
    const community = communities[0] as Item;
    const building = await first(`/api/buildings?communityId=${community.id}`);
    const household = await first(`/api/households?communityId=${community.id}`);
    const node = await first(`/api/network-nodes?stationId=${station.id}`);
    const branch = (await page(`/api/pipes?toNodeId=${node.id}`)).items.filter((p) => p.enterpriseId === a);
    const valves = (
      await Promise.all(branch.map(async (p) => (await page(`/api/valves?pipeId=${p.id}`)).items))
    ).flat();
    const stationDevice = await device(tokenA, { stationId: station.id });
    const householdDevice = await device(tokenA, { householdId: household.id });
    assert.equal((await ingest(stationDevice.token, station.code)).status, 200);
    const ended: number[] = [];
    const unsubscribe = t.container.devices.onCredentialChanged((id) => ended.push(id));

    const moved = await t.request('PATCH', `/api/stations/${station.id}`, sup, { enterpriseId: b });
    assert.equal(moved.status, 200, moved.body);
    unsubscribe();

    const carried = [
      `/api/stations/${station.id}`,
      ...communities.map((c) => `/api/communities/${c.id}`),
      `/api/buildings/${building.id}`,
      `/api/households/${household.id}`,
      `/api/network-nodes/${node.id}`,
      ...branch.map((p) => `/api/pipes/${p.id}`),
      ...valves.map((v) => `/api/valves/${v.id}`),
      `/api/devices/${stationDevice.id}`,
      `/api/devices/${householdDevice.id}`,
    ];
    for (const url of carried) {
      assert.equal(await status(url, tokenA), 404, `old owner no longer reads ${url}`);
      assert.equal(await status(url, tokenB), 200, `new owner reads ${url}`);
    }
    for (const [url, owner] of [
      [`/api/households/${household.id}`, b],
      [`/api/buildings/${building.id}`, b],
      [`/api/network-nodes/${node.id}`, b],
    ] as const)
      assert.equal(((await t.request('GET', url, sup)).json() as Item).enterpriseId, owner, url);
    // lists, filters and exports follow
    assert.equal((await page(`/api/households?communityId=${community.id}`, tokenA)).total, 0);
    assert.equal(
      (await page(`/api/households?communityId=${community.id}`, tokenB)).total,
      Number(community.householdCount),
    );
    const exported = await t.request('GET', `/api/buildings/export.csv?communityId=${community.id}`, tokenA);
    assert.ok(!exported.body.includes(building.code), 'old owner exports none of the moved buildings');
    const devicesB = await page(`/api/devices?stationId=${station.id}`, tokenB);
    assert.deepEqual(
      devicesB.items.map((d) => [d.id, d.active, d.credentialEnded]),
      [[stationDevice.id, true, true]],
      'the new owner sees the device; its credential ended',
    );
    // the old owner can neither rotate nor use the devices
    assert.equal((await t.request('POST', `/api/devices/${stationDevice.id}/rotate`, tokenA)).status, 404);
    assert.equal((await ingest(stationDevice.token, station.code)).status, 401);
    // the new owner issues a token of its own
    const rotated = await t.request('POST', `/api/devices/${stationDevice.id}/rotate`, tokenB);
    assert.equal(rotated.status, 200, rotated.body);
    assert.equal((await ingest((rotated.json() as Credential).token, station.code)).status, 200);
    assert.equal(
      ((await t.request('GET', `/api/devices/${stationDevice.id}`, tokenB)).json() as Item).credentialEnded,
      false,
    );
    assert.deepEqual(ended.sort(), [stationDevice.id, householdDevice.id].sort(), 'live sessions ended');
    assert.ok(branch.length > 0, 'the station’s branch pipe moved with it');
    // the telemetry views follow the registry
    const monitored = async (token: string) =>
      (
        (await t.request('GET', '/api/monitoring/stations', token)).json() as { items: { id: number }[] }
      ).items
        .map((i) => i.id)
        .includes(station.id);
    assert.equal(await monitored(tokenA), false, 'gone from the old owner’s monitoring table');
    assert.equal(await monitored(tokenB), true, 'in the new owner’s monitoring table');
    assert.equal(await status(`/api/stations/${station.id}/latest`, tokenA), 404);
    assert.equal(await status(`/api/stations/${station.id}/latest`, tokenB), 200);
    // one audit record says what moved
    const audit = (await t.request('GET', '/api/audit?entity=station&pageSize=5', sup)).json() as {
      items: { action: string; entityId: string; changes: { carried: Record<string, number> } }[];
    };
    const record = audit.items.find((e) => e.action === 'move' && e.entityId === String(station.id));
    assert.ok(record, 'the move is audited');
    assert.equal(record.changes.carried.communities, communities.length);
    assert.ok((record.changes.carried.households ?? 0) >= 1);
  });

  it('a community carries its buildings, households and devices; the old station stays', async () => {
    const community = await first(`/api/communities?enterpriseId=${a}&sort=-householdCount`);
    const building = await first(`/api/buildings?communityId=${community.id}`);
    const household = await first(`/api/households?communityId=${community.id}`);
    const sensor = await device(tokenA, { householdId: household.id });
    const r = await t.request('PATCH', `/api/communities/${community.id}`, sup, { enterpriseId: b });
    assert.equal(r.status, 200, r.body);
    for (const url of [
      `/api/communities/${community.id}`,
      `/api/buildings/${building.id}`,
      `/api/households/${household.id}`,
      `/api/devices/${sensor.id}`,
      `/api/households/${household.id}/latest`,
    ]) {
      assert.equal(await status(url, tokenA), 404, `old owner: ${url}`);
      assert.equal(await status(url, tokenB), 200, `new owner: ${url}`);
    }
    assert.equal(await status(`/api/stations/${String(community.stationId)}`, tokenA), 200);
    assert.equal(
      (await page(`/api/households?communityId=${community.id}&pageSize=1`, tokenB)).total,
      Number(community.householdCount),
    );
    assert.equal(
      (await t.request('POST', '/api/ingest/telemetry', sensor.token, [])).status,
      401,
      'the moved sensor’s token ended',
    );
  });

  it('a building moved to another enterprise’s community takes its households; counters follow', async () => {
    const from = await first(`/api/communities?enterpriseId=${a}&sort=-householdCount`);
    const to = await first(`/api/communities?enterpriseId=${b}&sort=householdCount`);
    const building = await first(`/api/buildings?communityId=${from.id}`);
    const inBuilding = await page(`/api/households?buildingId=${building.id}&pageSize=1`);
    assert.ok(inBuilding.total > 0);
    const household = inBuilding.items[0] as Item;
    const sensor = await device(tokenA, { householdId: household.id });
    const r = await t.request('PATCH', `/api/buildings/${building.id}`, sup, { communityId: to.id });
    assert.equal(r.status, 200, r.body);
    const movedHousehold = (await t.request('GET', `/api/households/${household.id}`, tokenB)).json() as Item;
    assert.equal(movedHousehold.communityId, to.id);
    assert.equal(movedHousehold.enterpriseId, b);
    assert.equal(await status(`/api/households/${household.id}`, tokenA), 404);
    assert.equal(await status(`/api/devices/${sensor.id}`, tokenB), 200);
    const after = (id: number) =>
      t.request('GET', `/api/communities/${id}`, sup).then((x) => x.json() as Item);
    assert.equal((await after(from.id)).householdCount, Number(from.householdCount) - inBuilding.total);
    assert.equal((await after(to.id)).householdCount, Number(to.householdCount) + inBuilding.total);
  });

  it('a household moved to another enterprise’s community takes its sensor', async () => {
    const to = await first(`/api/communities?enterpriseId=${b}`);
    const household = await first(`/api/households?enterpriseId=${a}&sort=code`);
    const sensor = await device(tokenA, { householdId: household.id });
    const r = await t.request('PATCH', `/api/households/${household.id}`, sup, {
      communityId: to.id,
      buildingId: null,
    });
    assert.equal(r.status, 200, r.body);
    assert.equal(await status(`/api/devices/${sensor.id}`, tokenA), 404);
    const moved = (await t.request('GET', `/api/devices/${sensor.id}`, tokenB)).json() as Item;
    assert.equal(moved.credentialEnded, true);
  });

  it('a station moved within its enterprise’s reach changes nothing beneath it', async () => {
    const station = await first(`/api/stations?enterpriseId=${b}&sort=-code`);
    const r = await t.request('PATCH', `/api/stations/${station.id}`, sup, { name: `${station.code} 改名` });
    assert.equal(r.status, 200);
    const audit = (await t.request('GET', '/api/audit?entity=station&pageSize=50', sup)).json() as {
      items: { action: string; entityId: string }[];
    };
    assert.ok(!audit.items.some((e) => e.action === 'move' && e.entityId === String(station.id)));
  });
});
