// Authentication before validation: anonymous callers of protected routes get 401 and never the schema's verdict.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { createTestApp, type TestApp } from '../../test-support/test-app.ts';

type Err = { error: { code: string; details?: unknown[] } };

describe('authentication runs before body validation', () => {
  let t: TestApp;
  let supervisor: string;
  before(async () => {
    t = await createTestApp();
    supervisor = await t.tokenFor('supervisor');
  });
  after(() => t.close());
  let address: Promise<string> | undefined;
  const listening = () => (address ??= t.app.listen({ host: '127.0.0.1', port: 0 }));

  const invalidRequests: {
    name: string;
    method: 'POST' | 'PATCH';
    url: string;
    payload: string | object;
    headers?: Record<string, string>;
  }[] = [
    { name: 'registry create', method: 'POST', url: '/api/stations', payload: { name: 42 } },
    {
      name: 'registry update',
      method: 'PATCH',
      url: '/api/stations/not-a-number',
      payload: { capacityMw: 'x' },
    },
    { name: 'user create', method: 'POST', url: '/api/users', payload: { username: '!' } },
    { name: 'user update', method: 'PATCH', url: '/api/users/1', payload: { active: 'maybe' } },
    { name: 'device create', method: 'POST', url: '/api/devices', payload: { stationId: 'x' } },
    {
      name: 'import with an impossible entity',
      method: 'POST',
      url: `/api/import/${'x'.repeat(60)}`,
      payload: 'code,name\n',
      headers: { 'content-type': 'text/csv' },
    },
    {
      name: 'malformed JSON',
      method: 'POST',
      url: '/api/stations',
      payload: '{"name": ',
      headers: { 'content-type': 'application/json' },
    },
  ];

  for (const r of invalidRequests) {
    it(`${r.name}: anonymous → 401 auth.unauthenticated, signed in → 400`, async () => {
      for (const token of [undefined, 'expired-or-made-up-token']) {
        const anonymous = await t.request(r.method, r.url, token, r.payload, r.headers);
        assert.equal(anonymous.status, 401, anonymous.body);
        const body = anonymous.json() as Err;
        assert.equal(body.error.code, 'auth.unauthenticated');
        assert.equal(body.error.details, undefined, 'no schema details to an anonymous caller');
      }
      const signedIn = await t.request(r.method, r.url, supervisor, r.payload, r.headers);
      assert.equal(signedIn.status, 400, signedIn.body);
      assert.match((signedIn.json() as Err).error.code, /^request\./);
    });
  }

  it('an invalid query of a protected GET also answers 401 to anonymous callers', async () => {
    const r = await t.request('GET', '/api/stations?page=-1&sort=%%%');
    assert.equal(r.status, 401);
    assert.equal((await t.request('GET', '/api/stations?page=-1', supervisor)).status, 400);
  });

  it('answers an anonymous upload before reading its body', async () => {
    // 200 MB announced, none sent: the 401 comes at once instead of after the upload
    const { port } = new URL(await listening());
    const socket = net.connect(Number(port), '127.0.0.1');
    const answer = new Promise<string>((resolve, reject) => {
      let text = '';
      socket.on('data', (chunk) => {
        text += chunk.toString();
        if (text.includes('\r\n\r\n')) resolve(text);
      });
      socket.on('error', reject);
      setTimeout(() => reject(new Error('no answer while the body is outstanding')), 3000).unref();
    });
    socket.write(
      `POST /api/import/households HTTP/1.1\r\nHost: x\r\nContent-Type: text/csv\r\nContent-Length: ${200 * 1024 * 1024}\r\n\r\ncode,name\n`,
    );
    try {
      assert.match(await answer, /^HTTP\/1\.1 401 /);
    } finally {
      socket.destroy();
    }
  });

  it('keeps public routes public and device ingest on device tokens', async () => {
    assert.equal((await t.request('GET', '/api/health')).status, 200);
    const login = await t.request('POST', '/api/auth/login', undefined, { username: 'x' });
    assert.equal(login.status, 400, 'the login form is validated for everyone');
    assert.equal((await t.request('GET', '/api/docs/json')).status, 200);
    const ingest = await t.request('POST', '/api/ingest/telemetry', undefined, '[]', {
      'content-type': 'application/json',
    });
    assert.equal(ingest.status, 401);
    assert.equal((ingest.json() as Err).error.code, 'device.unauthenticated');
    // an unknown API route is still simply not found
    assert.equal(
      ((await t.request('GET', '/api/no-such-thing')).json() as Err).error.code,
      'route.not_found',
    );
  });

  it('accepts the session token as ?access_token= on the live stream only', async () => {
    assert.equal((await t.request('GET', '/api/monitoring/stream')).status, 401);
    assert.equal((await t.request('GET', `/api/stations?access_token=${supervisor}`)).status, 401);
    const address = await listening();
    const abort = new AbortController();
    const stream = await fetch(`${address}/api/monitoring/stream?access_token=${supervisor}`, {
      signal: abort.signal,
    });
    assert.equal(stream.status, 200);
    assert.match(stream.headers.get('content-type') ?? '', /text\/event-stream/);
    abort.abort();
  });
});
