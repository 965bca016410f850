// Large imports run without holding the server (health answers meanwhile), and in the background as jobs whose
// phase and progress the console polls; a failed job keeps its line-level errors; jobs are private to their user.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ImportJob } from '@hearth/contracts/stats';
import { createTestApp, type TestApp } from '../../test-support/test-app.ts';
import { WORKER_THRESHOLD_BYTES } from './import.service.ts';

const csv = { 'content-type': 'text/csv' };
const HEADER =
  'code,communityId,buildingId,unit,floor,room,ownerName,areaM2,billing,paidThisSeason,vulnerable';

describe('import jobs', () => {
  let t: TestApp;
  let sup: string;
  let communityId: number;
  const households = (prefix: string, n: number, area = '80') =>
    `${HEADER}\n${Array.from({ length: n }, (_, i) => `${prefix}${i},${communityId},,1,${(i % 20) + 1},${i},,${area},area,false,`).join('\n')}\n`;

  before(async () => {
    t = await createTestApp({ demo: true });
    sup = await t.tokenFor('supervisor');
    communityId = (
      (await t.request('GET', '/api/communities?pageSize=1', sup)).json() as { items: { id: number }[] }
    ).items[0]?.id as number;
  });
  after(() => t.close());

  it('answers health requests while a 20,000-row import runs', async () => {
    let importing = true;
    let answered = 0;
    const imported = t
      .request('POST', '/api/import/households', sup, households('HJ', 20_000), csv)
      .finally(() => {
        importing = false;
      });
    const probe = (async () => {
      while (importing) {
        const r = await t.request('GET', '/api/health');
        assert.equal(r.status, 200);
        if (importing) answered++;
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
    })();
    const r = await imported;
    await probe;
    assert.equal(r.status, 200, r.body);
    assert.deepEqual(r.json(), { imported: 20_000 });
    assert.ok(answered >= 5, `health answered ${answered} times during the import`);
  });

  async function settle(id: string, token: string): Promise<{ job: ImportJob; phases: Set<string> }> {
    const phases = new Set<string>();
    for (;;) {
      const r = await t.request('GET', `/api/import/jobs/${id}`, token);
      assert.equal(r.status, 200, r.body);
      const job = r.json() as ImportJob;
      phases.add(job.phase);
      if (job.state !== 'running') return { job, phases };
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  }

  it('runs in the background with its phase and progress, and keeps the result', async () => {
    const started = await t.request(
      'POST',
      '/api/import/households?async=true',
      sup,
      households('HK', 10_000),
      csv,
    );
    assert.equal(started.status, 202, started.body);
    const job = started.json() as ImportJob;
    assert.equal(job.state, 'running');
    assert.equal(job.entity, 'households');
    const { job: done, phases } = await settle(job.id, sup);
    assert.equal(done.state, 'succeeded');
    assert.equal(done.imported, 10_000);
    assert.ok(done.finishedAt !== null);
    assert.ok(phases.size >= 2, `progress seen in phases ${[...phases].join(', ')}`);
    const listed = (await t.request('GET', '/api/households?q=HK9999', sup)).json() as { total: number };
    assert.equal(listed.total, 1);
  });

  it('a failed job keeps its line-level errors and writes nothing', async () => {
    // large enough for the worker thread (import-runner.ts): its errors come back as they would in-process
    const text = households('HL', 8000).replace(`HL2500,${communityId},,1,`, `HL2500,${communityId},,1,x`);
    assert.ok(Buffer.byteLength(text) >= WORKER_THRESHOLD_BYTES);
    const started = await t.request('POST', '/api/import/households?async=true', sup, text, csv);
    const { job } = await settle((started.json() as ImportJob).id, sup);
    assert.equal(job.state, 'failed');
    assert.equal(job.error?.code, 'import.invalid_rows');
    assert.equal(job.error?.details?.[0]?.line, 2502);
    assert.equal(
      ((await t.request('GET', '/api/households?q=HL', sup)).json() as { total: number }).total,
      0,
    );
  });

  it('domain writes made while a worker writes an import wait their turn and succeed', async () => {
    const station = (
      (await t.request('GET', '/api/stations?pageSize=1', sup)).json() as { items: { id: number }[] }
    ).items[0] as { id: number };
    const started = await t.request(
      'POST',
      '/api/import/households?async=true',
      sup,
      households('HN', 20_000),
      csv,
    );
    const { id } = started.json() as ImportJob;
    const statuses: number[] = [];
    let job: ImportJob;
    for (let i = 0; ; i++) {
      statuses.push(
        (await t.request('PATCH', `/api/stations/${station.id}`, sup, { address: `第 ${i} 次` })).status,
      );
      job = (await t.request('GET', `/api/import/jobs/${id}`, sup)).json() as ImportJob;
      if (job.state !== 'running') break;
    }
    assert.equal(job.state, 'succeeded', JSON.stringify(job.error));
    assert.ok(statuses.length > 1, 'writes happened during the import');
    assert.deepEqual([...new Set(statuses)], [200]);
  });

  it('decodes a large GB18030 file in the worker thread, and refuses one with a NUL byte by its line', async () => {
    const text = households('HG', 8000).replace(/,,80,area,/g, ',王小明,80,area,');
    // GB18030 bytes of the file: every character of it is ASCII but the owner's name
    const name = Buffer.from([0xcd, 0xf5, 0xd0, 0xa1, 0xc3, 0xf7]); // 王小明 in GB18030
    const parts = text.split('王小明');
    const bytes = Buffer.concat(
      parts.flatMap((p, i) => (i === 0 ? [Buffer.from(p)] : [name, Buffer.from(p)])),
    );
    assert.ok(bytes.length >= WORKER_THRESHOLD_BYTES);
    const r = await t.request('POST', '/api/import/households', sup, bytes as unknown as string, csv);
    assert.equal(r.status, 200, r.body);
    const one = (await t.request('GET', '/api/households?q=HG7999', sup)).json() as {
      items: { ownerName: string }[];
    };
    assert.equal(one.items[0]?.ownerName, '王小明');

    const withNul = Buffer.from(households('HP', 8000));
    withNul[withNul.indexOf('HP4000')] = 0;
    const refused = await t.request('POST', '/api/import/households', sup, withNul as unknown as string, csv);
    assert.equal(refused.status, 422);
    const body = refused.json() as { error: { code: string; details: { line: number }[] } };
    assert.equal(body.error.code, 'import.nul_byte');
    assert.equal(body.error.details[0]?.line, 4002);
  });

  it('shows a job only to its starter and city managers', async () => {
    const enterpriseId = (
      (await t.request('GET', `/api/communities/${communityId}`, sup)).json() as { enterpriseId: number }
    ).enterpriseId;
    const owner = await t.tokenFor('enterprise', { enterpriseId });
    const other = await t.tokenFor('enterprise', { enterpriseId });
    const started = await t.request(
      'POST',
      '/api/import/households?async=true',
      owner,
      households('HM', 10),
      csv,
    );
    assert.equal(started.status, 202, started.body);
    const { id } = started.json() as ImportJob;
    assert.equal((await t.request('GET', `/api/import/jobs/${id}`, other)).status, 404);
    assert.equal((await settle(id, owner)).job.state, 'succeeded');
    assert.equal((await t.request('GET', `/api/import/jobs/${id}`, sup)).status, 200);
    assert.equal(
      (await t.request('GET', '/api/import/jobs/00000000-0000-4000-8000-000000000000', sup)).status,
      404,
    );
  });
});
