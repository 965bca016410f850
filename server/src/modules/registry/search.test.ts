// Text search matches `_`, `%` and `\` literally on both engines (they are LIKE wildcards / the escape).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../test-support/test-app.ts';

describe('registry search', () => {
  let t: TestApp;
  let sup: string;

  before(async () => {
    t = await createTestApp();
    sup = await t.tokenFor('supervisor');
    for (const [code, name] of [
      ['E1', '甲_乙热力'],
      ['E2', '甲丙乙热力'],
      ['E3', '百分之100%热力'],
      ['E4', '百分之1000热力'],
      ['E5', '反斜杠\\热力'],
    ]) {
      const r = await t.request('POST', '/api/enterprises', sup, { code, name, type: 'heating' });
      assert.equal(r.status, 201, r.body);
    }
  });
  after(() => t.close());

  const codes = async (q: string) =>
    (
      (await t.request('GET', `/api/enterprises?q=${encodeURIComponent(q)}&sort=code`, sup)).json() as {
        items: { code: string }[];
      }
    ).items.map((i) => i.code);

  for (const [q, expected] of [
    ['甲_乙', ['E1']],
    ['100%', ['E3']],
    ['\\', ['E5']],
    ['热力', ['E1', 'E2', 'E3', 'E4', 'E5']],
  ] as const) {
    it(`q=${q}`, async () => assert.deepEqual(await codes(q), expected));
  }
});
