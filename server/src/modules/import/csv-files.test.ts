// CSV files as spreadsheets write and read them: GBK/GB18030 uploads decoded (API and `hearth import`), NUL
// bytes and undecodable files refused, and exports that never hand a spreadsheet a formula.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCsv } from '../../lib/csv.ts';
import { createTestApp, type TestApp } from '../../test-support/test-app.ts';
import { createProcessEnv, type ProcessEnv } from '../../test-support/process-env.ts';

const HEARTH = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../bin/hearth.js');

/** GBK bytes of `text` (what Excel and WPS save as "CSV" on a Chinese Windows), from the GBK decoder's table */
const gbk = (() => {
  const table = new Map<string, number[]>();
  const decoder = new TextDecoder('gbk', { fatal: true });
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      try {
        const char = decoder.decode(Uint8Array.of(lead, trail));
        if (!table.has(char)) table.set(char, [lead, trail]);
      } catch {
        // not a GBK character
      }
    }
  }
  return (text: string) =>
    Buffer.from(
      [...text].flatMap((c) => {
        if (c.charCodeAt(0) < 0x80) return [c.charCodeAt(0)];
        const bytes = table.get(c);
        if (!bytes) throw new Error(`${c} is not in GBK`);
        return bytes;
      }),
    );
})();

type Department = { code: string; name: string; duty: string | null };
type ErrorAnswer = { error: { code: string; message: string; details?: { line?: number }[] } };

describe('CSV files', () => {
  let t: TestApp;
  let sup: string;
  let admin: string;
  const upload = (entity: string, body: Buffer) =>
    t.request('POST', `/api/import/${entity}`, admin, body, { 'content-type': 'text/csv' });
  const department = async (code: string) =>
    (
      (await t.request('GET', `/api/departments?q=${code}`, sup)).json() as { items: Department[] }
    ).items.find((d) => d.code === code);

  before(async () => {
    t = await createTestApp({ demo: true });
    sup = await t.tokenFor('supervisor');
    admin = await t.tokenFor('admin');
  });
  after(() => t.close());

  it('imports a GBK file as the Chinese text it holds', async () => {
    const body = gbk('code,name,duty\r\nrfbgbk,人防办,人防工程与地下管网\r\n');
    assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(body), 'not UTF-8');
    const r = await upload('departments', body);
    assert.equal(r.status, 200, r.body);
    assert.deepEqual(r.json(), { imported: 1 });
    const stored = await department('rfbgbk');
    assert.equal(stored?.name, '人防办');
    assert.equal(stored?.duty, '人防工程与地下管网');
  });

  it('imports UTF-8 with or without a BOM', async () => {
    for (const [code, prefix] of [
      ['utf8bom', '\uFEFF'],
      ['utf8plain', ''],
    ] as const) {
      const r = await upload('departments', Buffer.from(`${prefix}code,name\n${code},供热办\n`, 'utf8'));
      assert.equal(r.status, 200, r.body);
      assert.equal((await department(code))?.name, '供热办');
    }
  });

  it('refuses a NUL byte with its line, and a file in no encoding it knows', async () => {
    const nul = await upload('departments', Buffer.from('code,name\nnula,甲\nnulb,乙\u0000\n', 'utf8'));
    assert.equal(nul.status, 422);
    const nulError = (nul.json() as ErrorAnswer).error;
    assert.equal(nulError.code, 'import.nul_byte');
    assert.equal(nulError.details?.[0]?.line, 3);
    assert.equal(await department('nula'), undefined, 'nothing written');

    const unknown = await upload('departments', Buffer.from([...Buffer.from('code,name\nx,'), 0xff, 0xff]));
    assert.equal(unknown.status, 422);
    assert.equal((unknown.json() as ErrorAnswer).error.code, 'import.encoding');
  });

  it('exports a station named like a formula as text, not as a formula', async () => {
    const enterprises = (await t.request('GET', '/api/enterprises?pageSize=1', sup)).json() as {
      items: { id: number }[];
    };
    const name = '=HYPERLINK("http://x","点击")';
    const created = await t.request('POST', '/api/stations', sup, {
      code: 'ST-FORMULA',
      name,
      enterpriseId: enterprises.items[0]?.id,
      capacityMw: 12.5,
      designSupplyTemp: 95,
      designReturnTemp: 70,
      servedAreaM2: 100_000,
      address: "-2+3+cmd|' /C calc'!A0",
    });
    assert.equal(created.status, 201, created.body);
    const r = await t.request('GET', '/api/stations/export.csv?q=ST-FORMULA', sup);
    assert.equal(r.status, 200);
    const [header, row] = parseCsv(r.body);
    assert.ok(header && row);
    const cell = (column: string) => row.fields[header.fields.indexOf(column)];
    assert.equal(cell('name'), `'${name}`);
    assert.equal(cell('address'), "'-2+3+cmd|' /C calc'!A0");
    assert.equal(cell('capacityMw'), '12.5', 'numbers stay numbers');
    assert.ok(r.body.includes(`"'=HYPERLINK(""http://x"",""点击"")"`), r.body);
  });
});

describe('hearth import', () => {
  let proc: ProcessEnv;
  const run = (args: string[]) =>
    spawnSync(process.execPath, [HEARTH, ...args], {
      env: { ...process.env, ...proc.env, HEARTH_ADMIN_PASSWORD: 'cli-admin-password' },
      encoding: 'utf8',
    });
  before(async () => {
    proc = await createProcessEnv('hearth-csv-');
    assert.equal(run(['migrate']).status, 0);
  });
  after(() => proc.dispose());

  it('reads a GBK file and refuses a file with a NUL byte', () => {
    const file = path.join(proc.dataDir, 'departments-gbk.csv');
    fs.writeFileSync(file, gbk('code,name\r\nrfb,人防办\r\n'));
    const ok = run(['import', 'departments', file]);
    assert.equal(ok.status, 0, ok.stderr);
    assert.match(ok.stdout, /imported 1 departments/);

    const bad = path.join(proc.dataDir, 'nul.csv');
    fs.writeFileSync(bad, 'code,name\nx,y\u0000\n');
    const r = run(['import', 'departments', bad]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /import\.nul_byte/);
    assert.match(r.stderr, /line 2/);
  });
});
