import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ResolvedOptions } from '../config/options.js';
import type { Logger } from '../logging/logger.js';
import { RouteTable } from '../routing/route-table.js';
import type { LoadedSpec, OperationSpec, SecuritySchemeSpec } from '../spec/load-spec.js';
import type { RateLimiter } from '../simulation/rate-limiter.js';
import type { RequestCheck } from '../validation/request-validator.js';
import { RequestValidator } from '../validation/request-validator.js';
import type { ResponseValidator } from '../validation/response-validator.js';
import {
  VendorError,
  type Credentials,
  type OperationHandler,
  type Problem,
  type Tenant,
  type ValidationFailure,
  type VendorModule,
  type VendorResponse,
} from '../vendors/contract.js';
import { bindOperations } from './bind-operations.js';
import { fingerprint, type ControlPlane } from '../control/control-plane.js';
import { parsePrefer } from '../simulation/prefer.js';
import { SIMULATED_HEADER } from '../validation/response-validator.js';
import { jsonBodyReader, type BodyReadResult } from './json-body.js';
import { partitionId, type VendorRuntime } from './vendor-runtime.js';

interface Route {
  vendor: VendorModule;
  spec: OperationSpec;
  handler: OperationHandler;
  check: RequestCheck;
  /** The operation's security alternatives, resolved to schemes. */
  security: { name: string; scheme: SecuritySchemeSpec }[][];
}

export interface LoadedVendor {
  vendor: VendorModule;
  spec: LoadedSpec;
}

export interface DispatcherDependencies {
  vendors: LoadedVendor[];
  options: ResolvedOptions;
  runtime: VendorRuntime;
  plane: ControlPlane;
  rateLimiter: RateLimiter;
  logger: Logger;
  responseValidator?: ResponseValidator;
}

/**
 * Serves every vendor operation: route, authenticate, rate-limit, parse, validate, seed on first
 * use, run the vendor's handler, answer. Everything per operation is compiled when this is built.
 */
export class VendorDispatcher {
  readonly #routes = new RouteTable<Route>();
  readonly #prefixes: { prefix: string; vendor: VendorModule }[];
  /** JSON body readers by vendor: strict about Content-Type unless the document says otherwise. */
  readonly #bodyReaders = new Map<string, ReturnType<typeof jsonBodyReader>>();
  readonly #logRequests: boolean;

  constructor(private readonly deps: DispatcherDependencies) {
    const validator = new RequestValidator(deps.vendors.map(({ spec }) => spec));
    for (const { vendor, spec } of deps.vendors) {
      for (const { spec: operation, handler } of bindOperations(vendor, spec)) {
        const security = operation.security.map((names) =>
          names.map((name) => {
            const scheme = spec.securitySchemes[name];
            if (!scheme) throw new Error(`${vendor.name}: ${operation.operationId} names unknown scheme '${name}'`);
            return { name, scheme };
          }),
        );
        this.#routes.add(operation.method, operation.path, {
          vendor,
          spec: operation,
          handler,
          check: validator.compile(operation),
          security,
        });
      }
    }
    this.#prefixes = deps.vendors
      .map(({ vendor, spec }) => ({ prefix: spec.basePath, vendor }))
      .sort((a, b) => b.prefix.length - a.prefix.length);
    for (const { vendor, spec } of deps.vendors) {
      // `x-sandbox-json-any-content-type`: the vendor reads a JSON body whatever Content-Type it came with.
      const anyType = (spec.raw as Record<string, unknown>)['x-sandbox-json-any-content-type'] === true;
      this.#bodyReaders.set(vendor.name, jsonBodyReader({ limitBytes: deps.options.bodyLimitBytes, anyContentType: anyType }));
    }
    this.#logRequests = deps.logger.isLevelEnabled('info');
    validator.warmUp((error) => deps.logger.error({ err: error }, 'an operation’s request schema does not compile'));
  }

  /**
   * Answers vendor routes; anything else goes to `next`. Never rejects: whatever fails on the way
   * becomes that vendor's 500 for this request alone, or a closed connection once the answer has begun.
   */
  readonly handle = async (req: IncomingMessage, res: ServerResponse, next: () => void): Promise<void> => {
    let vendor: VendorModule | undefined;
    try {
      await this.#handle(req, res, next, (owner) => (vendor = owner));
    } catch (error) {
      this.deps.logger.error({ err: error, vendor: vendor?.name, method: req.method, path: req.url?.split('?')[0] }, 'request failed');
      if (res.headersSent) {
        res.destroy();
        return;
      }
      let response: VendorResponse = { status: 500, body: { message: 'The sandbox failed' } };
      try {
        if (vendor) response = vendor.errorResponse({ kind: 'internal' });
      } catch {
        // the generic body above stands in for a vendor whose error mapping failed too
      }
      res.writeHead(response.status, { ...response.headers, 'content-type': 'application/json; charset=utf-8' });
      res.end(req.method === 'HEAD' ? undefined : JSON.stringify(response.body));
    }
  };

  async #handle(req: IncomingMessage, res: ServerResponse, next: () => void, owner: (vendor: VendorModule) => void): Promise<void> {
    const startedAt = performance.now();
    const url = req.url!;
    const questionMark = url.indexOf('?');
    const path = questionMark === -1 ? url : url.slice(0, questionMark);
    const match = this.#routes.find(req.method!, path);
    if (!match) {
      const prefixOwner = this.#prefixes.find(({ prefix }) => path === prefix || path.startsWith(prefix + '/'));
      if (!prefixOwner) return next();
      owner(prefixOwner.vendor);
      const exchange: Exchange = { vendor: prefixOwner.vendor, path, startedAt, credentialHashes: [], truncate: false, bodyBytes: 0 };
      return this.#finish(req, res, prefixOwner.vendor.errorResponse({ kind: 'route_not_found', method: req.method!, path }), exchange);
    }
    const route = match.value;
    owner(route.vendor);
    const exchange: Exchange = { vendor: route.vendor, route, path, startedAt, credentialHashes: [], truncate: false, bodyBytes: 0 };
    let response: VendorResponse | typeof DROPPED;
    try {
      response = await this.#serve(route, match.params, req as BodiedRequest, res, questionMark === -1 ? '' : url.slice(questionMark + 1), exchange);
    } catch (error) {
      if (error instanceof VendorError) response = error.response;
      else {
        this.deps.logger.error({ err: error, operationId: route.spec.operationId }, 'handler failed');
        response = route.vendor.errorResponse({ kind: 'internal' });
      }
    }
    if (response === DROPPED) {
      this.#record(req, 0, exchange);
      req.socket.destroy();
      return;
    }
    this.#finish(req, res, response, exchange);
  };

  /** Faults, `Prefer` and latency: what a test asked to happen to this request. Undefined: serve it. */
  async #simulate(route: Route, req: IncomingMessage, exchange: Exchange): Promise<VendorResponse | typeof DROPPED | undefined> {
    const plane = this.deps.plane;
    const fault = plane.faults.take({
      vendor: route.vendor.name,
      method: req.method!,
      path: exchange.path,
      credentialHashes: exchange.credentialHashes,
    });
    const preferences = parsePrefer(req.headers.prefer);
    const latency = plane.latency ? plane.latency.minMs + Math.random() * (plane.latency.maxMs - plane.latency.minMs) : 0;
    const delayMs = (fault?.delayMs ?? 0) + (preferences?.delayMs ?? 0) + latency;
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));

    if (fault) {
      if (fault.action === 'drop') return DROPPED;
      if (fault.action === 'truncate') {
        exchange.truncate = true;
        return undefined;
      }
      return simulated(withRetryAfter(route.vendor.errorResponse({ kind: 'simulated', status: fault.status }), 1), fault.status, 'fault');
    }
    const code = preferences?.code;
    if (code === undefined) return undefined;
    const documented = Object.keys(route.spec.responses);
    if (!pickDocumented(documented, code)) {
      const failure: ValidationFailure = {
        location: 'header',
        field: 'Prefer',
        keyword: 'enum',
        message: `code=${code} is not documented for ${route.spec.operationId}; documented: ${documented.join(', ')}`,
        params: { allowedValues: documented },
      };
      return simulated(route.vendor.errorResponse({ kind: 'validation', failure }), undefined, 'refused');
    }
    // A documented success is what the operation answers anyway: serve it.
    if (code < 400) return undefined;
    return simulated(withRetryAfter(route.vendor.errorResponse({ kind: 'simulated', status: code }), 1), code);
  }

  async #serve(
    route: Route,
    params: Record<string, string>,
    req: BodiedRequest,
    res: ServerResponse,
    search: string,
    exchange: Exchange,
  ): Promise<VendorResponse | typeof DROPPED> {
    const { vendor } = route;
    const fail = (problem: Problem) => vendor.errorResponse(problem);

    const credentials = extractCredentials(route.security, req);
    // One fingerprint of the whole credential: a client id shared by two secrets must not match both.
    if (credentials && Object.keys(credentials).length > 0) exchange.credentialHashes = [fingerprint(Object.values(credentials).join(':'))];
    if (!vendor.internal) {
      const simulatedResponse = await this.#simulate(route, req, exchange);
      if (simulatedResponse !== undefined) return simulatedResponse;
    }
    if (!credentials) return fail({ kind: 'unauthorized', reason: 'missing' });
    const tenant: Tenant = vendor.authenticate
      ? vendor.authenticate(credentials, {
          operationId: route.spec.operationId,
          operation: route.spec.operation,
          now: () => this.deps.runtime.clock.now(),
          partitionOf: (tenantId) => this.deps.runtime.partitionFor(vendor, tenantId),
        })
      : { id: Object.values(credentials).join('\0') };
    const tenantPartitionId = partitionId(vendor.name, tenant.id);
    const isPublic = route.security.length === 0;
    // Limited before the tenant is seeded, so a flood of new keys costs no more than their refusals.
    // A public operation's caller is known only from its body: it is limited once that is read.
    if (!isPublic) {
      const limited = this.#rateLimit(route, tenant, tenantPartitionId, exchange);
      if (limited) return limited;
    }
    const partition = this.deps.runtime.partitionFor(vendor, tenant.id);
    if (!vendor.internal) this.deps.plane.notePartitionUse(exchange.credentialHashes, partition.id);

    const read: BodyReadResult = await this.#bodyReaders.get(vendor.name)!(req, res);
    exchange.bodyBytes = read.bytesRead;
    if (!read.ok) {
      if (read.problem.kind === 'payload_too_large') return fail({ kind: 'payload_too_large', limitBytes: this.deps.options.bodyLimitBytes });
      return fail(read.problem);
    }

    const unreadBody = unreadBodyFailure(route, req);
    if (unreadBody) return fail({ kind: 'validation', failure: unreadBody });

    const query = parseQuery(search);
    // As sent: validation coerces the query and fills in defaults in place.
    exchange.query = { ...query };
    const failure = route.check({ params, query, headers: req.headers as Record<string, unknown>, body: req.body });
    if (failure) return fail({ kind: 'validation', failure });

    if (isPublic) {
      const caller = vendor.publicCaller?.(route.spec.operationId, req.body);
      const limited = this.#rateLimit(route, tenant, caller === undefined ? tenantPartitionId : `${tenantPartitionId}\0${caller}`, exchange);
      if (limited) return limited;
    }

    return route.handler({
      ...this.deps.runtime.servicesFor(vendor, partition),
      operationId: route.spec.operationId,
      params,
      query,
      headers: req.headers,
      body: req.body,
      tenant,
    });
  }

  #rateLimit(route: Route, tenant: Tenant, bucket: string, exchange: Exchange): VendorResponse | undefined {
    const policy =
      this.deps.plane.rateLimitOverride(exchange.credentialHashes) ??
      (this.deps.options.rateLimit === undefined ? route.vendor.rateLimit(tenant) : { limit: this.deps.options.rateLimit, windowMs: 1000 });
    const decision = this.deps.rateLimiter.take(bucket, policy, this.deps.runtime.clock.nowMs());
    if (decision.allowed) return undefined;
    const limited = route.vendor.errorResponse({ kind: 'rate_limited', retryAfterSeconds: decision.retryAfterSeconds, limit: policy.limit });
    return withRetryAfter(limited, decision.retryAfterSeconds);
  }

  #finish(req: IncomingMessage, res: ServerResponse, response: VendorResponse, exchange: Exchange): void {
    let encoded: EncodedResponse;
    try {
      encoded = encode(response);
    } catch (error) {
      this.deps.logger.error({ err: error, operationId: exchange.route?.spec.operationId }, 'response could not be serialised');
      response = exchange.vendor.errorResponse({ kind: 'internal' });
      encoded = encode(response);
    }
    const { headers, payload } = encoded;
    this.#checkResponse(req, response, headers, exchange.route);
    this.#record(req, response.status, exchange);
    res.writeHead(response.status, headers);
    if (exchange.truncate && payload !== undefined) {
      // The headers promise the whole body; half of it, then the connection closes.
      const bytes = Buffer.from(payload);
      res.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => res.destroy());
      return;
    }
    res.end(req.method === 'HEAD' ? undefined : payload);
  }

  #record(req: IncomingMessage, status: number, exchange: Exchange): void {
    if (exchange.vendor.internal) return;
    const durationMs = Math.round((performance.now() - exchange.startedAt) * 100) / 100;
    this.deps.plane.journal.record({
      at: new Date().toISOString(),
      vendor: exchange.vendor.name,
      operationId: exchange.route?.spec.operationId,
      method: req.method!,
      path: exchange.path,
      query: exchange.query ?? parseQuery(req.url!.split('?')[1] ?? ''),
      headers: req.headers,
      body: (req as BodiedRequest).body,
      bodyBytes: exchange.bodyBytes,
      status,
      durationMs,
      credentialHashes: exchange.credentialHashes,
    });
    if (this.#logRequests) {
      this.deps.logger.info({ vendor: exchange.vendor.name, method: req.method, path: exchange.path, status, ms: durationMs }, 'request');
    }
  }

  #checkResponse(req: IncomingMessage, response: VendorResponse, headers: Record<string, string>, route?: Route): void {
    const validator = this.deps.responseValidator;
    if (!validator) return;
    let problems: string[];
    try {
      problems = validator.check({
        method: req.method!,
        path: req.url!,
        status: response.status,
        headers,
        body: Buffer.isBuffer(response.body) ? response.body.toString('latin1') : response.body,
      });
    } catch (error) {
      problems = [`the check itself failed: ${(error as Error).message}`];
    }
    if (problems.length > 0) {
      this.deps.logger.error({ operationId: route?.spec.operationId, problems }, 'response breaks the OpenAPI document');
    }
  }
}

const DROPPED = Symbol('dropped');

/** A request once the JSON parser has run: `body` is the parsed body, or undefined when none was sent. */
type BodiedRequest = IncomingMessage & { body?: unknown };

/** What one request went through, for the journal and the log. */
interface Exchange {
  vendor: VendorModule;
  route?: Route;
  path: string;
  startedAt: number;
  credentialHashes: string[];
  query?: Record<string, unknown>;
  truncate: boolean;
  /** Bytes of body actually read, which a chunked request does not announce. */
  bodyBytes: number;
}

interface EncodedResponse {
  headers: Record<string, string>;
  payload: Buffer | string | undefined;
}

function encode(response: VendorResponse): EncodedResponse {
  const headers: Record<string, string> = { ...response.headers };
  let payload: Buffer | string | undefined;
  if (Buffer.isBuffer(response.body)) {
    payload = response.body;
    headers['content-type'] ??= 'application/octet-stream';
  } else if (response.body !== undefined) {
    payload = JSON.stringify(response.body);
    headers['content-type'] ??= 'application/json; charset=utf-8';
  }
  if (payload !== undefined) headers['content-length'] = String(Buffer.byteLength(payload));
  return { headers, payload };
}

/** A response the sandbox made up on a test's request, marked so the contract check knows it for one. */
function simulated(response: VendorResponse, status: number | undefined, marker?: 'fault' | 'refused'): VendorResponse {
  const headers = marker ? { ...response.headers, [SIMULATED_HEADER]: marker } : response.headers;
  return { ...response, status: status ?? response.status, headers };
}

/**
 * Every 429 tells the client when to come back, whatever the vendor's body: `Retry-After` is added
 * here once, for every vendor, unless the vendor set it. A forced 429 has no window behind it: 1 s.
 */
function withRetryAfter(response: VendorResponse, seconds: number): VendorResponse {
  if (response.status !== 429 || response.headers?.['retry-after'] !== undefined) return response;
  return { ...response, headers: { ...response.headers, 'retry-after': String(seconds) } };
}

function pickDocumented(documented: string[], status: number): boolean {
  return documented.includes(String(status)) || documented.includes(`${String(status)[0]}XX`) || documented.includes('default');
}

/** The credentials of the first security alternative the request satisfies; `{}` for public operations. */
function extractCredentials(
  alternatives: Route['security'],
  req: IncomingMessage,
): Credentials | undefined {
  if (alternatives.length === 0) return {};
  for (const alternative of alternatives) {
    const credentials: Credentials = {};
    for (const { name, scheme } of alternative) {
      const value = credentialOf(scheme, req);
      if (!value) break;
      credentials[name] = value;
    }
    if (Object.keys(credentials).length === alternative.length) return credentials;
  }
  return undefined;
}

function credentialOf(scheme: SecuritySchemeSpec, req: IncomingMessage): string | undefined {
  if (scheme.type === 'http') {
    const authorization = req.headers.authorization ?? '';
    const [type, value] = [authorization.slice(0, authorization.indexOf(' ')), authorization.slice(authorization.indexOf(' ') + 1)];
    return type.toLowerCase() === scheme.scheme && value.trim() ? value.trim() : undefined;
  }
  if (scheme.in === 'header') {
    const value = req.headers[scheme.name.toLowerCase()];
    return typeof value === 'string' && value.trim() ? value.trim() : undefined;
  }
  if (scheme.in === 'query') {
    const value = new URLSearchParams(req.url?.split('?')[1] ?? '').get(scheme.name);
    return value?.trim() || undefined;
  }
  const cookie = (req.headers.cookie ?? '').split(';').map((part) => part.trim().split('='));
  return cookie.find(([name]) => name === scheme.name)?.[1] || undefined;
}

/**
 * A body the operation would read, sent with a type that is not JSON (or none) and so left unread:
 * said as such, naming the header, rather than taken for a missing or empty body.
 */
function unreadBodyFailure(route: Route, req: BodiedRequest): ValidationFailure | undefined {
  if (req.body !== undefined || !route.spec.requestBody?.content['application/json']) return undefined;
  const sent = req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
  if (!sent) return undefined;
  const type = req.headers['content-type'];
  return {
    location: 'header',
    field: 'Content-Type',
    keyword: 'const',
    message: `must be application/json for a JSON body, got ${type ? type : 'none'}`,
    params: { allowedValue: 'application/json' },
  };
}

/** Query text to values: a repeated name gives an array, as OpenAPI's `explode` form expects. */
function parseQuery(search: string): Record<string, unknown> {
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
