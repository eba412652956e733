import { request as httpRequest, type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import type { Upstream } from '../config/upstream-option.js';

/** Hop-by-hop headers (RFC 9110 §7.6.1), never passed on, and the sandbox's own. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
  'content-length',
  'x-sandbox-admin-token',
]);

export interface UpstreamAnswer {
  status: number;
  headers: Record<string, string | string[]>;
  /** The bytes as sent (still encoded when `content-encoding` says so). */
  body: Buffer;
}

/** The headers less the hop-by-hop ones (`kept` aside) and those `Connection` names. */
function endToEnd(headers: IncomingHttpHeaders, kept?: string): Record<string, string | string[]> {
  const named = new Set(String(headers.connection ?? '').toLowerCase().split(',').map((name) => name.trim()).filter(Boolean));
  const result: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || (HOP_BY_HOP.has(name) && name !== kept) || named.has(name)) continue;
    result[name] = value;
  }
  return result;
}

/** The request's headers for the upstream: hop-by-hop ones and those `Connection` names dropped, `Host` the upstream's. */
export function forwardedHeaders(headers: IncomingHttpHeaders, upstream: Upstream, bodyLength: number): OutgoingHttpHeaders {
  const result: OutgoingHttpHeaders = endToEnd(headers);
  result.host = upstream.url.host;
  if (bodyLength > 0) result['content-length'] = String(bodyLength);
  return result;
}

/** The response's headers for the caller: unchanged but for the hop-by-hop ones. */
export function returnedHeaders(headers: IncomingHttpHeaders): Record<string, string | string[]> {
  return endToEnd(headers, 'content-length');
}

/**
 * Sends one request to the upstream: to its origin and nowhere else, at `pathAndQuery` as the
 * caller wrote it (a request target is never parsed as a URL, so no path can name another host).
 */
export function sendUpstream(
  upstream: Upstream,
  request: { method: string; pathAndQuery: string; headers: IncomingHttpHeaders; body: Buffer },
  limits: { timeoutMs: number; maxBytes: number },
): Promise<UpstreamAnswer> {
  const send = upstream.url.protocol === 'https:' ? httpsRequest : httpRequest;
  const hostname = upstream.url.hostname.replace(/^\[(.*)\]$/, '$1');
  return new Promise((resolve, reject) => {
    const outgoing = send(
      {
        protocol: upstream.url.protocol,
        hostname,
        port: upstream.url.port || undefined,
        method: request.method,
        path: upstream.pathPrefix + (request.pathAndQuery.startsWith('/') ? request.pathAndQuery : `/${request.pathAndQuery}`),
        headers: forwardedHeaders(request.headers, upstream, request.body.length),
        timeout: limits.timeoutMs,
        agent: false,
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > limits.maxBytes) {
            response.destroy(new Error(`the upstream's answer is larger than ${limits.maxBytes} bytes`));
            return;
          }
          chunks.push(chunk);
        });
        response.once('error', reject);
        response.once('end', () => resolve({ status: response.statusCode ?? 502, headers: returnedHeaders(response.headers), body: Buffer.concat(chunks) }));
      },
    );
    outgoing.once('timeout', () => outgoing.destroy(new Error(`no answer within ${limits.timeoutMs} ms`)));
    outgoing.once('error', reject);
    outgoing.end(request.body.length > 0 ? request.body : undefined);
  });
}

/** The body as text for the comparison, undone from its `content-encoding`. */
export function decodedBody(answer: UpstreamAnswer): Buffer {
  const encoding = String(answer.headers['content-encoding'] ?? '').trim().toLowerCase();
  if (answer.body.length === 0) return answer.body;
  if (encoding === 'gzip' || encoding === 'x-gzip') return gunzipSync(answer.body);
  if (encoding === 'deflate') return inflateSync(answer.body);
  if (encoding === 'br') return brotliDecompressSync(answer.body);
  return answer.body;
}

/** Reads a request's body whole, refusing past `maxBytes`. */
export async function readRawBody(stream: NodeJS.ReadableStream, maxBytes: number): Promise<Buffer | 'too_large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
    size += bytes.length;
    if (size > maxBytes) return 'too_large';
    chunks.push(bytes);
  }
  return Buffer.concat(chunks);
}
