// B2Core's list rules (docs/vendors/b2core.md, "Clients"): sorted by the key in `sort_order` (desc by
// default), text keys without regard to case, records without the key last in either order, ties by id in
// the sort's direction; `{total, data}` with `total` counting every match before `limit` and `offset`; id
// lists comma-separated with spaces allowed (`1, 2, 3`); a `filter[...]` the page does not list refused.
import { envelope, parseIdList, refuseUnknownFilters, sortRecords } from '../../src/vendors/b2core/lists.js';
import { VendorError } from '../../src/vendors/contract.js';

interface Row {
  id: number;
  name: string | null;
  n: number | null;
}
const rows: Row[] = [
  { id: 1, name: 'bravo', n: 10 },
  { id: 2, name: 'Alpha', n: 2 },
  { id: 3, name: null, n: null },
  { id: 4, name: 'alpha', n: 10 },
  { id: 5, name: 'Charlie', n: -1 },
  { id: 6, name: null, n: 2 },
];
const ids = (sorted: Row[]) => sorted.map((row) => row.id);

describe('sorting', () => {
  it('sorts text without regard to case, ties by id in the same direction, nulls last either way', () => {
    expect(ids(sortRecords(rows, (row) => row.name, 'asc'))).toEqual([2, 4, 1, 5, 3, 6]);
    expect(ids(sortRecords(rows, (row) => row.name, 'desc'))).toEqual([5, 1, 4, 2, 6, 3]);
  });

  it('sorts numbers as numbers, not as text', () => {
    expect(ids(sortRecords(rows, (row) => row.n, 'asc'))).toEqual([5, 2, 6, 1, 4, 3]);
    expect(ids(sortRecords(rows, (row) => row.n, 'desc'))).toEqual([4, 1, 6, 2, 5, 3]);
  });

  it('compares by code unit after lower-casing, whatever the locale', () => {
    const words = [
      { id: 1, w: 'b' },
      { id: 2, w: 'B' },
      { id: 3, w: 'a' },
      { id: 4, w: 'Z' },
      { id: 5, w: 'é' },
      { id: 6, w: '_' },
    ];
    expect(sortRecords(words, (row) => row.w, 'asc').map((row) => row.w)).toEqual(['_', 'a', 'b', 'B', 'Z', 'é']);
  });

  it('orders by the key whatever order the records come in, and breaks ties by id', () => {
    const given = [
      { id: 6, w: 'a' },
      { id: 5, w: 'B' },
      { id: 4, w: 'c' },
      { id: 9, w: 'Same' },
      { id: 3, w: 'same' },
    ];
    expect(sortRecords(given, (row) => row.w, 'asc').map((row) => row.id)).toEqual([6, 5, 4, 3, 9]);
    expect(sortRecords(given, (row) => row.w, 'desc').map((row) => row.id)).toEqual([9, 3, 4, 5, 6]);
    // A run of equal keys, given in no order, comes out by id.
    const ties = [3, 1, 5, 2, 4].map((id) => ({ id, w: 'x' }));
    expect(sortRecords(ties, (row) => row.w, 'asc').map((row) => row.id)).toEqual([1, 2, 3, 4, 5]);
    expect(sortRecords(ties, (row) => row.w, 'desc').map((row) => row.id)).toEqual([5, 4, 3, 2, 1]);
  });

  it('leaves the records it was given in their order', () => {
    const given = [...rows];
    sortRecords(given, (row) => row.id, 'desc');
    expect(ids(given)).toEqual([1, 2, 3, 4, 5, 6]);
  });
});

describe('the {total, data} envelope', () => {
  it('counts every match, and pages by offset and limit', () => {
    const all = [1, 2, 3, 4, 5, 6, 7];
    const view = (page: number[]) => page.map((n) => `#${n}`);
    expect(envelope(all, { offset: 0, limit: 3 }, view)).toEqual({ total: 7, data: ['#1', '#2', '#3'] });
    expect(envelope(all, { offset: 3, limit: 3 }, view)).toEqual({ total: 7, data: ['#4', '#5', '#6'] });
    expect(envelope(all, { offset: 6, limit: 3 }, view)).toEqual({ total: 7, data: ['#7'] });
    expect(envelope(all, { offset: 7, limit: 3 }, view)).toEqual({ total: 7, data: [] });
  });
});

describe('id lists and filter names', () => {
  it('reads comma-separated ids, spaces allowed', () => {
    expect(parseIdList('1, 2,3 ,  40')).toEqual(new Set([1, 2, 3, 40]));
    expect(parseIdList('-96750485')).toEqual(new Set([-96750485]));
  });

  it('refuses a filter it does not know, naming the ones it does; other parameters pass', () => {
    expect(() => refuseUnknownFilters({ limit: 10, sort_by: 'x', 'filter[a]': '1', 'filter[b]': '2' }, ['a', 'b'])).not.toThrow();
    const refusal = (() => {
      try {
        refuseUnknownFilters({ 'filter[a]': '1', 'filter[statusId]': '1' }, ['a', 'statusIds']);
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(refusal).toBeInstanceOf(VendorError);
    expect((refusal as VendorError).response).toEqual({
      status: 400,
      body: {
        code: 400,
        message: 'Invalid query parameters',
        errors: { 'filter[statusId]': ['This filter is not supported. Supported filters: filter[a], filter[statusIds].'] },
      },
    });
    // Only `filter[…]` names are judged; a name merely containing brackets is not a filter.
    expect(() => refuseUnknownFilters({ 'xfilter[zz]': '1', 'filter[zz]x': '1' }, ['a'])).not.toThrow();
  });
});
