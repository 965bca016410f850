// Spreadsheet writer and reader: CSV and XLSX written, read back, and checked cell by cell.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import {
  sheetStream,
  looksLikeXlsx,
  readSheet,
  sheetReply,
  SheetReadError,
  writeSheet,
  type SheetColumn,
} from './spreadsheet.ts';

type Item = { code: string; name: string; power: number | null; note?: string };
const columns: SheetColumn<Item>[] = [
  { header: '编码', value: (r) => r.code },
  { header: '名称', value: (r) => r.name },
  { header: '功率 (MW)', value: (r) => r.power, decimals: 2 },
  { header: '备注', value: (r) => r.note },
];
const items: Item[] = [
  { code: 'HS-001', name: '北郊热电厂, "一号"', power: 120.5, note: '=HYPERLINK("x")' },
  { code: 'HS-002', name: '南区锅炉房', power: null },
];

async function* slowly<T>(rows: T[]): AsyncGenerator<T> {
  for (const row of rows) yield await Promise.resolve(row);
}

describe('writeSheet / readSheet', () => {
  it('CSV: BOM, RFC 4180 quoting, fixed decimals, formulas neutralised, empty for null', async () => {
    const bytes = await writeSheet('csv', '热源', columns, items);
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    assert.equal(
      text,
      '编码,名称,功率 (MW),备注\r\n' +
        'HS-001,"北郊热电厂, ""一号""",120.50,"\'=HYPERLINK(""x"")"\r\n' +
        'HS-002,南区锅炉房,,\r\n',
    );
    const read = await readSheet('csv', bytes);
    assert.deepEqual(read.header, { line: 1, fields: ['编码', '名称', '功率 (MW)', '备注'] });
    assert.deepEqual(read.rows[0]?.fields, ['HS-001', '北郊热电厂, "一号"', '120.50', '\'=HYPERLINK("x")']);
    assert.equal(read.rows[1]?.line, 3);
  });

  it('XLSX: bold frozen header, numbers as numbers with a fixed-decimals format, text stays text', async () => {
    const bytes = await writeSheet('xlsx', '热源', columns, slowly(items));
    assert.ok(looksLikeXlsx(bytes));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as never);
    const sheet = workbook.getWorksheet('热源');
    assert.ok(sheet);
    assert.equal(sheet.getRow(1).getCell(1).font?.bold, true);
    assert.equal(sheet.views[0]?.state, 'frozen');
    const power = sheet.getRow(2).getCell(3);
    assert.equal(power.value, 120.5);
    assert.equal(power.numFmt, '0.00');
    assert.equal(sheet.getRow(2).getCell(4).type, ExcelJS.ValueType.String);
    assert.equal(sheet.getRow(3).getCell(3).value, null);

    const read = await readSheet('xlsx', bytes);
    assert.deepEqual(read.header?.fields, ['编码', '名称', '功率 (MW)', '备注']);
    assert.deepEqual(read.rows, [
      { line: 2, fields: ['HS-001', '北郊热电厂, "一号"', '120.5', '=HYPERLINK("x")'] },
      { line: 3, fields: ['HS-002', '南区锅炉房'] },
    ]);
  });

  it('streams many rows, sizing columns from the first ones, and fails the stream when the rows fail', async () => {
    const many = Array.from({ length: 5000 }, (_, i) => ({
      code: `C${i}`,
      name: '长长长长长长长长长长的名称',
      power: i / 3,
    }));
    const bytes = await writeSheet('xlsx', 'big', columns, many);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as never);
    const sheet = workbook.worksheets[0];
    assert.equal(sheet?.rowCount, 5001);
    assert.equal(sheet?.getRow(5001).getCell(3).value, 4999 / 3);
    assert.ok((sheet?.getColumn(2).width ?? 0) >= 26, 'width from the data, not the header');

    async function* broken() {
      yield items[0] as Item;
      throw new Error('database went away');
    }
    for (const format of ['csv', 'xlsx'] as const) {
      await assert.rejects(async () => {
        for await (const chunk of sheetStream(format, 'x', columns, broken())) void chunk;
      }, /database went away/);
    }
  });

  it('readSheet refuses what is not a workbook, and malformed CSV, with a line', async () => {
    await assert.rejects(readSheet('xlsx', Buffer.from('a,b\n1,2\n')), SheetReadError);
    await assert.rejects(readSheet('csv', Buffer.from('a,b\n1,"2\n')), (e: SheetReadError) => e.line === 2);
    assert.equal(looksLikeXlsx(Buffer.from('a,b')), false);
  });

  it('a CSV saved as GB18030 by a Chinese spreadsheet reads the same', async () => {
    const gbk = Buffer.from([0xb1, 0xe0, 0xc2, 0xeb, 0x0a, 0x41]); // 编码\nA
    const read = await readSheet('csv', gbk);
    assert.deepEqual(read.header?.fields, ['编码']);
  });
});

describe('sheetReply', () => {
  it('names a Chinese file with an ASCII fallback and the RFC 5987 UTF-8 name', () => {
    assert.deepEqual(sheetReply('xlsx', '热源-heat-sources'), {
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      disposition:
        'attachment; filename="heat-sources.xlsx"; filename*=UTF-8\'\'%E7%83%AD%E6%BA%90-heat-sources.xlsx',
    });
    assert.equal(
      sheetReply('csv', '热源').disposition,
      'attachment; filename="export.csv"; filename*=UTF-8\'\'%E7%83%AD%E6%BA%90.csv',
    );
    assert.equal(sheetReply('csv', 'x').contentType, 'text/csv; charset=utf-8');
  });
});
