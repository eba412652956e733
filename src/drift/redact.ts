import { isSecretName, redactBody } from '../simulation/journal.js';

const REDACTED = '[redacted]';
const EMAIL = /[^\s"'<>@]+@[^\s"'<>@]+\.[a-z]{2,}/gi;
/** Six digits or more (with separators): phone, account, document and card numbers, dates of birth. */
const NUMBER_RUN = /\+?\d[\d\s().-]{4,}\d/g;
const MAX_DEPTH = 32;

/**
 * A value as a report or recording shows it: its JSON type and size, never its content (names,
 * emails, phones, dates of birth and addresses are strings). Booleans and null say nothing personal.
 */
export function describeValue(name: string, value: unknown): unknown {
  if (isSecretName(name)) return REDACTED;
  if (value === null || typeof value === 'boolean') return value;
  if (typeof value === 'string') return `<string:${value.length}>`;
  if (typeof value === 'number') return '<number>';
  if (Array.isArray(value)) return `<array:${value.length}>`;
  if (typeof value === 'object') return `<object:${Object.keys(value).length}>`;
  return `<${typeof value}>`;
}

/**
 * A body's shape for a recording: the journal's redaction first (secret-named fields, URLs with
 * credentials), then every string and number replaced by its type and size. Field names stay.
 */
export function redactShape(body: unknown): unknown {
  return shape(redactBody(body), 0);
}

function shape(value: unknown, depth: number): unknown {
  if (value === REDACTED) return REDACTED;
  if (depth > MAX_DEPTH) return '<truncated>';
  if (Array.isArray(value)) return value.map((item) => shape(item, depth + 1));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([name, item]) => [name, shape(item, depth + 1)]));
  }
  return describeValue('', value);
}

/**
 * A text the vendor or the sandbox wrote (an error message): the credentials sent removed wherever
 * they appear, emails and runs of digits masked.
 */
export function scrubText(text: string, secrets: string[]): string {
  let scrubbed = text;
  for (const secret of secrets) if (secret.length >= 4) scrubbed = scrubbed.split(secret).join(REDACTED);
  return scrubbed.replace(EMAIL, '[email]').replace(NUMBER_RUN, '[number]');
}

/** Headers for a recording: names kept, values of secret-named and credential headers replaced. */
export function redactHeaders(headers: Record<string, string | string[] | undefined>, credentialHeaders: Set<string>): Record<string, string> {
  const kept = new Set(['content-type', 'accept', 'content-length', 'retry-after', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset']);
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const lower = name.toLowerCase();
    if (credentialHeaders.has(lower) || isSecretName(lower)) result[lower] = REDACTED;
    else result[lower] = kept.has(lower) ? String(value) : `<string:${String(value).length}>`;
  }
  return result;
}

/** Query values by their type and size. */
export function redactQuery(search: string): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [name, value] of new URLSearchParams(search)) result[name] = describeValue(name, value);
  return result;
}
