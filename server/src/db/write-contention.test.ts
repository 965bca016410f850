// Domain writes never fail because telemetry is being written: station PATCHes and a household import run while
// HTTP ingest commits as fast as it can (SQLite: the telemetry writer is another connection to the same file).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../test-support/test-app.ts';

type Item = { id: number; code: string; enterpriseId: number; communityId?: number };
type Page = { items: Item[]; total: number };

describe('domain writes under full-rate ingest', () => {
  let t: TestApp;
  let sup: string;

  before(async () => {
    t = await createTestApp({ demo: true });
    sup = await t.tokenFor('supervisor');
  });
  after(() => t.close());

  /** Ingests over HTTP, as fast as the server answers, on three lanes until stopped. */
  async function ingestUntil(stop: () => boolean): Promise<number> {
    const station = ((await t.request('GET', '/api/stations?pageSize=1&sort=-code', sup)).json() as Page)
      .items[0] as Item;
    const device = (await t.request('POST', '/api/devices', sup, { stationId: station.id })).json() as {
      token: string;
    };
    let commits = 0;
    const start = Date.now() - 3_600_000 + Math.floor(Math.random() * 1_000_000);
    const lane = async (n: number) => {
      for (let round = 0; !stop(); round++) {
        const batch = Array.from({ length: 200 }, (_, i) => ({
          stationCode: station.code,
          ts: start + (n * 1_000_000 + round * 200 + i) * 10,
          values: { primarySupplyTemp: 80 + (i % 10), flow: 100 },
        }));
        const r = await t.request('POST', '/api/ingest/telemetry', device.token, batch);
        assert.equal(r.status, 200, r.body);
        commits++;
      }
    };
    await Promise.all([lane(0), lane(1), lane(2)]);
    return commits;
  }

  it('a transaction that reads, waits and then writes is not refused while readings commit', async () => {
    // a transaction held across an await (as a service awaiting another call does) while ingest commits in
    // between: a deferred BEGIN would have to upgrade a stale read snapshot, which SQLite refuses at once
    let done = false;
    const ingest = ingestUntil(() => done);
    const stations = ((await t.request('GET', '/api/stations?pageSize=5', sup)).json() as Page).items;
    const failures: string[] = [];
    try {
      for (let round = 0; round < 10; round++) {
        for (const s of stations) {
          try {
            await t.database.db.transaction().execute(async (trx) => {
              await trx.selectFrom('stations').select('address').where('id', '=', s.id).executeTakeFirst();
              await new Promise((resolve) => setTimeout(resolve, 5));
              await trx
                .updateTable('stations')
                .set({ address: `第 ${round} 轮` })
                .where('id', '=', s.id)
                .execute();
            });
          } catch (error) {
            failures.push(String(error));
          }
        }
      }
    } finally {
      done = true;
    }
    const commits = await ingest;
    assert.ok(commits > 5, `ingest committed during the transactions (${commits} batches)`);
    assert.deepEqual(failures.slice(0, 3), [], `${failures.length} of ${stations.length * 10} refused`);
  });

  it('answers every PATCH and import while readings are committed continuously', async () => {
    const stations = (await t.request('GET', '/api/stations?pageSize=12', sup)).json() as Page;
    const community = ((await t.request('GET', '/api/communities?pageSize=1', sup)).json() as Page)
      .items[0] as Item;
    let ingesting = true;
    const ingest = ingestUntil(() => !ingesting);

    const failures: string[] = [];
    let writes = 0;
    try {
      for (let round = 0; round < 40; round++) {
        await Promise.all(
          stations.items.map(async (s) => {
            const r = await t.request('PATCH', `/api/stations/${s.id}`, sup, { address: `地址 ${round}` });
            writes++;
            if (r.status !== 200) failures.push(`PATCH ${s.id}: ${r.status} ${r.body}`);
          }),
        );
      }
      for (let file = 0; file < 3; file++) {
        const lines = Array.from(
          { length: 300 },
          (_, i) =>
            `WC${file}-${String(i).padStart(4, '0')},${community.id},,1,${(i % 6) + 1},${i},,80,area,,`,
        );
        const csv = `code,communityId,buildingId,unit,floor,room,ownerName,areaM2,billing,paidThisSeason,vulnerable\n${lines.join('\n')}\n`;
        const r = await t.request('POST', '/api/import/households', sup, csv, { 'content-type': 'text/csv' });
        writes++;
        if (r.status !== 200) failures.push(`import ${file}: ${r.status} ${r.body.slice(0, 300)}`);
      }
    } finally {
      ingesting = false;
    }
    const commits = await ingest;
    assert.ok(commits > 20, `ingest kept committing during the writes (${commits} batches)`);
    assert.deepEqual(failures, [], `${failures.length} of ${writes} domain writes failed`);
  });
});
