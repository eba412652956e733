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
  credentialHashes: readonly string[];
  /** The answer's JSON body as sent, parsed and redacted only when listed. */
  responseText?: string;
  /** The size of an answer's body kept by its size only: larger than a listed body, or not JSON. */
  responseBytes?: number;
}

export interface JournalFilter {
  vendor?: string;
  /** The operation, by its operationId in the vendor's document. */
  operationId?: string;
  method?: string;
  /** Exact path, or a prefix ending in `*`. */
  path?: string;
  status?: number;
  credentialHash?: string;
  /** Only entries recorded after the one with this id. */
  after?: number;
  limit?: number;
}

/** An entry as listed: its credential's fingerprint instead of the fingerprints kept for matching, the answer's body parsed. */
export type ListedEntry = Omit<JournalEntry, 'credentialHashes' | 'responseText' | 'responseBytes'> & { keyHash?: string; responseBody?: unknown };

/** An answer as sent: its headers (with `content-length` when it has a body) and its body. */
export interface SentResponse {
  headers: Record<string, string>;
  payload: Buffer | string | undefined;
}

import { redactUrl } from '../webhooks/webhook-target.js';

const REDACTED = '[redacted]';
const TRUNCATED = '[truncated]';
/** A body larger than this is listed by its size only; document images must not fill the journal. */
const MAX_BODY_BYTES = 16 * 1024;
/** Deeper than this a body is cut when listed; request bodies are bounded far below the stack's reach. */
const MAX_LISTED_DEPTH = 64;
const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\b/i;
/** How many header and query names the journal remembers the secrecy of. */
const MAX_REMEMBERED_NAMES = 1024;
// `password` is caught by SECRET_RUNS below, in any word.
const SECRET_WORDS = new Set(['ssn', 'passwd', 'passphrase', 'passcode', 'secret', 'token', 'pin', 'cvv', 'cvc', 'otp', 'cookie']);
const SECRET_RUNS = ['apikey', 'authorization', 'password', 'privatekey', 'secretkey', 'webhookkey', 'accesskey', 'signature', 'credential'];

/**
 * Whether a field, header or query name holds a secret, judged by its words (`clientSecret`,
 * `x-auth-token`, `api_key`) so that `businessName` or `passportNumber` are not mistaken for one.
 */
export function isSecretName(name: string): boolean {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/);
  if (words.some((word) => SECRET_WORDS.has(word))) return true;
  const joined = words.join('');
  return SECRET_RUNS.some((run) => joined.includes(run));
}

/** A URL that may carry credentials or tokens (a webhook's `https://user:pass@host/?token=…`). */
const URL_WITH_SECRETS = /^https?:\/\/[^\s]*[@?#]/i;

/**
 * Replaces secret-named fields of a JSON body, whatever their value, at any depth, and the
 * credentials, query and fragment of URLs, without touching the original.
 */
export function redactBody(body: unknown, depth = 0): unknown {
  if (typeof body === 'string') return URL_WITH_SECRETS.test(body) ? redactUrl(body) : body;
  if (body === null || typeof body !== 'object') return body;
  if (depth >= MAX_LISTED_DEPTH) return TRUNCATED;
  if (Array.isArray(body)) return body.map((item) => redactBody(item, depth + 1));
  const copy: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(body)) {
    copy[name] = isSecretName(name) ? REDACTED : redactBody(value, depth + 1);
  }
  return copy;
}

/**
 * An entry as recorded: the request's headers and query by reference, redacted only when listed,
 * so that recording allocates as little as it can.
 */
interface StoredEntry extends Omit<JournalEntry, 'headers' | 'responseText' | 'responseBytes'> {
  headers: Record<string, string | string[] | undefined>;
  responseText: string | undefined;
  responseBytes: number | undefined;
  /** Roughly what the entry holds in memory, for the journal's total bound. */
  bytes: number;
}

/**
 * The last requests the vendors answered, newest last: at most `capacity` entries and about
 * `maxBytes` in all, so recording costs the same at any uptime and hostile requests cannot fill
 * memory. Headers, query and bodies are redacted when read, never kept unredacted beyond the journal.
 */
export class RequestJournal {
  /** A ring, oldest at `#oldest`: dropping the oldest entry moves nothing, unlike a shift of 2000. */
  readonly #entries: (StoredEntry | undefined)[];
  #oldest = 0;
  #count = 0;
  #bytes = 0;
  #next = 1;
  readonly #listeners = new Set<() => void>();
  /**
   * Whether each header or query name seen is secret, as judging a name's words costs more than all
   * else a request's recording does and clients send the same few names again and again.
   */
  readonly #secretNames = new Map<string, boolean>();
  /**
   * The text of the last answer kept, by vendor and operation. An answer the same as the one before
   * it (a test polling a check, a page asked again) is kept as that one text: a copy of each outlives
   * the young generation, and under a load of one list its collections took 685 ms in 5 s, 491 without.
   */
  readonly #lastAnswerTexts = new Map<string, Map<string, string>>();

  constructor(
    private readonly secretHeaders: Set<string>,
    private readonly capacity = 2000,
    private readonly maxBytes = 8 * 1024 * 1024,
  ) {
    this.#entries = new Array<StoredEntry | undefined>(capacity).fill(undefined);
  }

  /**
   * Keeps a request and its answer. The headers and query are kept as they are, not copied: the
   * caller hands over objects nothing changes once the request is answered.
   */
  record(
    entry: Omit<JournalEntry, 'id' | 'headers' | 'responseText' | 'responseBytes'> & {
      headers: Record<string, string | string[] | undefined>;
      /** Body bytes actually read: a chunked body announces no length. */
      bodyBytes: number;
      /** None for a dropped connection. */
      response?: SentResponse;
    },
  ): void {
    const { bodyBytes, response } = entry;
    let bytes = 256 + entry.path.length + (bodyBytes <= MAX_BODY_BYTES ? bodyBytes : 0);
    // Kept as the text already sent, so recording an answer costs no parse and no copy.
    const responseBytes = response?.payload === undefined ? 0 : Number(response.headers['content-length']);
    let responseText =
      typeof response?.payload === 'string' && responseBytes <= MAX_BODY_BYTES && JSON_TYPE.test(response.headers['content-type'] ?? '')
        ? response.payload
        : undefined;
    if (responseText !== undefined) {
      bytes += responseBytes;
      if (entry.operationId !== undefined) responseText = this.#sharedAnswerText(entry.vendor, entry.operationId, responseText);
    }
    // Counted as listed (a secret by the length of its mark), read by name: each entry would be an allocation.
    for (const name of Object.keys(entry.headers)) {
      const value = entry.headers[name];
      if (value === undefined) continue;
      bytes += name.length + (this.#isSecretHeader(name) ? REDACTED.length : Array.isArray(value) ? value.join(', ').length : value.length);
    }
    for (const name of Object.keys(entry.query)) bytes += name.length + String(entry.query[name]).length;
    if (this.#count === this.capacity) this.#dropOldest();
    this.#entries[(this.#oldest + this.#count++) % this.capacity] = {
      id: this.#next++,
      at: entry.at,
      vendor: entry.vendor,
      operationId: entry.operationId,
      method: entry.method,
      path: entry.path,
      query: entry.query,
      headers: entry.headers,
      body: bodyBytes > MAX_BODY_BYTES ? { omitted: `${bodyBytes} bytes` } : entry.body,
      status: entry.status,
      durationMs: entry.durationMs,
      credentialHashes: entry.credentialHashes,
      responseText,
      responseBytes: responseText === undefined && responseBytes > 0 ? responseBytes : undefined,
      bytes,
    };
    this.#bytes += bytes;
    while (this.#bytes > this.maxBytes && this.#count > 1) this.#dropOldest();
    if (this.#listeners.size > 0) for (const listener of this.#listeners) listener();
  }

  #sharedAnswerText(vendor: string, operationId: string, text: string): string {
    let byOperation = this.#lastAnswerTexts.get(vendor);
    if (byOperation === undefined) this.#lastAnswerTexts.set(vendor, (byOperation = new Map()));
    const last = byOperation.get(operationId);
    if (last === text) return last;
    byOperation.set(operationId, text);
    return text;
  }

  #dropOldest(): void {
    this.#bytes -= this.#entries[this.#oldest]!.bytes;
    this.#entries[this.#oldest] = undefined;
    this.#oldest = (this.#oldest + 1) % this.capacity;
    this.#count--;
  }

  /** The entries kept, oldest first. */
  #inOrder(): StoredEntry[] {
    const entries: StoredEntry[] = [];
    for (let index = 0; index < this.#count; index++) entries.push(this.#entries[(this.#oldest + index) % this.capacity]!);
    return entries;
  }

  #isSecretHeader(name: string): boolean {
    return this.secretHeaders.has(name) || this.#isSecret(name);
  }

  #redactedHeaders(sent: StoredEntry['headers']): Record<string, string> {
    const headers: Record<string, string> = {};
    for (const name of Object.keys(sent)) {
      const value = sent[name];
      if (value === undefined) continue;
      headers[name] = this.#isSecretHeader(name) ? REDACTED : Array.isArray(value) ? value.join(', ') : value;
    }
    return headers;
  }

  #redactedQuery(sent: Record<string, unknown>): Record<string, unknown> {
    const query: Record<string, unknown> = {};
    for (const name of Object.keys(sent)) query[name] = this.#isSecret(name) ? REDACTED : sent[name];
    return query;
  }

  #isSecret(name: string): boolean {
    let secret = this.#secretNames.get(name);
    if (secret === undefined) {
      // Bounded, so that a client sending ever new names cannot grow it without end.
      if (this.#secretNames.size >= MAX_REMEMBERED_NAMES) this.#secretNames.clear();
      secret = isSecretName(name);
      this.#secretNames.set(name, secret);
    }
    return secret;
  }

  /**
   * Calls `listener` after each entry recorded from now on, until the returned function is called.
   * With no one listening, recording costs nothing more.
   */
  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Matching entries, oldest first, each with its credential's fingerprint. */
  list(filter: JournalFilter = {}): ListedEntry[] {
    const prefix = filter.path?.endsWith('*') ? filter.path.slice(0, -1) : undefined;
    const matches = this.#inOrder().filter(
      (entry) =>
        (filter.vendor === undefined || entry.vendor === filter.vendor) &&
        (filter.operationId === undefined || entry.operationId === filter.operationId) &&
        (filter.method === undefined || entry.method === filter.method.toUpperCase()) &&
        (filter.path === undefined || (prefix !== undefined ? entry.path.startsWith(prefix) : entry.path === filter.path)) &&
        (filter.status === undefined || entry.status === filter.status) &&
        (filter.after === undefined || entry.id > filter.after) &&
        (filter.credentialHash === undefined || entry.credentialHashes.includes(filter.credentialHash)),
    );
    const limited = filter.limit === undefined ? matches : matches.slice(-filter.limit);
    return limited.map((entry) => {
      const [keyHash] = entry.credentialHashes;
      const { responseText, responseBytes } = entry;
      // The fields in the order they have always been listed in.
      return {
        at: entry.at,
        vendor: entry.vendor,
        operationId: entry.operationId,
        method: entry.method,
        path: entry.path,
        query: this.#redactedQuery(entry.query),
        headers: this.#redactedHeaders(entry.headers),
        body: redactBody(entry.body),
        status: entry.status,
        durationMs: entry.durationMs,
        id: entry.id,
        ...(keyHash !== undefined && { keyHash }),
        ...(responseText !== undefined && { responseBody: redactBody(JSON.parse(responseText)) }),
        ...(responseBytes !== undefined && { responseBody: { omitted: `${responseBytes} bytes` } }),
      };
    });
  }

  clear(): void {
    this.#entries.fill(undefined);
    this.#oldest = 0;
    this.#count = 0;
    this.#bytes = 0;
    this.#lastAnswerTexts.clear();
  }
}
