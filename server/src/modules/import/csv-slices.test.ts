// Sliced CSV parsing gives exactly what parsing the whole text gives: records, lines and syntax errors.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CsvSyntaxError, parseCsv, type CsvRecord } from '../../lib/csv.ts';
import { csvSlices, sliceEnd } from './csv-slices.ts';

/** Every record, slice after slice. */
async function parseCsvInSlices(
  text: string,
  onProgress?: (done: number, total: number) => void,
  size?: number,
): Promise<CsvRecord[]> {
  const records: CsvRecord[] = [];
  for await (const slice of csvSlices(text, onProgress, size)) records.push(...slice);
  return records;
}

const CASES: { name: string; text: string }[] = [
  { name: 'plain rows', text: 'a,b\n1,2\n3,4\n5,6\n' },
  { name: 'CRLF and BOM', text: '\uFEFFa,b\r\n1,2\r\n3,4\r\n' },
  { name: 'quoted line breaks', text: 'a,b\n"x\ny",2\n"p""q\n\nr",3\n4,"s"\n' },
  { name: 'escaped quotes only', text: 'a\n"""",x\n""""""\n1\n' },
  { name: 'no final line break', text: 'a,b\n1,2\n3,4' },
  { name: 'blank lines', text: 'a\n\n1\n\n\n2\n' },
];

describe('csvSlices', () => {
  for (const { name, text } of CASES) {
    for (const size of [1, 2, 3, 5, 8, 1000]) {
      it(`${name}, slices of ${size}`, async () => {
        assert.deepEqual(await parseCsvInSlices(text, undefined, size), parseCsv(text));
      });
    }
  }

  it('never ends a slice inside quotes', () => {
    const text = 'a\n"1\n2\n3"\nb\n';
    assert.equal(sliceEnd(text, 0, 3), text.indexOf('b'));
  });

  it('reports a syntax error at the line of the whole file', async () => {
    const text = 'a,b\n1,2\n3,4\n5,"6\n';
    const whole = (() => {
      try {
        parseCsv(text);
      } catch (error) {
        return (error as CsvSyntaxError).line;
      }
      return -1;
    })();
    await assert.rejects(parseCsvInSlices(text, undefined, 4), (error: unknown) => {
      assert.ok(error instanceof CsvSyntaxError);
      assert.equal(error.line, whole);
      return true;
    });
  });

  it('reports progress up to the whole text', async () => {
    const seen: number[] = [];
    await parseCsvInSlices('a\n1\n2\n3\n', (done) => seen.push(done), 2);
    assert.equal(seen.at(-1), 8);
  });
});
