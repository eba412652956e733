import { boundedMemo } from './bounded-memo.js';

/**
 * The JSON text of stored records, made the first time a record is answered and kept until it is put
 * again. Records are read far more often than written: a page of ten clients spent a sixth of its
 * answer stringifying the same records again. A stored record is frozen (`Collection.put`), which
 * is what marks an object as one whose text may be kept: a request's own objects are never frozen.
 */
const textOfRecord = new WeakMap<object, JsonText>();

/** JSON text, and its length in UTF-8 bytes: an answer's Content-Length. */
export interface JsonText {
  readonly text: string;
  readonly bytes: number;
}

/** A record put again may be the same object with changed nested fields: its text is made afresh. */
export function forgetRecordJson(record: object): void {
  textOfRecord.delete(record);
}

/**
 * UTF-8 bytes beyond one a character in the texts joined so far. The length is summed, not measured
 * on the joined text: measuring flattens it, and an answer's text is then kept whole (by the journal)
 * instead of as the joined kept texts of its records.
 */
let extraBytes = 0;

/**
 * `JSON.stringify(value)`, the same text, with the text of every stored record it holds in its first
 * two levels (the record answered, a page's items) taken from the cache. Deeper values, and objects
 * that are not plain (`toJSON`, class instances), go to `JSON.stringify` whole.
 */
export function recordsJson(value: unknown): JsonText | undefined {
  extraBytes = 0;
  const text = jsonAt(value, 0);
  return text === undefined ? undefined : { text, bytes: text.length + extraBytes };
}

function stringified(value: unknown): string | undefined {
  const text = JSON.stringify(value);
  if (text !== undefined) extraBytes += Buffer.byteLength(text) - text.length;
  return text;
}

/** A page's numbers, flags and field names are written without JSON.stringify's call: a tenth of a page's encoding. */
function primitiveJson(value: unknown): string | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value === null) return 'null';
  return stringified(value);
}

/** A text with its UTF-8 length, to be kept. */
const measured = (text: string): JsonText => ({ text, bytes: Buffer.byteLength(text) });

/** A kept text, its bytes beyond one a character counted into the answer's. */
function counted(kept: JsonText): string {
  extraBytes += kept.bytes - kept.text.length;
  return kept.text;
}

/** A field name as JSON, kept: answers name the same few fields again and again. */
const keyJson = boundedMemo(1024, (key): JsonText => measured(JSON.stringify(key)));

const CACHED_LEVELS = 2;

function jsonAt(value: unknown, level: number): string | undefined {
  if (typeof value !== 'object' || value === null) return primitiveJson(value);
  if (Object.isFrozen(value)) {
    let kept = textOfRecord.get(value);
    if (kept === undefined) {
      const text = JSON.stringify(value);
      if (text === undefined) return undefined;
      textOfRecord.set(value, (kept = measured(text)));
    }
    return counted(kept);
  }
  if (level === CACHED_LEVELS) return stringified(value);
  if (Array.isArray(value)) {
    let text = '[';
    for (let index = 0; index < value.length; index++) {
      if (index > 0) text += ',';
      text += jsonAt(value[index], level + 1) ?? 'null';
    }
    return text + ']';
  }
  const prototype = Object.getPrototypeOf(value);
  if ((prototype !== Object.prototype && prototype !== null) || 'toJSON' in value) return stringified(value);
  let text = '{';
  for (const key of Object.keys(value)) {
    const field = jsonAt((value as Record<string, unknown>)[key], level + 1);
    if (field === undefined) continue;
    if (text.length > 1) text += ',';
    text += counted(keyJson(key)) + ':' + field;
  }
  return text + '}';
}
