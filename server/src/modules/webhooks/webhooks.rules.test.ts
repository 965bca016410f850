// Table-driven tests of the webhook signature and the retry backoff.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, it } from 'node:test';
import {
  isDelivered,
  retryDelayMs,
  signatureOf,
  verifySignature,
  type RetryPolicy,
} from './webhooks.rules.ts';

const SECRET = 'a-test-secret-of-some-length';

describe('webhook signature', () => {
  it('is HMAC-SHA256 over "<t>.<body>" in hex, with its timestamp', () => {
    const body = '{"id":"e1","topic":"alarm.raised"}';
    const mac = createHmac('sha256', SECRET).update(`1700000000.${body}`).digest('hex');
    assert.equal(signatureOf(SECRET, 1_700_000_000, body), `t=1700000000,v1=${mac}`);
  });

  const body = '{"a":1}';
  const good = signatureOf(SECRET, 1000, body);
  const cases: [string, string | undefined, string, number, string][] = [
    ['the same body, in time', good, body, 1000, 'ok'],
    ['at the edge of the window', good, body, 1300, 'ok'],
    ['past the window (replay)', good, body, 1301, 'expired'],
    ['another body', good, '{"a":2}', 1000, 'mismatch'],
    ['another secret', signatureOf('another-secret-xxxxxxx', 1000, body), body, 1000, 'mismatch'],
    ['no header', undefined, body, 1000, 'malformed'],
    ['no v1', 't=1000', body, 1000, 'malformed'],
    ['a short MAC', 't=1000,v1=abcd', body, 1000, 'malformed'],
  ];
  for (const [name, header, b, now, expected] of cases) {
    it(`verifies: ${name} → ${expected}`, () => {
      const result = verifySignature(SECRET, header, b, now);
      assert.equal(result.ok ? 'ok' : result.reason, expected);
    });
  }
});

describe('retry backoff', () => {
  const policy: RetryPolicy = { baseMs: 1000, maxMs: 60_000, maxAttempts: 5 };
  const cases: [number, number, number | null][] = [
    // attempt, random, delay
    [1, 0, 500],
    [1, 0.999999, 1000],
    [2, 0, 1000],
    [3, 0.5, 3000],
    [4, 1 - 1e-9, 8000],
    [5, 0.5, null],
    [9, 0.5, null],
  ];
  for (const [attempt, random, delay] of cases) {
    it(`attempt ${attempt}, random ${random} → ${delay}`, () => {
      assert.equal(retryDelayMs(policy, attempt, random), delay);
    });
  }

  it('never waits longer than maxMs', () => {
    const long = { ...policy, maxAttempts: 100 };
    assert.equal(retryDelayMs(long, 60, 0.999999), 60_000);
    assert.equal(retryDelayMs(long, 60, 0), 30_000);
  });

  it('counts 2xx as delivered, everything else as a failure', () => {
    for (const [status, ok] of [
      [200, true],
      [204, true],
      [299, true],
      [301, false],
      [410, false],
      [500, false],
    ] as const)
      assert.equal(isDelivered(status), ok, String(status));
  });
});
