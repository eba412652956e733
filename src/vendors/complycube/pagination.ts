import type { Collection, StoredRecord } from '../../store/partition.js';
import { valueAtPath } from '../kit.js';

export interface Timestamped extends StoredRecord {
  createdAt: string;
  updatedAt: string;
}

/** What the date filters read: records never updated (team members, audit logs) have no `updatedAt`, and match no bound on it. */
interface Dated {
  createdAt: string;
  updatedAt?: string;
}

/** The page every list operation's query has, its defaults filled in by validation. */
interface PageQuery {
  page: number;
  pageSize: number;
}

type Predicate<T> = (record: T) => boolean;

/** ComplyCube's date filters on every list; a date that does not parse matches nothing, as documented. */
const DATE_BOUNDS: readonly (readonly [name: string, field: keyof Dated, direction: 1 | -1])[] = [
  ['createdAfter', 'createdAt', 1],
  ['createdBefore', 'createdAt', -1],
  ['updatedAfter', 'updatedAt', 1],
  ['updatedBefore', 'updatedAt', -1],
];

export function dateFilters<T extends Dated>(query: Record<string, unknown>): Predicate<T>[] {
  const filters: Predicate<T>[] = [];
  for (const [name, field, direction] of DATE_BOUNDS) {
    const value = query[name];
    if (value === undefined) continue;
    const limit = Date.parse(String(value));
    if (Number.isNaN(limit)) return [() => false];
    filters.push((record) => {
      const at = Date.parse(record[field] ?? '');
      return direction === 1 ? at > limit : at < limit;
    });
  }
  return filters;
}

/**
 * One page of `{page, pageSize, totalItems, pages, items}`, newest first: records are stored in
 * creation order, so the newest are read from the end without sorting.
 */
export function paginate<T>(records: readonly T[], filters: Predicate<T>[], { page, pageSize }: PageQuery) {
  const skip = (page - 1) * pageSize;
  if (filters.length === 0) {
    // Unfiltered, the page is a slice read backwards: no need to visit every record.
    const end = Math.max(records.length - skip, 0);
    const items = records.slice(Math.max(end - pageSize, 0), end).reverse();
    return { page, pageSize, totalItems: records.length, pages: Math.ceil(records.length / pageSize), items };
  }
  const items: T[] = [];
  let totalItems = 0;
  for (let index = records.length - 1; index >= 0; index--) {
    const record = records[index];
    if (record === undefined || !filters.every((matches) => matches(record))) continue;
    if (totalItems >= skip && items.length < pageSize) items.push(record);
    totalItems++;
  }
  return { page, pageSize, totalItems, pages: Math.ceil(totalItems / pageSize), items };
}

/** Exact-match filters on (dotted) fields, for the query parameters that are present. */
export function fieldFilters<T>(query: Record<string, unknown>, fields: string[]): Predicate<T>[] {
  const filters: Predicate<T>[] = [];
  for (const field of fields) {
    const wanted = query[field];
    if (wanted === undefined) continue;
    const path = field.split('.');
    filters.push((record) => {
      const value = valueAtPath(record, path);
      return value !== undefined && String(value) === String(wanted);
    });
  }
  return filters;
}

/**
 * A list operation's page: the date filters and exact-match filters on `fields` that the query
 * carries, and any others. The first exact-match filter present is answered by the collection's
 * index, so a filtered list visits only the records that can match.
 */
export function pageOf<T extends Timestamped>(
  collection: Collection<T>,
  query: PageQuery & Record<string, unknown>,
  fields: string[],
  extraFilters: Predicate<T>[] = [],
) {
  const indexed = fields.find((field) => query[field] !== undefined);
  const records = indexed === undefined ? collection.values() : collection.where(indexed, String(query[indexed]));
  const filters = [
    ...dateFilters<T>(query),
    ...fieldFilters<T>(query, fields.filter((field) => field !== indexed)),
    ...extraFilters,
  ];
  return paginate(records, filters, query);
}
