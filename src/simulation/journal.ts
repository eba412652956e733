export interface JournalEntry {
  id: number;
  at: string;
  vendor: string;
  operationId?: string;
  method: string;
  path: string;
  query: Record<string, unknown>;
  /** Headers with credentials and secrets replaced by `[redacted]`. */
  headers: Record<string, string>;
  body: unknown;
  status: number;
  durationMs: number;
  /** Fingerprints of the credentials sent, so entries can be found by key without keeping the key. */
  credentialHashes: string[];
}

export interface JournalFilter {
  vendor?: string;
  method?: string;
  /** Exact path, or a prefix ending in `*`. */
  path?: string;
  status?: number;
  credentialHash?: string;
  limit?: number;
}

const REDACTED = '[redacted]';
const MAX_BODY_BYTES = 16 * 1024;
const SECRET_FIELD = /pass(word)?|secret|token|api[-_]?key|ssn/i;

/** Replaces secret-looking fields of a JSON body, at any depth, without touching the original. */
export function redactBody(body: unknown, depth = 0): unknown {
  if (depth > 20 || body === null || typeof body !== 'object') return body;
  if (Array.isArray(body)) return body.map((item) => redactBody(item, depth + 1));
  const copy: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(body)) {
    copy[name] = SECRET_FIELD.test(name) && typeof value !== 'object' ? REDACTED : redactBody(value, depth + 1);
  }
  return copy;
}

/**
 * The last requests the vendors answered, newest last. A ring of fixed size, so recording costs
 * the same at any uptime; bodies are redacted only when read.
 */
export class RequestJournal {
  readonly #entries: JournalEntry[] = [];
  #next = 1;

  constructor(
    private readonly secretHeaders: Set<string>,
    private readonly capacity = 2000,
  ) {}

  record(entry: Omit<JournalEntry, 'id' | 'headers'> & { headers: Record<string, string | string[] | undefined> }): void {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(entry.headers)) {
      if (value === undefined) continue;
      headers[name] = this.secretHeaders.has(name) ? REDACTED : Array.isArray(value) ? value.join(', ') : value;
    }
    // Large bodies (document images) are not kept: a full journal must stay small.
    const size = Number(entry.headers['content-length'] ?? 0);
    const body = size > MAX_BODY_BYTES ? { omitted: `${size} bytes` } : entry.body;
    this.#entries.push({ ...entry, body, id: this.#next++, headers });
    if (this.#entries.length > this.capacity) this.#entries.shift();
  }

  /** Matching entries, oldest first, without the credential fingerprints, which are for matching only. */
  list(filter: JournalFilter = {}): Omit<JournalEntry, 'credentialHashes'>[] {
    const prefix = filter.path?.endsWith('*') ? filter.path.slice(0, -1) : undefined;
    const matches = this.#entries.filter(
      (entry) =>
        (filter.vendor === undefined || entry.vendor === filter.vendor) &&
        (filter.method === undefined || entry.method === filter.method.toUpperCase()) &&
        (filter.path === undefined || (prefix !== undefined ? entry.path.startsWith(prefix) : entry.path === filter.path)) &&
        (filter.status === undefined || entry.status === filter.status) &&
        (filter.credentialHash === undefined || entry.credentialHashes.includes(filter.credentialHash)),
    );
    const limited = filter.limit === undefined ? matches : matches.slice(-filter.limit);
    return limited.map(({ credentialHashes: _hashes, ...entry }) => ({ ...entry, body: redactBody(entry.body) }));
  }

  clear(): void {
    this.#entries.length = 0;
  }
}
