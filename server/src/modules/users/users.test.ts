// Account changes: sessions end on password, role and active changes; roles applied with their rules; the last admin stays.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../test-support/test-app.ts';
import { SYSTEM_ACTOR } from '../auth/actor.ts';

type Err = { error: { code: string; details?: { path?: string; reason: string }[] } };
type UserBody = {
  id: number;
  role: string;
  enterpriseId: number | null;
  departmentCode: string | null;
  active: boolean;
};
type AuditPage = {
  items: { action: string; entityId: string | null; changes: Record<string, unknown> | null }[];
};

describe('users: account changes', () => {
  let t: TestApp;
  let admin: string;
  let enterpriseId: number;
  let n = 0;

  before(async () => {
    t = await createTestApp();
    admin = await t.tokenFor('admin');
    const e = await t.request('POST', '/api/enterprises', admin, {
      code: 'E-U1',
      name: '用户测试热力',
      type: 'heating',
    });
    assert.equal(e.status, 201, e.body);
    enterpriseId = (e.json() as { id: number }).id;
    const d = await t.request('POST', '/api/departments', admin, { code: 'u_dept', name: '测试部门' });
    assert.equal(d.status, 201, d.body);
  });
  after(() => t.close());

  /** a fresh account with two live sessions */
  async function userWithSessions(role: 'viewer' | 'admin' = 'viewer') {
    const username = `u_${++n}`;
    const created = await t.container.users.create(SYSTEM_ACTOR, {
      username,
      password: 'first-password',
      role,
    });
    const tokens: string[] = [];
    for (let i = 0; i < 2; i++) {
      const r = await t.request('POST', '/api/auth/login', undefined, {
        username,
        password: 'first-password',
      });
      assert.equal(r.status, 200, r.body);
      tokens.push((r.json() as { token: string }).token);
    }
    return { id: created.id, username, tokens };
  }
  const meStatus = async (token: string) => (await t.request('GET', '/api/auth/me', token)).status;

  for (const [label, patch] of [
    ['a password change', { password: 'second-password' }],
    ['a role change', { role: 'operator' }],
    ['deactivation', { active: false }],
  ] as const) {
    it(`ends every session of the account on ${label}`, async () => {
      const u = await userWithSessions();
      for (const token of u.tokens) assert.equal(await meStatus(token), 200);
      const r = await t.request('PATCH', `/api/users/${u.id}`, admin, patch);
      assert.equal(r.status, 200, r.body);
      for (const token of u.tokens) assert.equal(await meStatus(token), 401);
      const rows = await t.database.db
        .selectFrom('sessions')
        .select('id')
        .where('userId', '=', u.id)
        .execute();
      assert.equal(rows.length, 0, 'the session rows are gone, not merely hidden');
    });
  }

  it('does not revive old tokens on reactivation; a display name change keeps sessions', async () => {
    const u = await userWithSessions();
    assert.equal(
      (await t.request('PATCH', `/api/users/${u.id}`, admin, { displayName: '新名字' })).status,
      200,
    );
    assert.equal(await meStatus(u.tokens[0] ?? ''), 200);
    assert.equal((await t.request('PATCH', `/api/users/${u.id}`, admin, { active: false })).status, 200);
    assert.equal((await t.request('PATCH', `/api/users/${u.id}`, admin, { active: true })).status, 200);
    for (const token of u.tokens) assert.equal(await meStatus(token), 401);
    const again = await t.request('POST', '/api/auth/login', undefined, {
      username: u.username,
      password: 'first-password',
    });
    assert.equal(again.status, 200);
  });

  it('also ends sessions left over from a deactivation made before this rule, when reactivated', async () => {
    const u = await userWithSessions();
    // as an older Hearth left it: the account disabled, its sessions still stored
    await t.database.db.updateTable('users').set({ active: 0 }).where('id', '=', u.id).execute();
    assert.equal((await t.request('PATCH', `/api/users/${u.id}`, admin, { active: true })).status, 200);
    for (const token of u.tokens) assert.equal(await meStatus(token), 401);
  });

  it('applies a role change with the role rules, and audits it', async () => {
    const u = await userWithSessions();
    const toEnterpriseMissing = await t.request('PATCH', `/api/users/${u.id}`, admin, { role: 'enterprise' });
    assert.equal(toEnterpriseMissing.status, 422);
    const err = toEnterpriseMissing.json() as Err;
    assert.equal(err.error.code, 'user.invalid');
    assert.ok(err.error.details?.some((d) => d.path === 'enterpriseId'));
    for (const token of u.tokens) assert.equal(await meStatus(token), 200, 'a refused change ends nothing');

    const unknownEnterprise = await t.request('PATCH', `/api/users/${u.id}`, admin, {
      role: 'enterprise',
      enterpriseId: 99_999,
    });
    assert.equal(unknownEnterprise.status, 422);
    assert.equal((unknownEnterprise.json() as Err).error.code, 'user.enterprise_not_found');

    const toEnterprise = await t.request('PATCH', `/api/users/${u.id}`, admin, {
      role: 'enterprise',
      enterpriseId,
    });
    assert.equal(toEnterprise.status, 200, toEnterprise.body);
    assert.deepEqual(
      (({ role, enterpriseId: e }) => ({ role, enterpriseId: e }))(toEnterprise.json() as UserBody),
      { role: 'enterprise', enterpriseId },
    );
    // the account now works as an enterprise user
    const login = await t.request('POST', '/api/auth/login', undefined, {
      username: u.username,
      password: 'first-password',
    });
    assert.equal((login.json() as { user: UserBody }).user.role, 'enterprise');

    const nonEnterpriseWithOne = await t.request('PATCH', `/api/users/${u.id}`, admin, {
      role: 'viewer',
      enterpriseId,
    });
    assert.equal(nonEnterpriseWithOne.status, 422);
    // leaving the enterprise role clears the enterprise
    const toViewer = await t.request('PATCH', `/api/users/${u.id}`, admin, { role: 'viewer' });
    assert.equal(toViewer.status, 200);
    assert.equal((toViewer.json() as UserBody).enterpriseId, null);

    const toDepartment = await t.request('PATCH', `/api/users/${u.id}`, admin, { role: 'department' });
    assert.equal(toDepartment.status, 422);
    assert.ok((toDepartment.json() as Err).error.details?.some((d) => d.path === 'departmentCode'));
    const unknownDepartment = await t.request('PATCH', `/api/users/${u.id}`, admin, {
      role: 'department',
      departmentCode: 'nope',
    });
    assert.equal((unknownDepartment.json() as Err).error.code, 'user.department_not_found');
    const department = await t.request('PATCH', `/api/users/${u.id}`, admin, {
      role: 'department',
      departmentCode: 'u_dept',
    });
    assert.equal(department.status, 200, department.body);
    assert.equal((department.json() as UserBody).departmentCode, 'u_dept');

    const audit = (await t.request('GET', '/api/audit?entity=user&pageSize=100', admin)).json() as AuditPage;
    const mine = audit.items.filter((e) => e.action === 'update' && e.entityId === String(u.id));
    assert.ok(
      mine.some(
        (e) =>
          JSON.stringify(e.changes?.role) === JSON.stringify({ from: 'viewer', to: 'enterprise' }) &&
          JSON.stringify(e.changes?.enterpriseId) === JSON.stringify({ from: null, to: enterpriseId }) &&
          e.changes?.sessionsEnded === 2,
      ),
      JSON.stringify(mine),
    );
  });

  it('refuses fields it does not know instead of ignoring them', async () => {
    const u = await userWithSessions();
    const r = await t.request('PATCH', `/api/users/${u.id}`, admin, { rol: 'admin' });
    assert.equal(r.status, 400);
    assert.equal((r.json() as Err).error.code, 'request.invalid');
  });

  it('never demotes or deactivates the last active admin', async () => {
    // every other admin out of the way: the test app's own admin is the last one
    const me = (await t.request('GET', '/api/auth/me', admin)).json() as { user: UserBody };
    const others = await t.database.db
      .selectFrom('users')
      .select('id')
      .where('role', '=', 'admin')
      .where('id', '<>', me.user.id)
      .execute();
    for (const o of others)
      assert.equal((await t.request('PATCH', `/api/users/${o.id}`, admin, { active: false })).status, 200);
    for (const patch of [{ role: 'supervisor' }, { active: false }]) {
      const r = await t.request('PATCH', `/api/users/${me.user.id}`, admin, patch);
      assert.equal(r.status, 409, r.body);
      assert.equal((r.json() as Err).error.code, 'user.last_admin');
    }
    assert.equal(await meStatus(admin), 200, 'a refused change ends no session');
    // with a second active admin the first may step down
    const second = await userWithSessions('admin');
    const stepDown = await t.request('PATCH', `/api/users/${me.user.id}`, admin, { role: 'supervisor' });
    assert.equal(stepDown.status, 200, stepDown.body);
    assert.equal(await meStatus(admin), 401, 'demoted: the session has ended');
    const last = await t.request('PATCH', `/api/users/${second.id}`, second.tokens[0], { active: false });
    assert.equal((last.json() as Err).error.code, 'user.last_admin');
  });

  it('keeps one admin when two admins are demoted at the same time', async () => {
    const a = await userWithSessions('admin');
    const b = await userWithSessions('admin');
    await t.database.db
      .updateTable('users')
      .set({ active: 0 })
      .where('role', '=', 'admin')
      .where('id', 'not in', [a.id, b.id])
      .execute();
    const results = await Promise.allSettled([
      t.container.users.update(SYSTEM_ACTOR, a.id, { role: 'viewer' }),
      t.container.users.update(SYSTEM_ACTOR, b.id, { active: false }),
    ]);
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1, JSON.stringify(results));
    const refused = results.find((r) => r.status === 'rejected');
    assert.equal((refused?.reason as { code?: string } | undefined)?.code, 'user.last_admin');
    const admins = await t.database.db
      .selectFrom('users')
      .select('id')
      .where('role', '=', 'admin')
      .where('active', '=', 1)
      .execute();
    assert.equal(admins.length, 1);
  });

  it('answers user.duplicate, not a server error, when two requests create one username at once', async () => {
    const input = { username: 'twice', password: 'a-long-password-1', role: 'viewer' } as const;
    const results = await Promise.allSettled([
      t.container.users.create(SYSTEM_ACTOR, input),
      t.container.users.create(SYSTEM_ACTOR, input),
    ]);
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1, JSON.stringify(results));
    const refused = results.find((r) => r.status === 'rejected');
    assert.equal((refused?.reason as { code?: string } | undefined)?.code, 'user.duplicate');
  });

  it('lets processes that start together on one database each ensure the admin', async () => {
    await t.database.db.deleteFrom('sessions').execute();
    await t.database.db.deleteFrom('users').where('username', '=', 'admin').execute();
    const results = await Promise.all([
      t.container.users.ensureAdmin(SYSTEM_ACTOR, 'an-admin-password'),
      t.container.users.ensureAdmin(SYSTEM_ACTOR, 'an-admin-password'),
    ]);
    assert.deepEqual(results.map((r) => r.created).sort(), [false, true]);
  });
});
