// The endpoint map: path parameters and the response checks against the contracts' schemas.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ENDPOINTS, resolveEndpoint, responseIssues } from './endpoints.ts';

describe('resolveEndpoint', () => {
  it('splits the method and fills the path parameters', () => {
    assert.deepEqual(resolveEndpoint('GET /devices'), ['GET', '/devices']);
    assert.deepEqual(resolveEndpoint('POST /devices/:id/rotate', { id: 7 }), ['POST', '/devices/7/rotate']);
    assert.deepEqual(resolveEndpoint('PATCH /:resource/:id', { resource: 'heat-sources', id: 3 }), [
      'PATCH',
      '/heat-sources/3',
    ]);
  });
  it('encodes parameter values and refuses a missing one', () => {
    assert.deepEqual(resolveEndpoint('GET /:resource/:id', { resource: 'a/b', id: 1 }), ['GET', '/a%2Fb/1']);
    assert.throws(() => resolveEndpoint('GET /:resource/:id', { resource: 'stations' }), /id missing/);
  });
  it('every key is a method and an absolute path', () => {
    for (const key of Object.keys(ENDPOINTS)) assert.match(key, /^(GET|POST|PATCH|PUT|DELETE) \/[\w/:-]*$/);
  });
});

describe('responseIssues', () => {
  const device = {
    id: 1,
    name: null,
    stationId: 2,
    householdId: null,
    enterpriseId: 3,
    topic: 'hearth/v1/stations/S1/telemetry',
    active: true,
    demo: false,
    credentialEnded: false,
    createdAt: '2025-01-01T00:00:00Z',
    rotatedAt: null,
    lastSeenAt: null,
  };
  it('accepts an answer matching its contract', () => {
    const page = { items: [], total: 0, page: 1, pageSize: 20 };
    assert.deepEqual(responseIssues('GET /telemetry/dead-letters', page), []);
    assert.deepEqual(responseIssues('GET /:resource', { ...page, items: [{ id: 1, name: 'x' }] }), []);
    assert.deepEqual(responseIssues('DELETE /:resource/:id', undefined), []);
  });
  it('names the paths that do not match', () => {
    const issues = responseIssues('GET /:resource', {
      items: [{ name: 'x' }],
      total: '3',
      page: 1,
      pageSize: 20,
    });
    assert.ok(
      issues.some((i) => i.startsWith('items.0.id:')),
      issues.join('\n'),
    );
    assert.ok(
      issues.some((i) => i.startsWith('total:')),
      issues.join('\n'),
    );
    assert.notDeepEqual(responseIssues('GET /auth/me', {}), []);
  });
  it('checks a contract schema field by field', () => {
    const issues = responseIssues('POST /devices/:id/revoke', device);
    assert.deepEqual(issues, [], issues.join('\n'));
    assert.notDeepEqual(responseIssues('POST /devices/:id/revoke', { ...device, active: 'yes' }), []);
  });
});
