// GET /api/audit: the date-range filter (inclusive city days, Asia/Shanghai) and its validation; names of the
// actor, the entity and the references beside their ids.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../test-support/test-app.ts';
import {
  buildCommunity,
  buildEnterprise,
  buildHeatSource,
  buildStation,
  create,
} from '../../test-support/factories.ts';
import { readSheet } from '../../lib/spreadsheet.ts';
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

type Named = {
  items: {
    action: string;
    entity: string;
    entityId: string | null;
    username: string | null;
    actorName?: string | null;
    entityName?: string | null;
    entityCode?: string | null;
    names?: Record<string, string>;
    changes: Record<string, unknown> | null;
  }[];
};

describe('audit API names', () => {
  let t: TestApp;
  let admin: string;
  let sup: string;

  before(async () => {
    t = await createTestApp();
    admin = await t.tokenFor('admin');
    const r = await t.request('POST', '/api/users', admin, {
      username: 'zhang_wei',
      password: 'correct-horse-battery',
      displayName: '张伟',
      role: 'supervisor',
    });
    assert.equal(r.status, 201, r.body);
    const login = await t.request('POST', '/api/auth/login', undefined, {
      username: 'zhang_wei',
      password: 'correct-horse-battery',
    });
    sup = (login.json() as { token: string }).token;
  });
  after(() => t.close());

  const entries = async (entity: string) => {
    const r = await t.request('GET', `/api/audit?entity=${entity}`, sup);
    assert.equal(r.status, 200, r.body);
    return (r.json() as Named).items;
  };

  it("names the actor, the entity and the changes' references", async () => {
    const a = await create(t, sup, 'enterprises', buildEnterprise({ name: '甲热力' }));
    const b = await create(t, sup, 'enterprises', buildEnterprise({ name: '乙热力' }));
    const station = await create(t, sup, 'stations', buildStation({ enterpriseId: a.id, name: '东站' }));
    const moved = await t.request('PATCH', `/api/stations/${station.id}`, sup, { enterpriseId: b.id });
    assert.equal(moved.status, 200, moved.body);
    const list = await entries('station');
    assert.deepEqual(
      list.map((e) => e.action),
      ['move', 'update', 'create'],
    );
    const [move, update, created] = list;
    assert.ok(move && update && created);
    assert.equal(move.names?.[`enterprises/${b.id}`], '乙热力');
    assert.equal(update.username, 'zhang_wei');
    assert.equal(update.actorName, '张伟');
    assert.equal(update.entityName, '东站');
    assert.equal(update.entityCode, station.code);
    assert.deepEqual(update.changes?.enterpriseId, { from: a.id, to: b.id });
    assert.equal(update.names?.[`enterprises/${a.id}`], '甲热力');
    assert.equal(update.names?.[`enterprises/${b.id}`], '乙热力');
    assert.equal(created.action, 'create');
    assert.equal(created.names?.[`enterprises/${a.id}`], '甲热力');
  });

  it('names a deleted object from its own record, and departments by name', async () => {
    const owner = await create(t, sup, 'enterprises', buildEnterprise());
    const community = await create(
      t,
      sup,
      'communities',
      buildCommunity({ enterpriseId: owner.id, name: '将拆小区' }),
    );
    const gone = await t.request('DELETE', `/api/communities/${community.id}`, sup);
    assert.equal(gone.status, 204, gone.body);
    const [deleted] = await entries('community');
    assert.equal(deleted?.action, 'delete');
    assert.equal(deleted?.entityName, '将拆小区');
    assert.equal(deleted?.entityCode, community.code);

    const dept = await t.request('POST', '/api/departments', admin, { code: 'water_dept', name: '水务局' });
    assert.equal(dept.status, 201, dept.body);
    const user = await t.request('POST', '/api/users', admin, {
      username: 'li_na',
      password: 'correct-horse-battery',
      displayName: '李娜',
      role: 'department',
      departmentCode: 'water_dept',
    });
    assert.equal(user.status, 201, user.body);
    const [madeUser] = await entries('user');
    assert.equal(madeUser?.entityName, '李娜');
    assert.equal(madeUser?.entityCode, 'li_na');
    assert.equal(madeUser?.names?.['departments/water_dept'], '水务局');
  });

  it('exports the filtered trail as CSV and XLSX with Chinese headers, city time and names', async () => {
    const ent = await create(t, sup, 'enterprises', buildEnterprise({ name: '丙热力' }));
    const hs = await create(
      t,
      sup,
      'heat-sources',
      buildHeatSource({ enterpriseId: ent.id, name: '北郊热源' }),
    );
    const patched = await t.request('PATCH', `/api/heat-sources/${hs.id}`, sup, { type: 'gas_boiler' });
    assert.equal(patched.status, 200, patched.body);

    const csv = await t.request('GET', '/api/audit/export?entity=heat_source&format=csv', sup);
    assert.equal(csv.status, 200, csv.body);
    assert.match(String(csv.headers['content-type']), /text\/csv/);
    assert.match(String(csv.headers['content-disposition']), /filename\*=UTF-8''%E5%AE%A1/);
    const { header, rows } = await readSheet('csv', Buffer.from(csv.body, 'utf8'));
    assert.deepEqual(header?.fields, [
      '时间',
      '操作人',
      '用户名',
      '动作',
      '对象类型',
      '对象名称',
      '对象编码',
      '对象ID',
      '所属企业',
      '变更内容',
    ]);
    assert.equal(rows.length, 2, 'only heat sources');
    const [update, created] = rows.map((r) => r.fields);
    assert.deepEqual(update?.slice(1, 9), [
      '张伟',
      'zhang_wei',
      '修改',
      '热源',
      '北郊热源',
      hs.code,
      String(hs.id),
      '丙热力',
    ]);
    assert.match(update?.[0] ?? '', /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    assert.equal(update?.[9], '类型: 热电联产 → 燃气锅炉');
    assert.equal(created?.[3], '新建');
    assert.match(created?.[9] ?? '', /所属企业: 丙热力/);

    const xlsx = await t.app.inject({
      method: 'GET',
      url: '/api/audit/export?entity=heat_source&format=xlsx',
      headers: { authorization: `Bearer ${sup}` },
    });
    assert.equal(xlsx.statusCode, 200);
    const sheet = await readSheet('xlsx', xlsx.rawPayload);
    assert.equal(sheet.rows.length, 2);
    assert.equal(sheet.rows[0]?.fields[3], '修改');

    const none = await t.request(
      'GET',
      '/api/audit/export?entity=heat_source&from=2001-01-01&to=2001-01-02',
      sup,
    );
    assert.equal((await readSheet('csv', Buffer.from(none.body, 'utf8'))).rows.length, 0);
    const enterprise = await t.tokenFor('enterprise', { enterpriseId: ent.id });
    assert.equal((await t.request('GET', '/api/audit/export', enterprise)).status, 403);
  });
});
