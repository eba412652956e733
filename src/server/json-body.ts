import type { IncomingMessage, ServerResponse } from 'node:http';
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

/**
 * Reads a JSON body onto `req.body` with express's parser, bounded in size and depth, and tells
 * how many bytes were read whatever `Content-Length` claimed: a chunked body has none. Express (and
 * the charset tables its parser needs) is loaded for the first request that has a body, not at start.
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
  // A request without a body is answered at once, as the parser would (`req.body` undefined): not as
  // a promise, so that it is served without waiting for a turn of the event loop.
  return (req: IncomingMessage & { body?: unknown }, res: ServerResponse): BodyReadResult | Promise<BodyReadResult> => {
    if (!hasBody(req)) {
      if (!('body' in req)) req.body = undefined;
      return { ok: true, bytesRead: 0 };
    }
    parser ??= loadParser();
    return parser.then(
      (parse) =>
        new Promise((resolve) => {
          parse(req as Parameters<RequestHandler>[0], res as Parameters<RequestHandler>[1], (error?: unknown) => resolve(resultOf(req, error)));
        }),
    );
  };
}
