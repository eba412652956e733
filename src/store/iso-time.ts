// The text records and journal entries are stamped with: ISO 8601 in UTC, to the millisecond.
let secondShown = NaN;
let secondPrefix = '';

/**
 * `new Date(ms).toISOString()`, which costs some 1.3 µs a call, made of its second's text
 * (`2026-11-30T12:18:04.`), formatted once a second, and the milliseconds: the same text for any
 * four-digit year (the clock's bound keeps it to those), for a tenth of the time when the times asked
 * for come in order, as a journal's and a clock's do.
 */
export function isoTime(ms: number): string {
  const second = Math.floor(ms / 1000);
  if (second !== secondShown) {
    secondShown = second;
    secondPrefix = new Date(second * 1000).toISOString().slice(0, 20);
  }
  return `${secondPrefix}${String(ms - second * 1000).padStart(3, '0')}Z`;
}
