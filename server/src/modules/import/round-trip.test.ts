// Round trip: the tiny demo city's registry exported for people (CSV and XLSX: Chinese headers, labels, codes and
// names beside ids; CSV with the English API names too), imported in dependency order into an empty database, and
// compared entity by entity with references resolved to codes. Runs on the test engine (PostgreSQL when
// HEARTH_DATABASE_URL is set).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { RegistryResourceName } from '@hearth/contracts/registry';
import { parseCsv } from '../../lib/csv.ts';
import { readSheet, type SheetFormat } from '../../lib/spreadsheet.ts';
import { createTestApp, type TestApp } from '../../test-support/test-app.ts';
import { EXCHANGE } from '../registry/registry.exchange.ts';

/** Every registry resource, parents before children. */
const ORDER: RegistryResourceName[] = [
  'enterprises',
  'departments',
  'heat-sources',
  'stations',
  'communities',
  'buildings',
  'households',
  'repair-teams',
  'network-nodes',
  'pipes',
  'valves',
];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

type Item = Record<string, string>;

async function download(t: TestApp, token: string, url: string): Promise<Buffer> {
  const r = await t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
  assert.equal(r.statusCode, 200, `${url}: ${r.body}`);
  return r.rawPayload;
}

/** Rounds the numbers of a geometry's coordinates (exports write 6 decimals). */
const rounded = (value: unknown): unknown =>
  Array.isArray(value) ? value.map(rounded) : typeof value === 'number' ? Number(value.toFixed(6)) : value;

/**
 * Every item of every resource, from the API's field-name export: ids, times dropped; references as the code of
 * the row they point at; numbers at the exchange's decimals.
 */
async function snapshot(t: TestApp, token: string): Promise<Record<string, Item[]>> {
  const codes = new Map<string, Map<string, string>>();
  const out: Record<string, Item[]> = {};
  for (const resource of ORDER) {
    const [header, ...records] = parseCsv(
      (await download(t, token, `/api/${resource}/export.csv`)).toString('utf8'),
    );
    assert.ok(header);
    const fields = EXCHANGE[resource].fields;
    const items = records.map((r) => Object.fromEntries(header.fields.map((h, i) => [h, r.fields[i] ?? ''])));
    codes.set(resource, new Map(items.map((i) => [i.id ?? '', i.code ?? ''])));
    out[resource] = items
      .map((raw) => {
        const item: Item = {};
        for (const [key, value] of Object.entries(raw)) {
          if (key === 'id' || key === 'createdAt' || key === 'updatedAt') continue;
          const f = fields.find((x) => x.field === key);
          if (f?.ref)
            item[key] = value === '' ? '' : `→${codes.get(f.ref)?.get(value) ?? `missing ${value}`}`;
          else if (key === 'geometry') item[key] = JSON.stringify(rounded(JSON.parse(value)));
          else if (f?.decimals !== undefined && value !== '') item[key] = Number(value).toFixed(f.decimals);
          else item[key] = value;
        }
        return item;
      })
      .sort((a, b) => (a.code ?? '').localeCompare(b.code ?? ''));
  }
  return out;
}

describe('registry round trip through the exchange files', () => {
  let source: TestApp;
  let sourceToken: string;
  let expected: Record<string, Item[]>;

  before(async () => {
    source = await createTestApp({ demo: true });
    sourceToken = await source.tokenFor('admin');
    expected = await snapshot(source, sourceToken);
  });
  after(() => source.close());

  it('the demo city has rows of every resource to carry', () => {
    for (const resource of ORDER) assert.ok((expected[resource]?.length ?? 0) > 0, resource);
  });

  const variants: { format: SheetFormat; lang: 'zh' | 'en'; first: string }[] = [
    { format: 'csv', lang: 'zh', first: '编码' },
    { format: 'xlsx', lang: 'zh', first: '编码' },
    { format: 'csv', lang: 'en', first: 'code' },
  ];
  for (const { format, lang, first } of variants) {
    it(`exports every entity as ${format.toUpperCase()} (${lang}) and imports it into an empty database unchanged`, async () => {
      const target = await createTestApp();
      try {
        const token = await target.tokenFor('admin');
        for (const resource of ORDER) {
          const url = `/api/${resource}/export?format=${format}&lang=${lang}`;
          const bytes = await download(source, sourceToken, url);
          const sheet = await readSheet(format, bytes);
          assert.ok(sheet.header?.fields.includes(first), `${resource}: ${lang} headers`);
          const r = await target.request('POST', `/api/import/${resource}`, token, bytes, {
            'content-type': format === 'csv' ? 'text/csv' : XLSX,
          });
          assert.equal(r.status, 200, `${resource}: ${r.body.slice(0, 600)}`);
          assert.deepEqual(r.json(), { imported: expected[resource]?.length }, resource);
        }
        const actual = await snapshot(target, token);
        for (const resource of ORDER) assert.deepEqual(actual[resource], expected[resource], resource);
      } finally {
        await target.close();
      }
    });
  }

  it('writes what a heating office reads: labels, names beside ids, units, city time, fixed decimals', async () => {
    const stations = await readSheet(
      'xlsx',
      await download(source, sourceToken, '/api/stations/export?format=xlsx'),
    );
    const header = stations.header?.fields ?? [];
    for (const h of [
      'ID',
      '编码',
      '名称',
      '所属企业编码',
      '所属企业名称',
      '热源ID',
      '热源编码',
      '热源名称',
      '容量 (MW)',
    ])
      assert.ok(header.includes(h), `stations header has ${h}: ${header.join(',')}`);
    const row = stations.rows[0]?.fields ?? [];
    const cell = (h: string) => row[header.indexOf(h)] ?? '';
    assert.match(cell('所属企业名称'), /\p{Script=Han}/u, 'the enterprise by name');
    assert.match(cell('创建时间'), /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/, 'city time');

    const csv = (await download(source, sourceToken, '/api/heat-sources/export?format=csv')).toString('utf8');
    const [h, ...rows] = parseCsv(csv);
    const type = h?.fields.indexOf('热源类型') ?? -1;
    const capacity = h?.fields.indexOf('容量 (MW)') ?? -1;
    assert.ok(
      rows.every((r) => /\p{Script=Han}/u.test(r.fields[type] ?? '')),
      'types as Chinese labels',
    );
    assert.ok(
      rows.every((r) => /^\d+\.\d{2}$/.test(r.fields[capacity] ?? '')),
      'capacity with 2 decimals',
    );

    const created = (
      await source.request('GET', '/api/stations?pageSize=1&sort=code', sourceToken)
    ).json() as {
      items: { createdAt: string }[];
    };
    const utc = Date.parse(created.items[0]?.createdAt ?? '');
    const shanghai = new Date(utc + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
    const codeOrder = [...stations.rows].sort((a, b) =>
      (a.fields[header.indexOf('编码')] ?? '').localeCompare(b.fields[header.indexOf('编码')] ?? ''),
    );
    assert.equal(codeOrder[0]?.fields[header.indexOf('创建时间')], shanghai, 'Asia/Shanghai, UTC+8');
  });
});
