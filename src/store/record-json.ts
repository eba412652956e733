/**
 * The JSON text of stored records, made the first time a record is answered and kept until it is put
 * again. Records are read far more often than written: a page of ten clients spent a sixth of its
 * answer stringifying the same records again. A stored record is frozen (`Collection.put`), which
 * is what marks an object as one whose text may be kept: a request's own objects are never frozen.
 */
const textOfRecord = new WeakMap<object, string>();

/** A record put again may be the same object with changed nested fields: its text is made afresh. */
export function forgetRecordJson(record: object): void {
  textOfRecord.delete(record);
}

/**
 * `JSON.stringify(value)`, the same text, with the text of every stored record it holds in its first
 * two levels (the record answered, a page's items) taken from the cache. Deeper values, and objects
 * that are not plain (`toJSON`, class instances), go to `JSON.stringify` whole.
 */
export function recordsJson(value: unknown): string | undefined {
  return jsonAt(value, 0);
}

const CACHED_LEVELS = 2;

function jsonAt(value: unknown, level: number): string | undefined {
  if (typeof value !== 'object' || value === null) return JSON.stringify(value);
  if (Object.isFrozen(value)) {
    let text = textOfRecord.get(value);
    if (text === undefined) {
      text = JSON.stringify(value);
      if (text !== undefined) textOfRecord.set(value, text);
    }
    return text;
  }
  if (level === CACHED_LEVELS) return JSON.stringify(value);
  if (Array.isArray(value)) {
    let text = '[';
    for (let index = 0; index < value.length; index++) {
      if (index > 0) text += ',';
      text += jsonAt(value[index], level + 1) ?? 'null';
    }
    return text + ']';
  }
  const prototype = Object.getPrototypeOf(value);
  if ((prototype !== Object.prototype && prototype !== null) || 'toJSON' in value) return JSON.stringify(value);
  let text = '{';
  for (const key of Object.keys(value)) {
    const field = jsonAt((value as Record<string, unknown>)[key], level + 1);
    if (field === undefined) continue;
    if (text.length > 1) text += ',';
    text += JSON.stringify(key) + ':' + field;
  }
  return text + '}';
}
