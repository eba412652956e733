import { badRequest } from './errors.js';

type SortKey<T> = (record: T) => string | number | null;

/** Case-insensitive, by code unit: the same order on every machine, whatever its locale. */
function compareText(a: string, b: string): number {
  const [x, y] = [a.toLowerCase(), b.toLowerCase()];
  return x < y ? -1 : x > y ? 1 : 0;
}

/** `1, 2, 3` (spaces allowed, as in the documented example) to the set of ids; the document checks the form. */
export const parseIdList = (text: string) => new Set(text.split(',').map((id) => Number(id.trim())));

/** B2Core refuses a filter it does not know (`filter[statusId]` instead of `filter[statusIds]`). */
export function refuseUnknownFilters(query: Record<string, unknown>, known: readonly string[]): void {
  for (const name of Object.keys(query)) {
    const filter = /^filter\[(.*)\]$/.exec(name)?.[1];
    if (filter !== undefined && !known.includes(filter)) {
      const supported = known.map((filter) => `filter[${filter}]`).join(', ');
      throw badRequest('Invalid query parameters', { [name]: [`This filter is not supported. Supported filters: ${supported}.`] });
    }
  }
}

/** Sorted by the key (nulls last either way), ties broken by id in the same direction, so pages never overlap. */
export function sortRecords<T extends { id: number }>(records: readonly T[], key: SortKey<T>, order: 'asc' | 'desc'): T[] {
  const direction = order === 'asc' ? 1 : -1;
  return [...records].sort((a, b) => {
    const [x, y] = [key(a), key(b)];
    if (x !== y) {
      if (x === null) return 1;
      if (y === null) return -1;
      const compared = typeof x === 'number' && typeof y === 'number' ? x - y : compareText(String(x), String(y));
      if (compared !== 0) return compared * direction;
    }
    return (a.id - b.id) * direction;
  });
}

/** The documented `{total, data}` envelope: `total` counts every match, before `limit` and `offset`. */
export function envelope<T, V>(records: T[], { offset, limit }: { offset: number; limit: number }, view: (records: T[]) => V[]) {
  return { total: records.length, data: view(records.slice(offset, offset + limit)) };
}
