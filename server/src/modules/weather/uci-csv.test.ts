// Tests of the UCI hourly CSV reader: both file formats, NA and empty hours, bad rows by line and column, streams.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { Readable } from 'node:stream';
import { readUciHourly, splitCsvLine } from './uci-csv.ts';

const fixture = (name: string) => new URL(`./fixtures/${name}`, import.meta.url);

describe('readUciHourly', () => {
  it('reads the multi-site format: quoted header, NA and empty TEMP as null, station kept', async () => {
    const r = await readUciHourly(fs.readFileSync(fixture('multisite-excerpt.csv'), 'utf8'));
    assert.deepEqual(r.rows.slice(0, 3), [
      { date: '2015-02-18', hour: 0, temp: 0, station: 'Dongsi' },
      { date: '2015-02-18', hour: 1, temp: 0, station: 'Dongsi' },
      { date: '2015-02-18', hour: 2, temp: -1, station: 'Dongsi' },
    ]);
    assert.deepEqual(
      r.rows.map((x) => [x.hour, x.temp]),
      [
        [0, 0],
        [1, 0],
        [2, -1],
        [3, 3],
        [4, 3],
        [5, 2.5],
        [6, 1],
        [7, null],
        [8, 1],
        [12, null],
      ],
    );
    assert.equal(r.lines, 17);
  });

  it('reports every bad row with its line and column and keeps the good ones', async () => {
    const r = await readUciHourly(fs.readFileSync(fixture('multisite-excerpt.csv'), 'utf8'));
    assert.deepEqual(
      r.errors.map((e) => [e.line, e.column]),
      [
        [11, 'month'],
        [12, 'TEMP'],
        [13, null],
        [15, 'day'],
        [16, 'hour'],
        [17, 'TEMP'],
      ],
    );
    assert.match(r.errors[1]?.message ?? '', /TEMP is not a number: "warm"/);
    assert.match(r.errors[2]?.message ?? '', /12 fields, header has 18/);
    assert.match(r.errors[5]?.message ?? '', /out of range/);
  });

  it('reads the PM2.5 2010–2014 format from a byte stream split mid-line', async () => {
    const bytes = fs.readFileSync(fixture('beijing-2012-13-hourly.csv'));
    const chunks = [bytes.subarray(0, 1001), bytes.subarray(1001, 50_003), bytes.subarray(50_003)];
    const r = await readUciHourly(Readable.from(chunks));
    assert.equal(r.errors.length, 0);
    assert.equal(r.rows.length, 8760);
    assert.deepEqual(r.rows[0], { date: '2012-08-01', hour: 0, temp: 20 });
    assert.deepEqual(r.rows.at(-1), { date: '2013-07-31', hour: 23, temp: r.rows.at(-1)?.temp });
    assert.equal(typeof r.rows.at(-1)?.temp, 'number');
  });

  const headerCases: [string, string, [number, string | null][]][] = [
    ['a header without TEMP', 'No,year,month,day,hour,DEWP\n1,2010,1,1,0,-21\n', [[1, 'TEMP']]],
    [
      'a header without hour and day',
      'year,month,TEMP\n2010,1,3\n',
      [
        [1, 'day'],
        [1, 'hour'],
      ],
    ],
    ['an empty file', '', [[1, null]]],
  ];
  for (const [name, text, errors] of headerCases)
    it(`${name}: no rows, the missing columns reported`, async () => {
      const r = await readUciHourly(text);
      assert.equal(r.rows.length, 0);
      assert.deepEqual(
        r.errors.map((e) => [e.line, e.column]),
        errors,
      );
    });

  it('a BOM, CRLF line ends, blank lines and any column order', async () => {
    const r = await readUciHourly(
      '\uFEFFTEMP,hour,day,month,year\r\n-3.5,23,29,2,2012\r\n\r\nNA,0,1,3,2012\r\n',
    );
    assert.deepEqual(r.rows, [
      { date: '2012-02-29', hour: 23, temp: -3.5 },
      { date: '2012-03-01', hour: 0, temp: null },
    ]);
    assert.deepEqual(r.errors, []);
  });
});

describe('splitCsvLine', () => {
  const cases: [string, string[]][] = [
    ['a,b,,c', ['a', 'b', '', 'c']],
    ['"x","y, z",3', ['x', 'y, z', '3']],
    ['"say ""hi""",1', ['say "hi"', '1']],
    ['', ['']],
  ];
  for (const [line, fields] of cases)
    it(JSON.stringify(line), () => assert.deepEqual(splitCsvLine(line), fields));
});
