// Upload content types by file extension.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { contentTypeOf, XLSX_TYPE } from './fileTypes.ts';

describe('contentTypeOf', () => {
  const cases: [string, string][] = [
    ['热源.csv', 'text/csv'],
    ['热源-heat-sources.XLSX', XLSX_TYPE],
    ['pipes.geojson', 'application/geo+json'],
    ['nodes.json', 'application/geo+json'],
    ['no-extension', 'text/csv'],
  ];
  for (const [name, type] of cases) it(name, () => assert.equal(contentTypeOf(name), type));
});
