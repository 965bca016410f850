// Personal data through the API: household owners' names are masked for departments, operators and viewers in
// lists, details and exports; the authority and the household's enterprise read them in full.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../test-support/test-app.ts';

type Household = { id: number; code: string; ownerName: string | null; enterpriseId: number };

describe('personal data', () => {
  let t: TestApp;
  let sup: string;
  let household: Household;

  before(async () => {
    t = await createTestApp({ demo: true });
    sup = await t.tokenFor('supervisor');
    const first = (
      (await t.request('GET', '/api/households?pageSize=1', sup)).json() as { items: Household[] }
    ).items[0] as Household;
    // the demo city already stores owners masked: give this one a full name
    const r = await t.request('PATCH', `/api/households/${first.id}`, sup, { ownerName: '王小明' });
    assert.equal(r.status, 200, r.body);
    household = r.json() as Household;
  });
  after(() => t.close());

  const read = async (token: string) => {
    const list = (await t.request('GET', `/api/households?ids=${household.id}`, token)).json() as {
      items: Household[];
    };
    const detail = (await t.request('GET', `/api/households/${household.id}`, token)).json() as Household;
    const csv = (await t.request('GET', `/api/households/export.csv?ids=${household.id}`, token)).body;
    return { list: list.items[0]?.ownerName, detail: detail.ownerName, csv };
  };

  it('masks owner names for roles that do not work with them', async () => {
    const full = household.ownerName as string;
    for (const role of ['department', 'operator', 'viewer'] as const) {
      const token = await t.tokenFor(role, role === 'department' ? { departmentCode: 'fgw' } : {});
      const seen = await read(token);
      const masked = `${[...full][0]}${'*'.repeat([...full].length - 1)}`;
      assert.equal(seen.list, masked, `${role} list`);
      assert.equal(seen.detail, masked, `${role} detail`);
      assert.ok(!seen.csv.includes(full) && seen.csv.includes(masked), `${role} export`);
    }
  });

  it('shows them in full to the authority and the household’s enterprise', async () => {
    const enterprise = await t.tokenFor('enterprise', { enterpriseId: household.enterpriseId });
    for (const token of [sup, enterprise]) {
      const seen = await read(token);
      assert.equal(seen.list, household.ownerName);
      assert.equal(seen.detail, household.ownerName);
      assert.ok(seen.csv.includes(household.ownerName as string));
    }
  });
});
