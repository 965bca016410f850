// Accounts and sessions: login, wrong password, rate limit, expiry, disabled accounts, role checks, audit.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../test-support/test-app.ts';
import { SYSTEM_ACTOR } from './actor.ts';
import { createLoginLimiter } from './login-limiter.ts';
import { hashPassword, verifyPassword } from './password.ts';

describe('auth', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
    await t.container.users.create(SYSTEM_ACTOR, {
      username: 'alice',
      password: 'alice-password',
      role: 'supervisor',
    });
  });
  after(() => t.close());

  it('hashes with scrypt and verifies', async () => {
    const hash = await hashPassword('s3cret-pass');
    assert.match(hash, /^scrypt\$16384\$8\$1\$/);
    assert.equal(await verifyPassword('s3cret-pass', hash), true);
    assert.equal(await verifyPassword('wrong', hash), false);
  });

  it('logs in, answers /me, and logs out', async () => {
    const login = await t.request('POST', '/api/auth/login', undefined, {
      username: 'alice',
      password: 'alice-password',
    });
    assert.equal(login.status, 200);
    const body = login.json() as {
      token: string;
      user: { username: string; role: string };
      expiresAt: string;
    };
    assert.equal(body.user.username, 'alice');
    assert.equal(body.user.role, 'supervisor');
    assert.ok(Date.parse(body.expiresAt) > Date.now());
    const me = await t.request('GET', '/api/auth/me', body.token);
    assert.equal(me.status, 200);
    assert.equal((me.json() as { user: { username: string } }).user.username, 'alice');
    assert.equal((await t.request('POST', '/api/auth/logout', body.token)).status, 204);
    const after = await t.request('GET', '/api/auth/me', body.token);
    assert.equal(after.status, 401);
    assert.equal((after.json() as { error: { code: string } }).error.code, 'auth.unauthenticated');
  });

  it('rejects a wrong password with a stable code and never says which part was wrong', async () => {
    for (const username of ['alice', 'nobody']) {
      const r = await t.request('POST', '/api/auth/login', undefined, { username, password: 'nope-nope' });
      assert.equal(r.status, 401);
      assert.equal((r.json() as { error: { code: string } }).error.code, 'auth.invalid_credentials');
    }
  });

  it('validates the login body', async () => {
    const r = await t.request('POST', '/api/auth/login', undefined, { username: 'alice' });
    assert.equal(r.status, 400);
    const body = r.json() as { error: { code: string; details: { path: string }[] } };
    assert.equal(body.error.code, 'request.invalid');
    assert.ok(body.error.details.some((d) => d.path.includes('password')));
  });

  it('rate-limits repeated failures per client and username', async () => {
    await t.container.users.create(SYSTEM_ACTOR, {
      username: 'bob',
      password: 'bob-password',
      role: 'viewer',
    });
    for (let i = 0; i < 10; i++) {
      assert.equal(
        (await t.request('POST', '/api/auth/login', undefined, { username: 'bob', password: 'bad-password' }))
          .status,
        401,
      );
    }
    const limited = await t.request('POST', '/api/auth/login', undefined, {
      username: 'bob',
      password: 'bob-password',
    });
    assert.equal(limited.status, 429);
    assert.equal((limited.json() as { error: { code: string } }).error.code, 'auth.rate_limited');
  });

  it('limiter window slides', async () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    const window = { maxFailures: 2, windowMs: 1000 };
    const limiter = createLoginLimiter({
      db: t.database.db,
      limits: { perClient: window, perUsername: { maxFailures: 100, windowMs: 1000 } },
      now: () => now,
    });
    const k = { client: '10.9.9.9', username: 'slide' };
    await limiter.fail(k);
    now += 400;
    await limiter.fail(k);
    assert.equal(await limiter.retryAfterMs(k), 600);
    now += 601;
    assert.equal(await limiter.retryAfterMs(k), 0);
  });

  it('expires sessions', async () => {
    const token = await t.tokenFor('viewer');
    await t.database.db
      .updateTable('sessions')
      .set({ expiresAt: new Date(Date.now() - 1000).toISOString() })
      .execute();
    assert.equal((await t.request('GET', '/api/auth/me', token)).status, 401);
  });

  it('refuses disabled accounts', async () => {
    const admin = await t.tokenFor('admin');
    const created = await t.request('POST', '/api/users', admin, {
      username: 'carol',
      password: 'carol-password',
      role: 'operator',
    });
    assert.equal(created.status, 201);
    const id = (created.json() as { id: number }).id;
    assert.equal((await t.request('PATCH', `/api/users/${id}`, admin, { active: false })).status, 200);
    const r = await t.request('POST', '/api/auth/login', undefined, {
      username: 'carol',
      password: 'carol-password',
    });
    assert.equal(r.status, 403);
    assert.equal((r.json() as { error: { code: string } }).error.code, 'auth.account_disabled');
  });

  it('lets only admins manage users, and validates role rules', async () => {
    const supervisor = await t.tokenFor('supervisor');
    const forbidden = await t.request('POST', '/api/users', supervisor, {
      username: 'dave',
      password: 'dave-password',
      role: 'viewer',
    });
    assert.equal(forbidden.status, 403);
    assert.equal((forbidden.json() as { error: { code: string } }).error.code, 'auth.forbidden');
    const admin = await t.tokenFor('admin');
    const noEnterprise = await t.request('POST', '/api/users', admin, {
      username: 'erin',
      password: 'erin-password',
      role: 'enterprise',
    });
    assert.equal(noEnterprise.status, 400);
    const missing = await t.request('POST', '/api/users', admin, {
      username: 'erin',
      password: 'erin-password',
      role: 'enterprise',
      enterpriseId: 999,
    });
    assert.equal(missing.status, 422);
    assert.equal((missing.json() as { error: { code: string } }).error.code, 'user.enterprise_not_found');
    const duplicate = await t.request('POST', '/api/users', admin, {
      username: 'alice',
      password: 'whatever-1',
      role: 'viewer',
    });
    assert.equal(duplicate.status, 409);
    const list = await t.request('GET', '/api/users?pageSize=2', admin);
    assert.equal(list.status, 200);
    const page = list.json() as { items: { username: string }[]; total: number; pageSize: number };
    assert.equal(page.items.length, 2);
    assert.ok(page.total >= 4);
    assert.ok(!JSON.stringify(page).includes('scrypt'), 'password hashes never leave the server');
  });

  it('records account changes in the audit log, readable by supervisors only', async () => {
    const supervisor = await t.tokenFor('supervisor');
    const r = await t.request('GET', '/api/audit?entity=user', supervisor);
    assert.equal(r.status, 200);
    const page = r.json() as { items: { action: string; entity: string; username: string | null }[] };
    assert.ok(page.items.some((e) => e.action === 'create' && e.entity === 'user'));
    assert.ok(!JSON.stringify(page).includes('correct-horse'), 'passwords are not audited');
    const viewer = await t.tokenFor('viewer');
    assert.equal((await t.request('GET', '/api/audit', viewer)).status, 403);
  });

  it('requires a token on API routes and keeps health public', async () => {
    assert.equal((await t.request('GET', '/api/health')).status, 200);
    const r = await t.request('GET', '/api/stations');
    assert.equal(r.status, 401);
    assert.equal((await t.request('GET', '/api/stations', 'garbage-token')).status, 401);
  });
  it('creates the admin account once, even when other accounts exist', async () => {
    const first = await t.container.users.ensureAdmin(SYSTEM_ACTOR, undefined);
    assert.equal(first.created, true);
    assert.match(first.generatedPassword ?? '', /^\S{14}$/);
    const login = await t.request('POST', '/api/auth/login', undefined, {
      username: 'admin',
      password: first.generatedPassword,
    });
    assert.equal(login.status, 200);
    assert.deepEqual(await t.container.users.ensureAdmin(SYSTEM_ACTOR, 'another-password'), {
      created: false,
    });
  });
});
