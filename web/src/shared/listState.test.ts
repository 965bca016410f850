// List state: URL form both ways, filter/search/page transitions and sort parameters.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  isFiltered,
  listQueryParams,
  parseListQuery,
  sortOrderOf,
  sortParam,
  withFilter,
  withoutFilters,
  withPage,
  withSearch,
  type ListQuery,
} from './listState.ts';

const base: ListQuery = { page: 3, pageSize: 50, q: 'abc', sort: '-name', filters: { type: 'gas' } };

describe('parseListQuery', () => {
  it('reads page, size, search, sort and only the named filters', () => {
    const q = parseListQuery(new URLSearchParams('page=2&pageSize=50&q=x&sort=-code&type=gas&other=1'), [
      'type',
    ]);
    assert.deepEqual(q, { page: 2, pageSize: 50, q: 'x', sort: '-code', filters: { type: 'gas' } });
  });
  it('falls back to page 1 of 20 on nonsense and caps the size at 500', () => {
    assert.deepEqual(parseListQuery(new URLSearchParams('page=-1&pageSize=abc'), []), {
      page: 1,
      pageSize: 20,
      q: undefined,
      sort: undefined,
      filters: {},
    });
    assert.equal(parseListQuery(new URLSearchParams('pageSize=100000'), []).pageSize, 500);
    assert.equal(parseListQuery(new URLSearchParams('page=1.5'), []).page, 1);
  });
  it('never takes a reserved name as a filter', () => {
    assert.deepEqual(parseListQuery(new URLSearchParams('tab=pipes&page=2'), ['tab', 'page']).filters, {});
  });
});

describe('listQueryParams', () => {
  it('leaves defaults out and keeps the previous tab', () => {
    const q: ListQuery = { page: 1, pageSize: 20, filters: { type: 'gas', empty: '' } };
    assert.equal(
      listQueryParams(q, new URLSearchParams('tab=valves&page=4')).toString(),
      'tab=valves&type=gas',
    );
  });
  it('round-trips through parseListQuery', () => {
    assert.deepEqual(parseListQuery(listQueryParams(base), ['type']), base);
  });
});

describe('transitions', () => {
  it('withFilter sets or clears one filter and goes back to page 1', () => {
    assert.deepEqual(withFilter(base, 'fuel', 'coal'), {
      ...base,
      page: 1,
      filters: { type: 'gas', fuel: 'coal' },
    });
    assert.deepEqual(withFilter(base, 'type', null).filters, {});
    assert.deepEqual(withFilter(base, 'type', '').filters, {});
    assert.deepEqual(withFilter(base, 'stationId', 12).filters, { type: 'gas', stationId: '12' });
    assert.deepEqual(base.filters, { type: 'gas' }, 'the old query is left alone');
  });
  it('withSearch trims, clears on blank and goes back to page 1', () => {
    assert.equal(withSearch(base, '  热源 ').q, '热源');
    assert.equal(withSearch(base, '   ').q, undefined);
    assert.equal(withSearch(base, 'x').page, 1);
  });
  it('withoutFilters clears search and filters but keeps size and sort', () => {
    assert.deepEqual(withoutFilters(base), {
      page: 1,
      pageSize: 50,
      q: undefined,
      sort: '-name',
      filters: {},
    });
  });
  it('isFiltered: a search or any filter value', () => {
    assert.equal(isFiltered(base), true);
    assert.equal(isFiltered({ page: 1, pageSize: 20, filters: {} }), false);
    assert.equal(isFiltered({ page: 1, pageSize: 20, filters: { a: '' } }), false);
    assert.equal(isFiltered({ page: 1, pageSize: 20, q: 'x', filters: {} }), true);
  });
  it('withPage moves within a size and starts again at 1 when the size changes', () => {
    assert.deepEqual(withPage({ page: 1, pageSize: 20 }, 4, 20), { page: 4, pageSize: 20 });
    assert.deepEqual(withPage({ page: 3, pageSize: 20 }, 3, 50), { page: 1, pageSize: 50 });
  });
});

describe('sort parameters', () => {
  it('maps between the URL form and antd sort orders', () => {
    assert.equal(sortOrderOf('name', 'name'), 'ascend');
    assert.equal(sortOrderOf('-name', 'name'), 'descend');
    assert.equal(sortOrderOf('-code', 'name'), null);
    assert.equal(sortOrderOf(undefined, 'name'), null);
    assert.equal(sortParam('name', 'ascend'), 'name');
    assert.equal(sortParam('name', 'descend'), '-name');
    assert.equal(sortParam('name', null), undefined);
    assert.equal(sortParam(undefined, 'ascend'), undefined);
  });
});
