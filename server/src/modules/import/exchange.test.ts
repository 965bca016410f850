// Import as a heating office writes it: Chinese headers, enum labels, references by code or name, templates,
// problems named by the file's own column; GeoJSON network references by code, bad features by index and field.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { parseCsv } from '../../lib/csv.ts';
import { readSheet } from '../../lib/spreadsheet.ts';
import { buildEnterprise, create } from '../../test-support/factories.ts';
import { createTestApp, type TestApp } from '../../test-support/test-app.ts';

type Err = {
  error: { code: string; details: { line?: number; column?: string; path?: string; reason: string }[] };
};
const csv = { 'content-type': 'text/csv' };
const geo = { 'content-type': 'application/geo+json' };
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe('data exchange imports', () => {
  let t: TestApp;
  let sup: string;
  let enterprise: { id: number; code: string; name: string };
  let other: { id: number; code: string; name: string };

  before(async () => {
    t = await createTestApp();
    sup = await t.tokenFor('supervisor');
    enterprise = await create(t, sup, 'enterprises', buildEnterprise({ name: '甲热力' }));
    other = await create(t, sup, 'enterprises', buildEnterprise({ name: '乙热力' }));
  });
  after(() => t.close());

  const list = async (url: string) =>
    ((await t.request('GET', url, sup)).json() as { items: Record<string, unknown>[] }).items;

  it('reads Chinese headers with units, enum labels and references by name or code', async () => {
    const sources = [
      '编码,名称,所属企业,热源类型,燃料,容量 (MW),经度,纬度',
      `XH-1,一号热源,${enterprise.name},热电联产,煤,120.50,117.200000,39.130000`,
      `XH-2,二号热源,${other.code},gas_boiler,天然气,40,,`,
    ].join('\r\n');
    const r = await t.request('POST', '/api/import/heat-sources', sup, sources, csv);
    assert.equal(r.status, 200, r.body);
    const [one, two] = await list('/api/heat-sources?q=XH-&sort=code');
    assert.deepEqual(
      [one?.enterpriseId, one?.type, one?.fuel, one?.capacityMw, one?.lon],
      [enterprise.id, 'chp', 'coal', 120.5, 117.2],
    );
    assert.deepEqual([two?.enterpriseId, two?.type, two?.fuel], [other.id, 'gas_boiler', 'gas']);

    const stations = [
      'code,name,enterpriseCode,heatSourceName,capacityMw,designSupplyTemp,designReturnTemp,servedAreaM2',
      `XS-1,一号站,${enterprise.code},一号热源,5,85,60,100000`,
    ].join('\n');
    const s = await t.request('POST', '/api/import/stations', sup, stations, csv);
    assert.equal(s.status, 200, s.body);
    assert.equal((await list('/api/stations?q=XS-1'))[0]?.heatSourceId, one?.id);
  });

  it('names each problem by the file’s line and its own column header', async () => {
    const text = [
      '编码,名称,所属企业编码,热源编码,容量 (MW),设计供水温度 (℃),设计回水温度 (℃),供热面积 (m²)',
      `XS-2,好站,${enterprise.code},XH-1,5,85,60,1000`,
      `XS-3,坏热源,${enterprise.code},NO-SUCH,5,85,60,1000`,
      `XS-4,坏容量,${enterprise.code},XH-1,很大,85,60,1000`,
      `XS-5,坏企业,E-NONE,XH-1,5,85,60,1000`,
      `XS-6,坏热源也坏温度,${enterprise.code},NO-SUCH,5,200,60,1000`,
    ].join('\n');
    const r = await t.request('POST', '/api/import/stations', sup, text, csv);
    assert.equal(r.status, 422, r.body);
    const details = (r.json() as Err).error.details;
    assert.deepEqual(
      details.map((d) => [d.line, d.column]),
      [
        [3, '热源编码'],
        [4, '容量 (MW)'],
        [5, '所属企业编码'],
        [6, '热源编码'],
        [6, '设计供水温度 (℃)'],
      ],
    );
    assert.match(details[0]?.reason ?? '', /NO-SUCH/);
    assert.equal((await list('/api/stations?q=XS-2')).length, 0, 'nothing written');
  });

  it('refuses a name that matches two rows, asking for the code', async () => {
    await create(t, sup, 'enterprises', buildEnterprise({ name: '同名热力' }));
    await create(t, sup, 'enterprises', buildEnterprise({ name: '同名热力' }));
    const text = '编码,名称,所属企业名称,人数\nRT-X1,抢修一队,同名热力,5\n';
    const r = await t.request('POST', '/api/import/repair-teams', sup, text, csv);
    assert.equal(r.status, 422);
    const [detail] = (r.json() as Err).error.details;
    assert.deepEqual([detail?.line, detail?.column], [2, '所属企业名称']);
    assert.match(detail?.reason ?? '', /编码/);
  });

  it('an enterprise user cannot reach another enterprise’s rows by code', async () => {
    const token = await t.tokenFor('enterprise', { enterpriseId: other.id });
    const text = '编码,名称,换热站编码\nXC-1,越权小区,XS-1\n';
    const r = await t.request('POST', '/api/import/communities', token, text, csv);
    assert.equal(r.status, 422);
    assert.equal((r.json() as Err).error.details[0]?.column, '换热站编码');
  });

  it('offers a CSV and an XLSX template: Chinese header, an example row, notes on labels', async () => {
    const r = await t.app.inject({
      method: 'GET',
      url: '/api/import/stations/template?format=csv',
      headers: { authorization: `Bearer ${sup}` },
    });
    assert.equal(r.statusCode, 200);
    assert.match(String(r.headers['content-disposition']), /filename\*=UTF-8''/);
    const [header, example, ...notes] = parseCsv(r.body);
    assert.deepEqual(header?.fields.slice(0, 5), ['编码', '名称', '所属企业编码', '热源编码', '容量 (MW)']);
    assert.equal(example?.fields.length, header?.fields.length);
    assert.ok(notes.length > 0 && notes.every((n) => n.fields[0]?.startsWith('# ')));

    const x = await t.app.inject({
      method: 'GET',
      url: '/api/import/households/template?format=xlsx',
      headers: { authorization: `Bearer ${sup}` },
    });
    assert.equal(x.headers['content-type'], XLSX);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(x.rawPayload as never);
    const noteText = JSON.stringify(workbook.getWorksheet('说明')?.getSheetValues());
    assert.match(noteText, /独居老人/, 'the allowed labels of 困难类别');
    const sheet = await readSheet('xlsx', x.rawPayload);
    assert.ok(sheet.header?.fields.includes('小区编码'));
  });

  it('imports an XLSX file filled in from the template (notes skipped)', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('抢修队伍');
    sheet.addRow(['编码', '名称', '所属企业编码', '负责人', '电话', '人数', '经度', '纬度']);
    sheet.addRow(['RT-X2', '抢修二队', enterprise.code, '王五', '13800000000', 6]);
    sheet.addRow(['# 人数: 1–500']);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const r = await t.request('POST', '/api/import/repair-teams', sup, bytes, { 'content-type': XLSX });
    assert.equal(r.status, 200, r.body);
    const [team] = await list('/api/repair-teams?q=RT-X2');
    assert.deepEqual([team?.enterpriseId, team?.members, team?.phone], [enterprise.id, 6, '13800000000']);
  });

  it('imports GeoJSON network features with references by code; a bad feature by index and field', async () => {
    const point = (lon: number, lat: number) => ({ type: 'Point', coordinates: [lon, lat] });
    const feature = (geometry: unknown, properties: Record<string, unknown>) => ({
      type: 'Feature',
      geometry,
      properties,
    });
    const nodes = {
      type: 'FeatureCollection',
      features: ['GN-1', 'GN-2', 'GN-3', 'GN-4'].map((code, i) =>
        feature(point(117.1 + i / 100, 39.1), { code, kind: 'junction', enterpriseCode: enterprise.code }),
      ),
    };
    const ok = await t.request('POST', '/api/import/network-nodes', sup, JSON.stringify(nodes), geo);
    assert.equal(ok.status, 200, ok.body);
    const line = (a: number, b: number) => ({
      type: 'LineString',
      coordinates: [
        [117.1 + a / 100, 39.1],
        [117.1 + b / 100, 39.1],
      ],
    });
    const pipe = (code: string, from: string, to: string, diameterMm: unknown) =>
      feature(line(0, 1), {
        code,
        enterpriseCode: enterprise.code,
        fromNodeCode: from,
        toNodeCode: to,
        diameterMm,
        lengthM: 100,
      });
    const pipes = {
      type: 'FeatureCollection',
      features: [
        pipe('GP-1', 'GN-1', 'GN-2', 300),
        pipe('GP-2', 'GN-2', 'GN-3', 300),
        pipe('GP-3', 'GN-3', 'GN-4', 300),
        pipe('GP-4', 'GN-1', 'GN-4', 'DN300'),
        pipe('GP-5', 'GN-1', 'GN-9', 300),
      ],
    };
    const bad = await t.request('POST', '/api/import/pipes', sup, JSON.stringify(pipes), geo);
    assert.equal(bad.status, 422, bad.body);
    assert.deepEqual(
      (bad.json() as Err).error.details.map((d) => d.path),
      ['features[3].properties.diameterMm', 'features[4].properties.toNodeCode'],
    );
    assert.equal((await list('/api/pipes?q=GP-')).length, 0, 'all or nothing');
    pipes.features.splice(3, 2);
    const good = await t.request('POST', '/api/import/pipes', sup, JSON.stringify(pipes), geo);
    assert.deepEqual(good.json(), { imported: 3 });
    const [first] = await list('/api/pipes?q=GP-1');
    const [n1] = await list('/api/network-nodes?q=GN-1');
    assert.equal(first?.fromNodeId, n1?.id);
    assert.equal(first?.enterpriseId, enterprise.id);
  });
});
