import type { IncomingMessage, ServerResponse } from 'node:http';
import type { OperationSpec, SecuritySchemeSpec } from '../spec/load-spec.js';
import type { Partition } from '../store/partition.js';
import { recordsJson } from '../store/record-json.js';
import type { RequestCheck } from '../validation/request-validator.js';
import { SIMULATED_HEADER } from '../validation/response-validator.js';
import type { AuthenticationRequest, Credentials, OperationHandler, Tenant, ValidationFailure, VendorModule, VendorResponse } from '../vendors/contract.js';

/** One operation of one vendor, compiled at start: what the request pipeline needs to serve it. */
export interface Route {
  vendor: VendorModule;
  spec: OperationSpec;
  handler: OperationHandler;
  check: RequestCheck;
  /** The operation's security alternatives, resolved to schemes; empty for a public operation. */
  security: { name: string; scheme: SecuritySchemeSpec; /** For a scheme read from a header, that header as node names it (lower case). */ headerName: string }[][];
  /** What the vendor's `authenticate` learns of the operation: the same for every request to it. */
  authenticationRequest: AuthenticationRequest;
  /** Whether the operation documents header parameters, which its check then reads. */
  readsHeaders: boolean;
  /** What checking found for recent body-less requests, by their target as sent (path and query). */
  checkedTargets: Map<string, CheckedRequest>;
}

/** A request's query as sent and as checked (coerced, defaults filled in), and the check's finding. */
export interface CheckedRequest {
  readonly sentQuery: Record<string, unknown>;
  readonly query: Record<string, unknown>;
  readonly failure: ValidationFailure | undefined;
}

/** A request once its JSON body is read: `body` is the parsed body, or undefined when none was. */
export type BodiedRequest = IncomingMessage & { body?: unknown };

/** A connection closed without an answer, as a fault asked. */
export const DROPPED = Symbol('dropped');

/** What a step of the pipeline decides: an answer, a dropped connection, or nothing (go on). */
export type Outcome = VendorResponse | typeof DROPPED | undefined;

/** One request on its way through the pipeline; each step reads what the steps before it found out. */
export interface Exchange {
  /** The next id of the request's scope, for what is built while serving it (`servingRequest`). */
  readonly requestId: () => string;
  readonly req: BodiedRequest;
  readonly res: ServerResponse;
  readonly startedAt: number;
  readonly path: string;
  /** The query text, without its `?`. */
  readonly search: string;
  readonly vendor: VendorModule;
  /** Absent for a path under the vendor's base path that no operation has. */
  readonly route?: Route;
  readonly params: Record<string, string>;
  /** The first satisfied security alternative's credentials; undefined when none is satisfied. */
  credentials?: Credentials;
  /** Fingerprints of the whole credential, for the journal, faults and overrides to match by key. */
  credentialHashes: readonly string[];
  tenant?: Tenant;
  partition?: Partition;
  /** The query as sent, for the journal. */
  sentQuery?: Record<string, unknown>;
  /** The query as validation leaves it, coerced to the document's types with its defaults: for the handler. */
  query?: Record<string, unknown>;
  /** Bytes of body actually read, which a chunked request does not announce. */
  bodyBytes: number;
  /** Half the answer, then a closed connection, as a fault asked. */
  truncate: boolean;
}

export interface EncodedResponse {
  headers: Record<string, string>;
  payload: Buffer | string | undefined;
}

export function encode(response: VendorResponse): EncodedResponse {
  const headers: Record<string, string> = { ...response.headers };
  if (Buffer.isBuffer(response.body)) {
    headers['content-type'] ??= 'application/octet-stream';
    headers['content-length'] = String(response.body.length);
    return { headers, payload: response.body };
  }
  const json = response.body === undefined ? undefined : recordsJson(response.body);
  if (json === undefined) return { headers, payload: undefined };
  headers['content-type'] ??= 'application/json; charset=utf-8';
  headers['content-length'] = String(json.bytes);
  return { headers, payload: json.text };
}

/** A response the sandbox made up on a test's request, marked so the contract check knows it for one. */
export function simulated(response: VendorResponse, status: number | undefined, marker?: 'fault' | 'refused'): VendorResponse {
  const headers = marker ? { ...response.headers, [SIMULATED_HEADER]: marker } : response.headers;
  return { ...response, status: status ?? response.status, headers };
}

/**
 * Every 429 tells the client when to come back, whatever the vendor's body: `Retry-After` is added
 * here once, for every vendor, unless the vendor set it. A forced 429 has no window behind it: 1 s.
 */
export function withRetryAfter(response: VendorResponse, seconds: number): VendorResponse {
  if (response.status !== 429 || response.headers?.['retry-after'] !== undefined) return response;
  return { ...response, headers: { ...response.headers, 'retry-after': String(seconds) } };
}

/** Query text to values: a repeated name gives an array, as OpenAPI's `explode` form expects. */
export function parseQuery(search: string): Record<string, unknown> {
  // No prototype: a `__proto__` parameter must stay a plain, refusable name.
  const query: Record<string, unknown> = Object.create(null);
  if (!search) return query;
  for (const [name, value] of new URLSearchParams(search)) {
    const existing = query[name];
    if (existing === undefined) query[name] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else query[name] = [existing, value];
  }
  return query;
}
