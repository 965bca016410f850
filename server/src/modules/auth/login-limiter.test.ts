// Login rate limit: spoofed X-Forwarded-For, many addresses on one account, proxy trust, several processes.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp, type App } from '../../app.ts';
import { DEFAULT_TELEMETRY } from '../../container.ts';
import { openDatabase } from '../../db/database.ts';
import { openContainer } from '../../runtime.ts';
import { createTestApp, type TestApp } from '../../test-support/test-app.ts';
import { SYSTEM_ACTOR } from './actor.ts';
import { clientKey, createLoginLimiter, LOGIN_LIMITS } from './login-limiter.ts';

type Err = { error: { code: string; message: string } };

async function login(
  app: App,
  username: string,
  password: string,
  options: { remoteAddress?: string; forwardedFor?: string } = {},
) {
  const r = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password },
    ...(options.remoteAddress ? { remoteAddress: options.remoteAddress } : {}),
    headers: options.forwardedFor ? { 'x-forwarded-for': options.forwardedFor } : {},
  });
  return { status: r.statusCode, body: r.json<Err>() };
}

describe('login rate limit', () => {
  let t: TestApp;
  let n = 0;
  const account = async () => {
    const username = `limited_${++n}`;
    await t.container.users.create(SYSTEM_ACTOR, { username, password: 'right-password', role: 'viewer' });
    return username;
  };
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  it('states its figures: 10 per client and account, 30 per account, in 15 minutes', () => {
    assert.deepEqual(LOGIN_LIMITS, {
      perClient: { maxFailures: 10, windowMs: 15 * 60_000 },
      perUsername: { maxFailures: 30, windowMs: 15 * 60_000 },
    });
  });

  it('is not bypassed by a made-up X-Forwarded-For (no proxy is trusted by default)', async () => {
    const username = await account();
    for (let i = 0; i < 10; i++)
      assert.equal(
        (await login(t.app, username, 'wrong-password', { forwardedFor: `203.0.113.${i}` })).status,
        401,
      );
    const limited = await login(t.app, username, 'right-password', { forwardedFor: '198.51.100.77' });
    assert.equal(limited.status, 429);
    assert.equal(limited.body.error.code, 'auth.rate_limited');
    assert.match(limited.body.error.message, /^登录失败次数过多，请 \d+ 分钟后再试$/);
  });

  it('locks an account guessed from many addresses, while other accounts and clients go on', async () => {
    const username = await account();
    // three addresses, ten failures each: each stays within its own limit of 10
    for (let c = 1; c <= 3; c++)
      for (let i = 0; i < 10; i++)
        assert.equal(
          (await login(t.app, username, 'wrong-password', { remoteAddress: `192.0.2.${c}` })).status,
          401,
        );
    const fourth = await login(t.app, username, 'right-password', { remoteAddress: '192.0.2.4' });
    assert.equal(fourth.status, 429, 'a fresh address is refused on an account under attack');
    assert.equal(fourth.body.error.code, 'auth.rate_limited');
    const other = await account();
    assert.equal((await login(t.app, other, 'right-password', { remoteAddress: '192.0.2.1' })).status, 200);
  });

  it('counts an IPv6 client by its /64', async () => {
    assert.equal(clientKey('2001:db8:1:2:aaaa::1'), '2001:db8:1:2::/64');
    assert.equal(clientKey('2001:db8:1:2:ffff:ffff:ffff:ffff'), '2001:db8:1:2::/64');
    assert.equal(clientKey('2001:db8::1'), '2001:db8:0:0::/64');
    assert.equal(clientKey('::ffff:10.1.2.3'), '10.1.2.3');
    assert.equal(clientKey('10.1.2.3'), '10.1.2.3');
    const username = await account();
    for (let i = 0; i < 10; i++)
      await login(t.app, username, 'wrong-password', {
        remoteAddress: `2001:db8:7:7::${(i + 1).toString(16)}`,
      });
    assert.equal(
      (await login(t.app, username, 'right-password', { remoteAddress: '2001:db8:7:7:1:2:3:4' })).status,
      429,
    );
  });

  it('a successful login forgets that client’s failures', async () => {
    const username = await account();
    for (let i = 0; i < 9; i++)
      await login(t.app, username, 'wrong-password', { remoteAddress: '192.0.2.50' });
    assert.equal(
      (await login(t.app, username, 'right-password', { remoteAddress: '192.0.2.50' })).status,
      200,
    );
    for (let i = 0; i < 9; i++)
      assert.equal(
        (await login(t.app, username, 'wrong-password', { remoteAddress: '192.0.2.50' })).status,
        401,
      );
  });

  it('trusts X-Forwarded-For only from configured proxies (addresses, or a hop count)', async () => {
    const probe = async (
      trustProxy: boolean | number | string[],
      remoteAddress: string,
      forwardedFor: string,
    ) => {
      const app = await buildApp(t.container, { trustProxy });
      app.get('/ip-probe', async (request) => ({ ip: request.ip }));
      const r = await app.inject({
        url: '/ip-probe',
        remoteAddress,
        headers: { 'x-forwarded-for': forwardedFor },
      });
      await app.close();
      return r.json<{ ip: string }>().ip;
    };
    assert.equal(await probe(false, '10.0.0.5', '203.0.113.9'), '10.0.0.5');
    assert.equal(await probe(['10.0.0.5'], '10.0.0.5', '198.51.100.1, 203.0.113.9'), '203.0.113.9');
    assert.equal(await probe(['10.0.0.0/8'], '192.0.2.1', '203.0.113.9'), '192.0.2.1', 'not from the proxy');
    assert.equal(await probe(1, '10.0.0.5', '198.51.100.1, 203.0.113.9'), '203.0.113.9');
    assert.equal(await probe(2, '10.0.0.5', '198.51.100.1, 203.0.113.9'), '198.51.100.1');
  });

  it('holds across processes: failures in one Hearth count in another on the same database', async () => {
    const second = await openDatabase(t.database.target);
    const container = await openContainer(
      { sessionTtlMs: 3_600_000, timeZone: 'Asia/Shanghai', telemetry: DEFAULT_TELEMETRY },
      second,
    );
    const other = await buildApp(container);
    try {
      const username = await account();
      for (let i = 0; i < 5; i++) {
        assert.equal(
          (await login(t.app, username, 'wrong-password', { remoteAddress: '192.0.2.90' })).status,
          401,
        );
        assert.equal(
          (await login(other, username, 'wrong-password', { remoteAddress: '192.0.2.90' })).status,
          401,
        );
      }
      for (const app of [t.app, other])
        assert.equal(
          (await login(app, username, 'right-password', { remoteAddress: '192.0.2.90' })).status,
          429,
        );
    } finally {
      await other.close();
      await container.telemetryWriter.close();
      await container.telemetryStore.close();
      await second.close();
    }
  });

  it('prunes failures older than its windows', async () => {
    let now = Date.parse('2026-03-01T00:00:00Z');
    const limiter = createLoginLimiter({ db: t.database.db, now: () => now });
    const old = { client: '192.0.2.200', username: 'pruned' };
    await limiter.fail(old);
    const count = async () =>
      (
        await t.database.db
          .selectFrom('loginFailures')
          .select('id')
          .where('username', '=', 'pruned')
          .execute()
      ).length;
    assert.equal(await count(), 1);
    now += LOGIN_LIMITS.perUsername.windowMs + 1;
    await limiter.fail({ client: '192.0.2.201', username: 'someone-else' });
    assert.equal(await count(), 0);
  });
});
