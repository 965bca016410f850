// The compact map layers: GET /api/map/network (sources, stations, pipes) and GET /api/map/network-assets (nodes,
// pipes, valves) as arrays with 5-decimal coordinates, scoped to the caller's enterprise; and their pure rules.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { NetworkAssets, NetworkMap } from '@hearth/contracts/stats';
import { createTestApp, type TestApp } from '../../test-support/test-app.ts';
import { boundingBoxOfLayers, flatLine, roundCoord } from './map-layers.rules.ts';

type Page = { items: { id: number; code: string }[]; total: number };

const decimals = (v: number) => (String(v).split('.')[1] ?? '').length;

describe('map layer rules', () => {
  it('rounds coordinates to 5 decimals', () => {
    assert.equal(roundCoord(117.123456789), 117.12346);
    assert.equal(roundCoord(39), 39);
  });
  it('flattens a LineString and drops malformed points', () => {
    assert.deepEqual(
      flatLine('[[117.1234567,39.1],[117.2,39.2000049],["x",1]]'),
      [117.12346, 39.1, 117.2, 39.2],
    );
    assert.deepEqual(flatLine('not json'), []);
    assert.deepEqual(flatLine('{"a":1}'), []);
  });
  it('bounds points and lines together', () => {
    assert.deepEqual(
      boundingBoxOfLayers([[117.2, 39.1]], [[117.1, 39.3, 117.4, 39.0]]),
      [117.1, 39.0, 117.4, 39.3],
    );
    assert.equal(boundingBoxOfLayers([], [[]]), null);
  });
});

describe('GET /api/map/network and /api/map/network-assets', () => {
  let t: TestApp;
  let sup: string;
  let ent: string;
  let enterpriseId: number;

  before(async () => {
    t = await createTestApp({ demo: true });
    sup = await t.tokenFor('supervisor');
    const enterprises = (await t.request('GET', '/api/enterprises?sort=code', sup)).json() as Page;
    enterpriseId = enterprises.items[0]?.id ?? 0;
    ent = await t.tokenFor('enterprise', { enterpriseId });
  });
  after(() => t.close());

  it('answers the city layer as arrays with rounded coordinates', async () => {
    const r = await t.request('GET', '/api/map/network', sup);
    assert.equal(r.status, 200);
    const map = r.json() as NetworkMap;
    const stations = (await t.request('GET', '/api/stations?pageSize=1', sup)).json() as Page;
    assert.equal(map.stations.length, stations.total);
    assert.ok(map.heatSources.length > 0 && map.pipes.length > 0);
    const [id, name, type, capacity, lon, lat] = map.heatSources[0] ?? [];
    assert.equal(typeof id, 'number');
    assert.equal(typeof name, 'string');
    assert.equal(typeof type, 'string');
    assert.ok(typeof capacity === 'number' && typeof lon === 'number' && typeof lat === 'number');
    for (const p of map.pipes) {
      assert.equal(p[2].length % 2, 0, 'flat lon, lat pairs');
      assert.ok(p[2].length >= 4, 'a pipe has two ends at least');
      for (const v of p[2]) assert.ok(decimals(v) <= 5, `${v} has at most 5 decimals`);
    }
    for (const s of map.stations) assert.ok(decimals(s[3]) <= 5 && decimals(s[4]) <= 5);
    assert.ok(map.bbox && map.bbox[0] < map.bbox[2] && map.bbox[1] < map.bbox[3]);
  });

  it('answers the network objects with codes, kinds and enterprises, scoped', async () => {
    const all = (await t.request('GET', '/api/map/network-assets', sup)).json() as NetworkAssets;
    for (const [resource, rows] of [
      ['network-nodes', all.nodes],
      ['pipes', all.pipes],
      ['valves', all.valves],
    ] as const) {
      const page = (await t.request('GET', `/api/${resource}?pageSize=1&sort=code`, sup)).json() as Page;
      assert.equal(rows.length, page.total, `${resource}: every row`);
      const first = page.items[0];
      assert.ok(first);
      assert.equal(rows.find((row) => row[0] === first.id)?.[1], first.code, `${resource}: code beside id`);
    }
    assert.ok(all.valves.every((v) => ['open', 'closed'].includes(v[3])));

    const mine = (await t.request('GET', '/api/map/network-assets', ent)).json() as NetworkAssets;
    assert.ok(mine.nodes.length > 0 && mine.nodes.length < all.nodes.length);
    assert.ok(mine.nodes.every((n) => n[3] === enterpriseId));
    assert.ok(mine.pipes.every((p) => p[3] === enterpriseId));
    assert.ok(mine.valves.every((v) => v[4] === enterpriseId));
    const ownPipes = (await t.request('GET', '/api/pipes?pageSize=1', ent)).json() as Page;
    assert.equal(mine.pipes.length, ownPipes.total);
  });

  it('refuses an anonymous caller', async () => {
    assert.equal((await t.request('GET', '/api/map/network-assets')).status, 401);
  });
});
