// Data quality over HTTP: the completeness 数据完整率 of the last 24 h from readings ingested across the window.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { DataQualityResponse } from '@hearth/contracts/telemetry';
import { createTestApp, type TestApp } from '../../test-support/test-app.ts';

const MIN = 60_000;
const BUCKET = 15 * MIN;

describe('data quality completeness', () => {
  let t: TestApp;
  let sup: string;
  const ids: Record<string, number> = {};
  const tokens: Record<string, string> = {};

  const create = async (path: string, body: object) => {
    const r = await t.request('POST', path, sup, body);
    assert.equal(r.status, 201, r.body);
    return r.json() as { id: number; token: string };
  };
  const station = async (code: string, enterpriseId: number | undefined) => {
    ids[code] = (
      await create('/api/stations', {
        code,
        name: `${code} 站`,
        enterpriseId,
        capacityMw: 5,
        designSupplyTemp: 75,
        designReturnTemp: 50,
        servedAreaM2: 100_000,
      })
    ).id;
    tokens[code] = (await create('/api/devices', { stationId: ids[code] })).token;
  };
  /** one reading at `offset` into every `everyMin` minutes of the last 24 h, oldest first */
  const report = async (code: string, everyMin: number, offset: number, first: boolean) => {
    const end = Math.floor(Date.now() / BUCKET) * BUCKET;
    const body = [];
    for (let ts = end - 24 * 60 * MIN + offset; ts < end; ts += everyMin * MIN)
      body.push({ stationCode: code, ts, values: { primarySupplyTemp: 80 + (ts % 7) } });
    const r = await t.request('POST', '/api/ingest/telemetry', tokens[code], body);
    assert.equal(r.status, 200, r.body);
    // (a second round after a 15-minute boundary repeats most of them: duplicates)
    if (first) assert.equal((r.json() as { accepted: number }).accepted, body.length);
  };

  before(async () => {
    t = await createTestApp();
    sup = await t.tokenFor('supervisor');
    ids.EA = (await create('/api/enterprises', { code: 'EA', name: '甲热力', type: 'heating' })).id;
    ids.EB = (await create('/api/enterprises', { code: 'EB', name: '乙热力', type: 'heating' })).id;
    await station('SA', ids.EA);
    await station('SB', ids.EA);
    await station('SC', ids.EB);
  });
  after(() => t.close());

  it('counts the 15-minute intervals with a reading over the last 24 h, without a rollup run first', async () => {
    let q: DataQualityResponse;
    // the window moves on at each 15-minute boundary: again if one fell between the readings and the query
    for (let round = 0; ; round++) {
      const interval = Math.floor(Date.now() / BUCKET);
      await report('SA', 15, 7_000, round === 0); // every interval: 96 of 96
      await report('SB', 30, 60_000, round === 0); // every other interval: 48 of 96
      await report('SC', 5, 0, round === 0); // three readings per interval still count once: 96 of 96
      const r = await t.request('GET', '/api/telemetry/quality', sup);
      assert.equal(r.status, 200, r.body);
      q = r.json() as DataQualityResponse;
      if (Math.floor(Date.now() / BUCKET) === interval) break;
    }
    const a = q.items.find((i) => i.enterpriseId === ids.EA);
    const b = q.items.find((i) => i.enterpriseId === ids.EB);
    assert.deepEqual([a?.stations, a?.completeness], [2, (1 + 0.5) / 2]);
    assert.deepEqual([b?.stations, b?.completeness], [1, 1]);
  });
});
