// GET /api/audit: the date-range filter (inclusive city days, Asia/Shanghai) and its validation.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../test-support/test-app.ts';
import { cityDayStart } from './audit.service.ts';

type Page = { items: { entityId: string; at: string }[]; total: number };

describe('audit API date range', () => {
  let t: TestApp;
  let sup: string;

  before(async () => {
    t = await createTestApp();
    sup = await t.tokenFor('supervisor');
    // city days (UTC+8): 03-01 23:30 city = 03-01T15:30Z; 03-02 00:10 city = 03-01T16:10Z; 03-02 23:59 city = 03-02T15:59Z
    const at = ['2026-03-01T15:30:00.000Z', '2026-03-01T16:10:00.000Z', '2026-03-02T15:59:00.000Z'];
    await t.database.db
      .insertInto('auditLog')
      .values(
        at.map((a, i) => ({
          at: a,
          userId: null,
          username: 'range-test',
          action: 'update',
          entity: 'range_test',
          entityId: `r${i}`,
          enterpriseId: null,
          changes: null,
        })),
      )
      .execute();
  });
  after(() => t.close());

  const ids = async (query: string) => {
    const r = await t.request('GET', `/api/audit?entity=range_test${query}`, sup);
    assert.equal(r.status, 200, r.body);
    return (r.json() as Page).items.map((e) => e.entityId).sort();
  };

  it('computes city day starts in UTC', () => {
    assert.equal(cityDayStart('2026-03-02', 'Asia/Shanghai'), '2026-03-01T16:00:00.000Z');
    assert.equal(cityDayStart('2026-03-02', 'Asia/Shanghai', 1), '2026-03-02T16:00:00.000Z');
  });

  it('filters by inclusive city days', async () => {
    assert.deepEqual(await ids('&from=2026-03-02&to=2026-03-02'), ['r1', 'r2']);
    assert.deepEqual(await ids('&to=2026-03-01'), ['r0']);
    assert.deepEqual(await ids('&from=2026-03-01'), ['r0', 'r1', 'r2']);
    assert.deepEqual(await ids('&from=2026-03-03'), []);
  });

  it('rejects malformed days and an inverted range', async () => {
    for (const q of [
      '&from=2026-3-1',
      '&to=2026-02-30',
      '&from=yesterday',
      '&from=2026-03-02&to=2026-03-01',
    ]) {
      const r = await t.request('GET', `/api/audit?entity=range_test${q}`, sup);
      assert.equal(r.status, 400, q);
    }
  });
});
