// CSV parser and formatter, table-driven.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CsvSyntaxError, formatCsvField, formatCsvRow, parseCsv } from './csv.ts';

describe('parseCsv', () => {
  const cases: [string, string, { line: number; fields: string[] }[]][] = [
    [
      'simple',
      'a,b\n1,2\n',
      [
        { line: 1, fields: ['a', 'b'] },
        { line: 2, fields: ['1', '2'] },
      ],
    ],
    [
      'CRLF and BOM',
      '\uFEFFa,b\r\n1,2',
      [
        { line: 1, fields: ['a', 'b'] },
        { line: 2, fields: ['1', '2'] },
      ],
    ],
    [
      'quoted comma and quote',
      'a\n"x, ""y"""\n',
      [
        { line: 1, fields: ['a'] },
        { line: 2, fields: ['x, "y"'] },
      ],
    ],
    [
      'newline inside quotes keeps physical line numbers',
      'a,b\n"1\n2",3\n4,5\n',
      [
        { line: 1, fields: ['a', 'b'] },
        { line: 2, fields: ['1\n2', '3'] },
        { line: 4, fields: ['4', '5'] },
      ],
    ],
    [
      'blank lines skipped',
      'a\n\n1\n',
      [
        { line: 1, fields: ['a'] },
        { line: 3, fields: ['1'] },
      ],
    ],
    ['empty fields', 'a,,c\n', [{ line: 1, fields: ['a', '', 'c'] }]],
    [
      'Chinese text',
      '名称\n阳光花园\n',
      [
        { line: 1, fields: ['名称'] },
        { line: 2, fields: ['阳光花园'] },
      ],
    ],
  ];
  for (const [name, input, expected] of cases) {
    it(name, () => assert.deepEqual(parseCsv(input), expected));
  }
  it('rejects an unterminated quote with its line', () => {
    assert.throws(
      () => parseCsv('a\n"open\n'),
      (e: unknown) => e instanceof CsvSyntaxError && e.line === 2,
    );
  });
  it('rejects a quote inside an unquoted field', () => {
    assert.throws(() => parseCsv('ab"c\n'), CsvSyntaxError);
  });
});

describe('formatCsvRow', () => {
  it('quotes what needs quoting and round-trips', () => {
    const row = ['plain', 'a,b', 'say "hi"', null, 3.5, { type: 'Point' }];
    const text = formatCsvRow(row);
    assert.equal(text, 'plain,"a,b","say ""hi""",,3.5,"{""type"":""Point""}"\r\n');
    assert.deepEqual(parseCsv(text)[0]?.fields, ['plain', 'a,b', 'say "hi"', '', '3.5', '{"type":"Point"}']);
  });
});

describe('formatCsvField keeps formulas out of spreadsheets (OWASP CSV injection)', () => {
  const cases: [string, unknown, string][] = [
    ['a formula', '=1+1', "'=1+1"],
    [
      'a hyperlink formula, quoted as well',
      '=HYPERLINK("http://x","点击")',
      '"\'=HYPERLINK(""http://x"",""点击"")"',
    ],
    ['a leading plus', "+1-2+cmd|' /C calc'!A0", "'+1-2+cmd|' /C calc'!A0"],
    ['a leading minus', "-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"],
    ['a leading at', '@SUM(A1:A9)', "'@SUM(A1:A9)"],
    ['a leading tab', '\t=1', "'\t=1"],
    ['a leading CR, quoted as well', '\r=1', '"\'\r=1"'],
    ['a phone number with +', '+86 138 0013 8000', "'+86 138 0013 8000"],
    ['a lone dash', '-', "'-"],
    ['a negative number', -12.5, '-12.5'],
    ['a negative number as text', '-12.5', '-12.5'],
    ['a signed exponent as text', '+1e3', '+1e3'],
    ['an equals sign inside', 'a=b', 'a=b'],
    ['a leading space', ' =1', ' =1'],
    ['Chinese text', '阳光花园', '阳光花园'],
    ['zero', 0, '0'],
    ['null', null, ''],
    ['a boolean', true, 'true'],
    ['JSON of an object', { type: 'Point' }, '"{""type"":""Point""}"'],
  ];
  for (const [name, value, expected] of cases) {
    it(name, () => assert.equal(formatCsvField(value), expected));
  }
});
