// Codes are unique city-wide; an enterprise user who picks a code another enterprise holds learns nothing of that
// enterprise or its object: the answer is the same as for a code it holds itself.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../test-support/test-app.ts';

type Item = { id: number; code: string; name: string; enterpriseId: number; heatSourceId: number | null };
type Page = { items: Item[] };

describe('taken codes', () => {
  let t: TestApp;
  let sup: string;
  let tokenA: string;
  let own: Item;
  let foreign: Item;

  before(async () => {
    t = await createTestApp({ demo: true });
    sup = await t.tokenFor('supervisor');
    const enterprises = (await t.request('GET', '/api/enterprises?sort=code', sup)).json() as Page;
    const [a, b] = enterprises.items as [Item, Item];
    tokenA = await t.tokenFor('enterprise', { enterpriseId: a.id });
    own = ((await t.request('GET', `/api/stations?enterpriseId=${a.id}`, sup)).json() as Page)
      .items[0] as Item;
    foreign = ((await t.request('GET', `/api/stations?enterpriseId=${b.id}`, sup)).json() as Page)
      .items[0] as Item;
  });
  after(() => t.close());

  const create = (code: string) =>
    t.request('POST', '/api/stations', tokenA, {
      code,
      name: '新站',
      capacityMw: 5,
      designSupplyTemp: 60,
      designReturnTemp: 45,
      servedAreaM2: 1000,
    });

  it('answers a foreign code exactly as an own one, naming no one', async () => {
    const theirs = await create(foreign.code);
    const mine = await create(own.code);
    assert.equal(theirs.status, 409);
    assert.equal(theirs.body, mine.body, 'the same answer whoever holds the code');
    const body = theirs.json() as { error: { code: string; message: string } };
    assert.equal(body.error.code, 'station.code_unavailable');
    for (const secret of [foreign.name, String(foreign.enterpriseId), String(foreign.id)])
      assert.ok(!theirs.body.includes(`"${secret}"`) && !body.error.message.includes(foreign.name), secret);
  });

  it('does the same when a code is changed, and in an import', async () => {
    const patched = await t.request('PATCH', `/api/stations/${own.id}`, tokenA, { code: foreign.code });
    assert.equal(patched.status, 409);
    assert.equal((patched.json() as { error: { code: string } }).error.code, 'station.code_unavailable');
    const csv = `code,name,capacityMw,designSupplyTemp,designReturnTemp,servedAreaM2\n${foreign.code},新站,5,60,45,1000\n`;
    const imported = await t.request('POST', '/api/import/stations', tokenA, csv, {
      'content-type': 'text/csv',
    });
    assert.equal(imported.status, 422);
    const ownCsv = `code,name,capacityMw,designSupplyTemp,designReturnTemp,servedAreaM2\n${own.code},新站,5,60,45,1000\n`;
    const ownImport = await t.request('POST', '/api/import/stations', tokenA, ownCsv, {
      'content-type': 'text/csv',
    });
    assert.equal(imported.body, ownImport.body, 'the same line-level answer whoever holds the code');
  });

  it('city-wide roles still hear that the code exists', async () => {
    const r = await t.request('POST', '/api/stations', sup, {
      code: foreign.code,
      name: 'x',
      capacityMw: 5,
      designSupplyTemp: 60,
      designReturnTemp: 45,
      servedAreaM2: 1000,
      enterpriseId: own.enterpriseId,
    });
    assert.equal((r.json() as { error: { code: string } }).error.code, 'station.duplicate');
  });
});
