// CSV import: all rows or none, with line/column/reason for every bad row; scope and header checks.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../test-support/test-app.ts';

type Err = { error: { code: string; details: { line?: number; column?: string; reason: string }[] } };
const csv = { 'content-type': 'text/csv' };

describe('import', () => {
  let t: TestApp;
  let sup: string;
  let enterpriseId: number;
  let otherEnterpriseId: number;

  before(async () => {
    t = await createTestApp();
    sup = await t.tokenFor('supervisor');
    const ok = await t.request(
      'POST',
      '/api/import/enterprises',
      sup,
      'code,name,type,hotline\nE1,甲热力公司,heating,022-1234567\nE2,乙热力公司,integrated,\n',
      csv,
    );
    assert.equal(ok.status, 200, ok.body);
    assert.deepEqual(ok.json(), { imported: 2 });
    const list = (await t.request('GET', '/api/enterprises?sort=code', sup)).json() as {
      items: { id: number }[];
    };
    enterpriseId = list.items[0]?.id ?? 0;
    otherEnterpriseId = list.items[1]?.id ?? 0;
  });
  after(() => t.close());

  it('imports every row of a valid file, with quoting, BOM and CRLF', async () => {
    const text = `\uFEFFcode,name,enterpriseId,type,fuel,capacityMw,lon,lat,address\r\nS1,"东郊热电厂，二期",${enterpriseId},chp,coal,700,117.3,39.1,"津塘路 ""1"" 号"\r\nS2,西站锅炉房,${enterpriseId},gas_boiler,gas,120.5,,,\r\n`;
    const r = await t.request('POST', '/api/import/heat-sources', sup, text, csv);
    assert.equal(r.status, 200, r.body);
    assert.deepEqual(r.json(), { imported: 2 });
    const s1 = (
      (await t.request('GET', '/api/heat-sources?q=S1', sup)).json() as {
        items: { name: string; address: string; capacityMw: number }[];
      }
    ).items[0];
    assert.equal(s1?.name, '东郊热电厂，二期');
    assert.equal(s1?.address, '津塘路 "1" 号');
    assert.equal(s1?.capacityMw, 700);
  });

  it('writes nothing when any row is bad, and reports each problem by line and column', async () => {
    const before = ((await t.request('GET', '/api/heat-sources', sup)).json() as { total: number }).total;
    const text = [
      'code,name,enterpriseId,type,fuel,capacityMw',
      `S10,好热源,${enterpriseId},chp,coal,100`,
      `S11,坏类型,${enterpriseId},volcano,coal,100`,
      `S12,坏容量,${enterpriseId},chp,coal,abc`,
      `S13,不存在的企业,99999,chp,coal,100`,
      `S10,重复编码,${enterpriseId},chp,coal,100`,
      `S14,另一好热源,${enterpriseId},gas_boiler,gas,50`,
    ].join('\n');
    const r = await t.request('POST', '/api/import/heat-sources', sup, text, csv);
    assert.equal(r.status, 422);
    const body = r.json() as Err;
    assert.equal(body.error.code, 'import.invalid_rows');
    const byLine = new Map(body.error.details.map((d) => [d.line, d]));
    assert.equal(byLine.get(3)?.column, 'type');
    assert.equal(byLine.get(4)?.column, 'capacityMw');
    assert.equal(byLine.get(5)?.column, 'enterpriseId');
    assert.equal(byLine.get(6)?.column, 'code');
    assert.ok(!byLine.has(2) && !byLine.has(7), 'good rows are not reported');
    for (const d of body.error.details) assert.ok(d.reason.length > 0);
    const afterCount = ((await t.request('GET', '/api/heat-sources', sup)).json() as { total: number }).total;
    assert.equal(afterCount, before, 'nothing was written');
  });

  it('rejects a code that already exists in the database, naming the line', async () => {
    const r = await t.request(
      'POST',
      '/api/import/heat-sources',
      sup,
      `code,name,enterpriseId,type,fuel,capacityMw\nS20,新热源,${enterpriseId},chp,coal,10\nS1,已存在,${enterpriseId},chp,coal,10\n`,
      csv,
    );
    assert.equal(r.status, 422);
    const body = r.json() as Err;
    assert.equal(body.error.details[0]?.line, 3);
    assert.equal(
      ((await t.request('GET', '/api/heat-sources?q=S20', sup)).json() as { total: number }).total,
      0,
    );
  });

  it('checks the header and the shape of the file', async () => {
    const unknown = await t.request(
      'POST',
      '/api/import/heat-sources',
      sup,
      'code,name,colour\nX,Y,red\n',
      csv,
    );
    assert.equal(unknown.status, 422);
    assert.equal((unknown.json() as Err).error.code, 'import.invalid_header');
    assert.equal((unknown.json() as Err).error.details[0]?.column, 'colour');

    const empty = await t.request('POST', '/api/import/heat-sources', sup, 'code,name\n', csv);
    assert.equal((empty.json() as Err).error.code, 'import.empty');

    const ragged = await t.request('POST', '/api/import/enterprises', sup, 'code,name,type\nE9,x\n', csv);
    assert.equal(ragged.status, 422);
    assert.equal((ragged.json() as Err).error.details[0]?.line, 2);

    const broken = await t.request(
      'POST',
      '/api/import/enterprises',
      sup,
      'code,name,type\n"E9,x,heating\n',
      csv,
    );
    assert.equal((broken.json() as Err).error.code, 'import.malformed_csv');

    const entity = await t.request('POST', '/api/import/meters', sup, 'code\nx\n', csv);
    assert.equal(entity.status, 404);
    assert.equal((entity.json() as Err).error.code, 'import.unknown_entity');
  });

  it('confines enterprise users to their own enterprise', async () => {
    const token = await t.tokenFor('enterprise', { enterpriseId });
    const foreign = await t.request(
      'POST',
      '/api/import/heat-sources',
      token,
      `code,name,enterpriseId,type,fuel,capacityMw\nS30,别家热源,${otherEnterpriseId},chp,coal,10\n`,
      csv,
    );
    assert.equal(foreign.status, 422);
    const own = await t.request(
      'POST',
      '/api/import/heat-sources',
      token,
      'code,name,type,fuel,capacityMw\nS31,自家热源,chp,coal,10\n',
      csv,
    );
    assert.equal(own.status, 200, own.body);
    const item = (
      (await t.request('GET', '/api/heat-sources?q=S31', sup)).json() as { items: { enterpriseId: number }[] }
    ).items[0];
    assert.equal(item?.enterpriseId, enterpriseId);
    const viewer = await t.tokenFor('viewer');
    assert.equal((await t.request('POST', '/api/import/heat-sources', viewer, 'code\nx\n', csv)).status, 403);
  });

  it('imports households and keeps community counters right', async () => {
    const c = await t.request('POST', '/api/communities', sup, {
      code: 'C1',
      name: '阳光花园',
      enterpriseId,
    });
    const communityId = (c.json() as { id: number }).id;
    const r = await t.request(
      'POST',
      '/api/import/households',
      sup,
      `code,communityId,floor,room,areaM2,billing,paidThisSeason,vulnerable\nH1,${communityId},3,301,88.5,metered,是,\nH2,${communityId},4,401,90,,false,dibao\n`,
      csv,
    );
    assert.equal(r.status, 200, r.body);
    const community = (await t.request('GET', `/api/communities/${communityId}`, sup)).json() as {
      householdCount: number;
      heatedAreaM2: number;
    };
    assert.deepEqual([community.householdCount, community.heatedAreaM2], [2, 178.5]);
  });
  it('imports the pipe network from GeoJSON, all features or none', async () => {
    const geo = { 'content-type': 'application/geo+json' };
    const point = (lon: number, lat: number) => ({ type: 'Point', coordinates: [lon, lat] });
    const nodes = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          geometry: point(117.1, 39.1),
          properties: { code: 'N1', kind: 'source', enterpriseId },
        },
        {
          type: 'Feature',
          geometry: point(117.2, 39.1),
          properties: { code: 'N2', kind: 'junction', enterpriseId },
        },
      ],
    };
    const ok = await t.request('POST', '/api/import/network-nodes', sup, JSON.stringify(nodes), geo);
    assert.equal(ok.status, 200, ok.body);
    assert.deepEqual(ok.json(), { imported: 2 });
    const ids = (
      (await t.request('GET', '/api/network-nodes?sort=code', sup)).json() as { items: { id: number }[] }
    ).items.map((n) => n.id);
    const line = {
      type: 'LineString',
      coordinates: [
        [117.1, 39.1],
        [117.2, 39.1],
      ],
    };
    const pipes = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          geometry: line,
          properties: {
            code: 'P1',
            enterpriseId,
            fromNodeId: ids[0],
            toNodeId: ids[1],
            diameterMm: 500,
            lengthM: 8600,
          },
        },
        {
          type: 'Feature',
          geometry: { type: 'Point', coordinates: [1, 2] },
          properties: {
            code: 'P2',
            enterpriseId,
            fromNodeId: ids[0],
            toNodeId: ids[1],
            diameterMm: 500,
            lengthM: 10,
          },
        },
      ],
    };
    const bad = await t.request('POST', '/api/import/pipes', sup, JSON.stringify(pipes), geo);
    assert.equal(bad.status, 422);
    const details = (bad.json() as Err).error.details;
    assert.equal(details[0]?.line, 2);
    assert.equal(details[0]?.column, 'geometry');
    assert.equal(((await t.request('GET', '/api/pipes', sup)).json() as { total: number }).total, 0);
    pipes.features.pop();
    const good = await t.request('POST', '/api/import/pipes', sup, JSON.stringify(pipes), geo);
    assert.deepEqual(good.json(), { imported: 1 });
    const notCollection = await t.request('POST', '/api/import/pipes', sup, '{"type":"Feature"}', geo);
    assert.equal((notCollection.json() as Err).error.code, 'import.invalid_geojson');
  });
});
