/** What a test asked of one request through the `Prefer` header (Prism's convention): `code=404, delay=200`. */
export interface Preferences {
  code?: number;
  delayMs?: number;
}

export const MAX_PREFERRED_DELAY_MS = 60_000;

/**
 * The sandbox's preferences in a `Prefer` header; `{ malformed }` naming the first one it cannot
 * read (a test's typo must not pass as no preference at all, as Prism refuses it too). Other
 * preferences (RFC 7240's `return=minimal`, `respond-async`, …) are the client's, and left alone.
 */
export function parsePrefer(header: string | string[] | undefined): Preferences | { malformed: string } | undefined {
  if (!header) return undefined;
  const preferences: Preferences = {};
  for (const part of (Array.isArray(header) ? header.join(',') : header).split(/[,;]/)) {
    const [name = '', value, ...rest] = part.split('=').map((text) => text.trim());
    const key = name.toLowerCase();
    if (key !== 'code' && key !== 'delay') continue;
    const number = /^\d+$/.test(value ?? '') && rest.length === 0 ? Number(value) : Number.NaN;
    if (key === 'code') {
      if (!(number >= 100 && number <= 599)) return { malformed: `code=${value ?? ''} is not an HTTP status (100 to 599)` };
      preferences.code = number;
    } else {
      if (!(number <= MAX_PREFERRED_DELAY_MS)) return { malformed: `delay=${value ?? ''} is not a whole number of milliseconds up to ${MAX_PREFERRED_DELAY_MS}` };
      preferences.delayMs = number;
    }
  }
  return preferences.code === undefined && preferences.delayMs === undefined ? undefined : preferences;
}

/** A latency range from `--latency`: `100` or `50-200` milliseconds. */
export function parseLatency(text: string): { minMs: number; maxMs: number } {
  const match = /^(\d+)(?:-(\d+))?$/.exec(text.trim());
  if (!match) throw new Error(`latency must be MS or MIN-MAX in milliseconds, got '${text}'`);
  const minMs = Number(match[1]);
  const maxMs = match[2] === undefined ? minMs : Number(match[2]);
  if (maxMs < minMs) throw new Error(`latency range ${text} ends before it starts`);
  return { minMs, maxMs };
}
