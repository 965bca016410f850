// Tokens never reach the request log.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { redactedRequest } from './log-redaction.ts';

describe('redactedRequest', () => {
  const cases: [string, string][] = [
    ['/api/monitoring/stream?access_token=abc.def', '/api/monitoring/stream?access_token=***'],
    ['/api/x?a=1&access_token=secret&b=2', '/api/x?a=1&access_token=***&b=2'],
    ['/api/stations?page=2', '/api/stations?page=2'],
  ];
  for (const [url, expected] of cases) {
    it(url, () => assert.equal(redactedRequest({ method: 'GET', url, ip: '127.0.0.1' }).url, expected));
  }
});
