// COPY text encoding (NULLs, escapes, flags, JSON, times) and bulkInsert round trips on both engines.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { copyField, copyTextLines } from './pg-text-copy.ts';
import { createTestDatabase } from '../test-support/test-database.ts';

describe('copyField', () => {
  const cases: [string, unknown, string][] = [
    ['null', null, '\\N'],
    ['undefined', undefined, '\\N'],
    ['the text "\\N" is not NULL', '\\N', '\\\\N'],
    ['plain text', '和平热力 1单元', '和平热力 1单元'],
    ['empty text stays empty (not NULL)', '', ''],
    ['tab', 'a\tb', 'a\\tb'],
    ['newline and carriage return', 'a\nb\rc', 'a\\nb\\rc'],
    ['backslash', 'C:\\dir\\', 'C:\\\\dir\\\\'],
    ['integer flag', 1, '1'],
    ['zero', 0, '0'],
    ['decimal', 85.37, '85.37'],
    ['negative', -0.5, '-0.5'],
    ['boolean', true, 'true'],
    ['bigint', 9007199254740993n, '9007199254740993'],
    ['ISO time string', '2026-10-01T00:00:00.000Z', '2026-10-01T00:00:00.000Z'],
    ['Date', new Date('2026-10-01T08:00:00+08:00'), '2026-10-01T00:00:00.000Z'],
    ['JSON text', '[[117.2,39.1],[117.3,39.2]]', '[[117.2,39.1],[117.3,39.2]]'],
    ['object as JSON, escapes kept', { a: 'x\ty' }, '{"a":"x\\\\ty"}'],
  ];
  for (const [name, value, expected] of cases) it(name, () => assert.equal(copyField(value), expected));

  it('refuses numbers COPY cannot hold', () => {
    assert.throws(() => copyField(Number.NaN), /finite/);
    assert.throws(() => copyField(Number.POSITIVE_INFINITY), /finite/);
  });

  it('joins fields with tabs and ends every line, and refuses a row of the wrong width', () => {
    assert.equal(
      copyTextLines(
        [
          [1, 'a', null],
          [2, 'b\nc', 0],
        ],
        3,
      ),
      '1\ta\t\\N\n2\tb\\nc\t0\n',
    );
    assert.throws(() => copyTextLines([[1, 2]], 3), /2 fields, expected 3/);
  });
});

describe('bulkInsert', () => {
  it('stores awkward values exactly, in one transaction, on this engine', async () => {
    const db = await createTestDatabase();
    try {
      const pg = db.dialect === 'postgres';
      await sql
        .raw(
          `CREATE TABLE bulk_probe (id integer PRIMARY KEY, label text, flag integer NOT NULL, ratio ${
            pg ? 'double precision' : 'real'
          }, geometry text, at ${pg ? 'timestamptz' : 'text'} NOT NULL)`,
        )
        .execute(db.db);
      const columns = ['id', 'label', 'flag', 'ratio', 'geometry', 'at'];
      const awkward = [
        [1, 'tab\there', 1, 0.25, '[[117.2,39.1]]', '2026-10-01T00:00:00.000Z'],
        [2, 'line\nbreak\r\n', 0, null, null, '2026-10-01T00:00:00.000Z'],
        [3, 'back\\slash \\N', 1, -3.5, '{"k":"a\\"b"}', '2026-11-23T00:00:00.000Z'],
        [4, '', 0, 0, '[]', '2026-11-23T00:00:00.000Z'],
        [5, null, 1, 1e-7, null, '2026-11-23T00:00:00.000Z'],
      ];
      // more rows than one COPY piece and than one multi-row INSERT could carry
      const many = Array.from({ length: 12_003 }, (_, i) => [
        100 + i,
        `行 ${i}`,
        i % 2,
        i / 8,
        null,
        '2026-10-01T00:00:00.000Z',
      ]);
      await db.bulkInsert('bulk_probe', columns, [...awkward, ...many]);

      const back = await sql<{
        id: number;
        label: string | null;
        flag: number;
        ratio: number | null;
        geometry: string | null;
        at: string | Date;
      }>`SELECT id, label, flag, ratio, geometry, at FROM bulk_probe WHERE id < 100 ORDER BY id`.execute(
        db.db,
      );
      assert.deepEqual(
        back.rows.map((r) => [r.id, r.label, r.flag, r.ratio, r.geometry, new Date(r.at).toISOString()]),
        awkward,
      );
      const count = await sql<{
        n: number;
        flags: number;
      }>`SELECT COUNT(*) AS n, SUM(flag) AS flags FROM bulk_probe`.execute(db.db);
      assert.deepEqual(
        count.rows.map((r) => [Number(r.n), Number(r.flags)]),
        [[5 + 12_003, 3 + 6_001]],
      );

      // a failing batch (duplicate key in its middle) leaves nothing behind, and the handle keeps working
      await assert.rejects(
        db.bulkInsert('bulk_probe', columns, [
          [50, 'new', 0, null, null, '2026-10-01T00:00:00.000Z'],
          [1, 'duplicate', 0, null, null, '2026-10-01T00:00:00.000Z'],
        ]),
      );
      await assert.rejects(db.bulkInsert('bulk_probe', columns, [[51, 'short row']]));
      const after = await sql<{
        n: number;
      }>`SELECT COUNT(*) AS n FROM bulk_probe WHERE id IN (50, 51)`.execute(db.db);
      assert.equal(Number(after.rows[0]?.n), 0);
      await db.bulkInsert('bulk_probe', columns, [[52, 'after', 1, null, null, '2026-10-01T00:00:00.000Z']]);
    } finally {
      await db.dispose();
    }
  });
});
