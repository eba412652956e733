import { readFileSync } from 'node:fs';
import { packagePath } from '../config/package-paths.js';
import type { RateLimitPolicy } from './contract.js';

// What the vendors share beside the contract: small pieces each of them would otherwise write again.

/** How far back from the seed's reference date seeded records are dated. */
export const SEEDED_HISTORY_MS = 2 * 365 * 24 * 3600 * 1000;

/** For a vendor that publishes no rate limit: none unless `--rate-limit` sets one. */
export const NO_RATE_LIMIT: RateLimitPolicy = { limit: 0, windowMs: 1000 };

/**
 * The files of `fixtures/<vendor>/`: JSON parsed, each read once; hand out copies before changing one. A file is
 * taken to hold the type its reader names: it is the package's own data, which no type reaches, and checking
 * each against a schema at start would cost every start what the tests already do once (the records served are
 * checked against the vendor's document in every test that reads them).
 */
export function fixturesOf(vendor: string) {
  const parsed = new Map<string, unknown>();
  return {
    json<T>(file: string): T {
      if (!parsed.has(file)) parsed.set(file, JSON.parse(readFileSync(packagePath('fixtures', vendor, file), 'utf8')));
      return parsed.get(file) as T;
    },
    /**
     * The file's records frozen, to be stored as they are by every partition: a change to a stored record
     * replaces it (`put`), so the shared objects are never changed, and one left untouched costs a partition nothing.
     */
    shared<T extends object>(file: string): readonly T[] {
      return deepFreeze(this.json<T[]>(file));
    },
    bytes: (file: string): Buffer => readFileSync(packagePath('fixtures', vendor, file)),
  };
}

/** Freezes the value and everything it holds, so a change to it throws instead of reaching its other holders. */
function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  for (const field of Object.values(value)) deepFreeze(field);
  return Object.freeze(value);
}

/**
 * A shallow copy of the record, and the same copy as fields by name, for setting the fields a request names
 * (which the request's validation has held to the record's).
 */
export function copyByName<T extends object>(record: T): { copy: T; fields: Record<string, unknown> } {
  const fields: Record<string, unknown> = {};
  return { copy: Object.assign(fields, record), fields };
}

/** The changes an update may send to a record: any of its fields, `null` to remove one. */
export type Changes<T> = { [Field in keyof T]?: T[Field] | null };

/** The record with the fields sent set; `null` removes one. */
export function withChanges<T extends object>(record: T, changes: Changes<T>): T {
  const { copy: next, fields } = copyByName(record);
  for (const field of Object.keys(changes)) {
    const value: unknown = changes[field as keyof T];
    if (value === null) delete fields[field];
    else fields[field] = value;
  }
  return next;
}

/**
 * The record's fields named in `order` that hold a value, in that order, whatever order they were set in; the
 * others are left out (the fields a vendor keeps but does not show).
 */
export function ordered<T extends object, Field extends keyof T & string>(record: T, order: readonly Field[]): Pick<T, Field> {
  const result: Partial<Pick<T, Field>> = {};
  for (const field of order) if (record[field] !== undefined) result[field] = record[field];
  // Every field of the record's own is copied; only those without a value are left absent, as they would be from JSON.
  return result as Pick<T, Field>;
}

/** The value at a dotted path (`address.city`) of a record, reading only its own fields. */
export function valueAtPath(record: unknown, path: string | readonly string[]): unknown {
  let value = record;
  for (const segment of typeof path === 'string' ? path.split('.') : path) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, segment)) return undefined;
    value = Reflect.get(value, segment);
  }
  return value;
}

/** `new Date(ms).toISOString()`, cheaper: for stamps worked out from another (an expiry, one after the last). */
export { isoTime } from '../store/iso-time.js';
export { boundedMemo } from '../store/bounded-memo.js';
