import { isUtf8 } from 'node:buffer';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { RequestHandler } from 'express';

/**
 * Deepest nesting of arrays and objects a request body may have. No vendor's request nests more
 * than a handful of levels; the bound keeps every later walk of the body (validation, redaction,
 * serialisation into the journal or the store) far from the stack's limit.
 */
export const MAX_BODY_DEPTH = 64;

export type BodyReadResult =
  | { ok: true; bytesRead: number }
  | {
      ok: false;
      bytesRead: number;
      problem: { kind: 'payload_too_large' } | { kind: 'malformed_body'; detail: string } | { kind: 'body_too_deep'; maxDepth: number };
    };

const OPEN_BRACKET = 0x5b;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACKET = 0x5d;
const CLOSE_BRACE = 0x7d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** Whether JSON text nests arrays and objects deeper than `limit`, read in one pass without parsing. */
export function nestsDeeperThan(text: Uint8Array, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const byte = text[index];
    if (inString) {
      if (byte === BACKSLASH) index++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) inString = true;
    else if (byte === OPEN_BRACKET || byte === OPEN_BRACE) {
      if (++depth > limit) return true;
    } else if (byte === CLOSE_BRACKET || byte === CLOSE_BRACE) depth--;
  }
  return false;
}

const TOO_DEEP = 'entity.too.deep';
const bytesReadOf = new WeakMap<IncomingMessage, number>();

/** Whether a request carries a body, exactly as express's parser judges it (type-is `hasBody`). */
const hasBody = (req: IncomingMessage) => req.headers['transfer-encoding'] !== undefined || !Number.isNaN(Number(req.headers['content-length']));

/** The Content-Types express's parser reads as UTF-8 JSON, written the way clients write them. */
const PLAIN_JSON_TYPES = new Set(['application/json', 'application/json; charset=utf-8', 'application/json;charset=utf-8']);

/** A body whose bytes were read in full, or why they were not (what raw-body would have said). */
type RawBody = { ok: true; raw: Buffer } | { ok: false; bytesRead: number; detail: string };

/**
 * Reads the body's bytes and hands them to `settle`. A small body mostly comes in the packet of its
 * headers: by the microtask after the request is handed over, Node's parser holds all of its bytes
 * (the message's end is told a turn later), which are then taken at once, without the listeners and
 * the flowing mode a stream read costs. Otherwise the bytes are read as they come, and `settle` is
 * called from the request's own `end` event, so that what it makes of them resolves the read without
 * a promise hop.
 */
function readRaw(req: IncomingMessage, length: number, settle: (body: RawBody) => void): void {
  if (length === 0) return readAsItComes(req, length, settle);
  queueMicrotask(() => {
    // All of Content-Length's bytes are the whole body: the parser gives none beyond it to this request.
    if (req.readableFlowing !== null || req.readableLength !== length) return readAsItComes(req, length, settle);
    settle({ ok: true, raw: req.read() as Buffer });
  });
}

function readAsItComes(req: IncomingMessage, length: number, settle: (body: RawBody) => void): void {
  const chunks: Buffer[] = [];
  let received = 0;
  const finish = (body: RawBody) => {
    req.removeListener('data', onData).removeListener('end', onEnd).removeListener('aborted', onAborted).removeListener('error', onError);
    settle(body);
  };
  const onData = (chunk: Buffer) => {
    chunks.push(chunk);
    received += chunk.length;
  };
  const onEnd = () => {
    if (received !== length) finish({ ok: false, bytesRead: received, detail: 'request size did not match content length' });
    else finish({ ok: true, raw: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, received) });
  };
  const onAborted = () => finish({ ok: false, bytesRead: received, detail: 'request aborted' });
  const onError = (error: Error) => finish({ ok: false, bytesRead: received, detail: error.message });
  req.on('data', onData).on('end', onEnd).on('aborted', onAborted).on('error', onError);
}

/**
 * The JSON value of a body, when express's parser would take it without a word: valid UTF-8 (a
 * byte-order mark, which its decoder drops, fails JSON.parse here) and a text its strict mode accepts
 * (an object or an array). Undefined
 * otherwise, for express's parser to say why in its own words.
 */
function parsedPlainly(raw: Buffer): { value: unknown } | undefined {
  if (raw.length === 0) return { value: {} };
  if (!isUtf8(raw)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(raw.toString('utf8'));
  } catch {
    return undefined;
  }
  // Strict mode takes only an object or an array, which JSON text begins with `{` or `[` to be.
  return typeof value === 'object' && value !== null ? { value } : undefined;
}

/**
 * Reads a JSON body onto `req.body`, bounded in size and depth, and tells how many bytes were read
 * whatever `Content-Length` claimed: a chunked body has none. A body sent as plain UTF-8 JSON with
 * its length is read here, the bytes once and parsed once, or refused at once when that length is
 * over the limit; any other (chunked, compressed, another charset) goes to express's parser, and so
 * does one that does not parse, from the bytes read: every refusal is express's own, word for word,
 * and the size refusal is the one its parser gives a declared length. Express (and the charset tables its
 * parser needs) is loaded for the first request that needs it, not at start.
 */
export function jsonBodyReader(options: { limitBytes: number; anyContentType: boolean }) {
  let parser: Promise<RequestHandler> | undefined;
  const loadParser = async () => (await import('express')).default.json({
    limit: options.limitBytes,
    type: options.anyContentType ? () => true : 'application/json',
    verify: (req, _res, raw) => {
      bytesReadOf.set(req, raw.length);
      if (nestsDeeperThan(raw, MAX_BODY_DEPTH)) {
        throw Object.assign(new Error(`The body nests arrays and objects deeper than ${MAX_BODY_DEPTH} levels`), { type: TOO_DEEP });
      }
    },
  });
  const resultOf = (req: IncomingMessage, error: unknown): BodyReadResult => {
    const bytesRead = bytesReadOf.get(req) ?? 0;
    if (!error) return { ok: true, bytesRead };
    const { type, message } = error as { type?: string; message: string };
    if (type === 'entity.too.large') return { ok: false, bytesRead, problem: { kind: 'payload_too_large' } };
    if (type === TOO_DEEP) return { ok: false, bytesRead, problem: { kind: 'body_too_deep', maxDepth: MAX_BODY_DEPTH } };
    return { ok: false, bytesRead, problem: { kind: 'malformed_body', detail: message } };
  };
  const parseWithExpress = (req: IncomingMessage & { body?: unknown }, res: ServerResponse): Promise<BodyReadResult> => {
    parser ??= loadParser();
    return parser.then(
      (parse) =>
        new Promise((resolve) => {
          parse(req as Parameters<RequestHandler>[0], res as Parameters<RequestHandler>[1], (error?: unknown) => resolve(resultOf(req, error)));
        }),
    );
  };
  const bodyOf = (req: IncomingMessage & { body?: unknown }, res: ServerResponse, read: RawBody): BodyReadResult | Promise<BodyReadResult> => {
    if (!read.ok) return { ok: false, bytesRead: read.bytesRead, problem: { kind: 'malformed_body', detail: read.detail } };
    const { raw } = read;
    if (nestsDeeperThan(raw, MAX_BODY_DEPTH)) return { ok: false, bytesRead: raw.length, problem: { kind: 'body_too_deep', maxDepth: MAX_BODY_DEPTH } };
    const parsed = parsedPlainly(raw);
    if (parsed) {
      req.body = parsed.value;
      return { ok: true, bytesRead: raw.length };
    }
    const replay: IncomingMessage & { body?: unknown } = Object.assign(Readable.from([raw], { objectMode: false }), { headers: req.headers }) as never;
    return parseWithExpress(replay, res).then((result) => {
      req.body = replay.body;
      return result;
    });
  };
  const readPlainly = (req: IncomingMessage & { body?: unknown }, res: ServerResponse, length: number): Promise<BodyReadResult> => {
    if (!('body' in req)) req.body = undefined;
    return new Promise((resolve, reject) => {
      readRaw(req, length, (read) => {
        // Called from the request's event: a throw here must reject the read, not escape into the emitter.
        try {
          resolve(bodyOf(req, res, read));
        } catch (error) {
          reject(error);
        }
      });
    });
  };
  const declaresPlainJson = (req: IncomingMessage) => {
    const type = req.headers['content-type'];
    return (
      req.headers['transfer-encoding'] === undefined &&
      req.headers['content-encoding'] === undefined &&
      (type === undefined ? options.anyContentType : PLAIN_JSON_TYPES.has(type))
    );
  };
  // A request without a body is answered at once, as the parser would (`req.body` undefined): not as
  // a promise, so that it is served without waiting for a turn of the event loop.
  return (req: IncomingMessage & { body?: unknown }, res: ServerResponse): BodyReadResult | Promise<BodyReadResult> => {
    if (!hasBody(req)) {
      if (!('body' in req)) req.body = undefined;
      return { ok: true, bytesRead: 0 };
    }
    const length = Number(req.headers['content-length']);
    if (Number.isInteger(length) && declaresPlainJson(req)) {
      // Refused on its declared length, as express's parser would, without waiting for bytes that
      // will not be read: Node discards what is left of them once the answer is sent.
      if (length > options.limitBytes) return { ok: false, bytesRead: 0, problem: { kind: 'payload_too_large' } };
      return readPlainly(req, res, length);
    }
    return parseWithExpress(req, res);
  };
}
