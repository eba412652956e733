/** What a test asked of one request through the `Prefer` header (Prism's convention): `code=404, delay=200`. */
export interface Preferences {
  code?: number;
  delayMs?: number;
}

export function parsePrefer(header: string | string[] | undefined): Preferences | undefined {
  if (!header) return undefined;
  const preferences: Preferences = {};
  for (const part of (Array.isArray(header) ? header.join(',') : header).split(/[,;]/)) {
    const [name, value] = part.split('=').map((text) => text.trim().toLowerCase());
    const number = Number(value);
    if (!Number.isInteger(number) || number < 0) continue;
    if (name === 'code') preferences.code = number;
    if (name === 'delay') preferences.delayMs = Math.min(number, 60_000);
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
