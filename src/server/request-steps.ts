import type { IncomingMessage } from 'node:http';
import type { ResolvedOptions } from '../config/options.js';
import { fingerprint, type ControlPlane } from '../control/control-plane.js';
import type { Fault } from '../simulation/faults.js';
import { parsePrefer } from '../simulation/prefer.js';
import type { RateLimiter } from '../simulation/rate-limiter.js';
import type { SecuritySchemeSpec } from '../spec/load-spec.js';
import { servingRequest, VendorError, type Credentials, type OperationContext, type RateLimitPolicy, type Tenant, type ValidationFailure, type VendorResponse } from '../vendors/contract.js';
import { DROPPED, parseQuery, simulated, withRetryAfter, type CheckedRequest, type Exchange, type Outcome, type Route } from './exchange.js';
import type { BodyReadResult } from './json-body.js';
import { boundedMemo } from '../store/bounded-memo.js';
import { partitionIdOf } from '../store/partition-id.js';
import type { VendorRuntime } from './vendor-runtime.js';
import type { DriftMonitor } from '../drift/drift-monitor.js';

/** What the steps use besides the exchange: the sandbox's state and settings. */
export interface StepServices {
  options: ResolvedOptions;
  runtime: VendorRuntime;
  plane: ControlPlane;
  rateLimiter: RateLimiter;
  /** `--rate-limit N`: N requests a second for every tenant, in place of each vendor's own limits. */
  rateLimitOption: RateLimitPolicy | undefined;
  readBody(vendor: string, exchange: Exchange): BodyReadResult | Promise<BodyReadResult>;
  /** The drift check (`--upstream`): vendors whose requests go to their real API. */
  drift?: DriftMonitor;
}

/** One step of a request's way: an answer ends it, undefined passes it on to the next step. */
export type RequestStep = (exchange: Exchange, services: StepServices) => Outcome | Promise<Outcome>;

/**
 * The way every vendor request goes, in order. Each step may answer (an error, a simulated failure,
 * the handler's response) or pass the request on; whatever answers, the dispatcher sends, checks and
 * records it.
 */
export const REQUEST_STEPS: readonly (readonly [name: string, step: RequestStep])[] = [
  ['identify credentials', identifyCredentials],
  ['simulate failures', simulateFailures],
  ['forward upstream', forwardUpstream],
  ['authenticate', authenticate],
  ['rate limit', limitRate],
  ['enter tenant', enterTenant],
  ['read body', readBody],
  ['validate', validate],
  ['rate limit a public caller', limitPublicCaller],
  ['handle', runHandler],
];

function routeOf(exchange: Exchange): Route {
  if (!exchange.route) throw new Error('a request step ran without a route');
  return exchange.route;
}

function tenantOf(exchange: Exchange): Tenant {
  if (!exchange.tenant) throw new Error(`a request step ran before 'authenticate'`);
  return exchange.tenant;
}

/** The first security alternative the request satisfies: its credentials, and one fingerprint of them whole. */
function identifyCredentials(exchange: Exchange): Outcome {
  const credentials = extractCredentials(routeOf(exchange).security, exchange.req);
  exchange.credentials = credentials;
  // One fingerprint of the whole credential: a client id shared by two secrets must not match both.
  const whole = credentials && joinedValues(credentials, ':');
  if (whole !== undefined) exchange.credentialHashes = fingerprintsOf(whole);
  return undefined;
}

/** The credential's values in order, joined; undefined for none (a public operation). */
function joinedValues(credentials: Credentials, separator: string): string | undefined {
  let joined: string | undefined;
  for (const name in credentials) joined = joined === undefined ? credentials[name] : `${joined}${separator}${credentials[name]}`;
  return joined;
}

/** The one-fingerprint list of a credential, shared by its requests as suites reuse a handful of keys. */
const fingerprintsOf = boundedMemo(10_000, (credential): readonly string[] => Object.freeze([fingerprint(credential)]));

/**
 * Faults, `Prefer` and latency: what a test asked to happen to this request. Synchronous unless a
 * delay was asked: a request nothing happens to goes on in the same turn.
 */
function simulateFailures(exchange: Exchange, { plane }: StepServices): Outcome | Promise<Outcome> {
  const route = routeOf(exchange);
  if (route.vendor.internal) return undefined;
  const { req } = exchange;
  const fault = plane.faults.take({ vendor: route.vendor.name, method: req.method!, path: exchange.path, credentialHashes: exchange.credentialHashes });
  const preferences = parsePrefer(req.headers.prefer);
  if (preferences && 'malformed' in preferences) {
    const failure: ValidationFailure = { location: 'header', field: 'Prefer', keyword: 'enum', message: preferences.malformed, params: { allowedValues: [] } };
    return simulated(route.vendor.errorResponse({ kind: 'validation', failure }), undefined, 'refused');
  }
  const latency = plane.latency ? plane.latency.minMs + Math.random() * (plane.latency.maxMs - plane.latency.minMs) : 0;
  const delayMs = (fault?.delayMs ?? 0) + (preferences?.delayMs ?? 0) + latency;
  if (delayMs > 0) {
    return new Promise((resolve) => setTimeout(() => resolve(servingRequest(exchange.requestId, () => failureAsked(exchange, fault, preferences?.code))), delayMs));
  }
  return failureAsked(exchange, fault, preferences?.code);
}

function failureAsked(exchange: Exchange, fault: Fault | undefined, code: number | undefined): Outcome {
  const route = routeOf(exchange);
  if (fault) {
    if (fault.action === 'drop') return DROPPED;
    if (fault.action === 'truncate') {
      exchange.truncate = true;
      return undefined;
    }
    return simulated(withRetryAfter(route.vendor.errorResponse({ kind: 'simulated', status: fault.status }), 1), fault.status, 'fault');
  }
  if (code === undefined) return undefined;
  const documented = Object.keys(route.spec.responses);
  if (!isDocumented(documented, code)) {
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

/**
 * A vendor with an upstream (`--upstream`): the request goes there and its answer is the answer,
 * compared with the document on the way. After 'simulate failures', so faults, `Prefer` and latency a
 * test asked for are still the sandbox's own (never forwarded, never compared).
 */
function forwardUpstream(exchange: Exchange, services: StepServices): Outcome | Promise<Outcome> {
  const route = routeOf(exchange);
  const { drift } = services;
  if (!drift || route.vendor.internal || !drift.forwards(route.vendor.name)) return undefined;
  return drift.forward(
    { req: exchange.req, vendor: route.vendor, operation: route.spec, credentials: exchange.credentials, search: exchange.search, bodyLimitBytes: services.options.bodyLimitBytes },
    (copy) => sandboxAnswer({ ...exchange, req: copy, credentialHashes: [], tenant: undefined, partition: undefined, truncate: false }, services),
  );
}

/** A path under a forwarded vendor's base path that no operation documents goes to the upstream too. */
export function forwardUnrouted(exchange: Exchange, services: StepServices): Promise<Outcome> | undefined {
  const { drift } = services;
  if (!drift || exchange.vendor.internal || !drift.forwards(exchange.vendor.name)) return undefined;
  return drift.forward(
    { req: exchange.req, vendor: exchange.vendor, credentials: undefined, search: exchange.search, bodyLimitBytes: services.options.bodyLimitBytes },
    undefined,
  );
}

/** The steps that make the sandbox's own answer to a forwarded request: no faults, no rate limits. */
const SCRATCH_STEPS = new Set(['authenticate', 'enter tenant', 'read body', 'validate', 'handle']);
let scratchCount = 0;

/**
 * What the sandbox would have answered, in a scratch tenant of the caller's (its own partition,
 * seeded afresh and dropped after): the caller's data, journal, rate limits and partitions stay as
 * they were.
 */
async function sandboxAnswer(exchange: Exchange, services: StepServices): Promise<VendorResponse | undefined> {
  try {
    for (const [name, step] of REQUEST_STEPS) {
      if (!SCRATCH_STEPS.has(name)) continue;
      const outcome = await servingRequest(exchange.requestId, () => step(exchange, services));
      if (outcome === DROPPED) return undefined;
      if (outcome !== undefined) return outcome;
      if (name === 'authenticate') exchange.tenant = { ...tenantOf(exchange), id: `drift-scratch-${++scratchCount}\0${tenantOf(exchange).id}` };
    }
    return undefined;
  } catch (error) {
    if (error instanceof VendorError) return error.response;
    return exchange.vendor.errorResponse({ kind: 'internal' });
  } finally {
    if (exchange.partition) {
      services.runtime.store.dropPartition(exchange.partition.id);
      services.runtime.scheduler.prune();
    }
  }
}

/** Who calls: the vendor turns the credentials into a tenant, or refuses them. */
function authenticate(exchange: Exchange): Outcome {
  const route = routeOf(exchange);
  const credentials = exchange.credentials;
  if (!credentials) return route.vendor.errorResponse({ kind: 'unauthorized', reason: 'missing' });
  exchange.tenant = route.vendor.authenticate
    ? route.vendor.authenticate(credentials, route.authenticationRequest)
    : tenantOfCredentials(credentials);
  return undefined;
}

const tenantById = boundedMemo(10_000, (id): Tenant => Object.freeze({ id }));

/** A vendor without its own `authenticate`: the credentials' values are the tenant, one object per tenant. */
function tenantOfCredentials(credentials: Credentials): Tenant {
  return tenantById(joinedValues(credentials, '\0') ?? '');
}

/**
 * Before the tenant is seeded, so a flood of new keys costs no more than their refusals. A public
 * operation's caller is known only from its body: it is limited once that is read.
 */
function limitRate(exchange: Exchange, services: StepServices): Outcome {
  const route = routeOf(exchange);
  if (route.security.length === 0) return undefined;
  const tenant = tenantOf(exchange);
  return rateLimited(route, tenant, partitionIdOf(route.vendor.name, tenant.id), exchange, services);
}

/** The tenant's partition, seeded on its first request (or refused when the sandbox holds its maximum). */
function enterTenant(exchange: Exchange, { runtime, plane }: StepServices): Outcome {
  const { vendor } = routeOf(exchange);
  const partition = runtime.partitionFor(vendor, tenantOf(exchange).id);
  exchange.partition = partition;
  if (!vendor.internal) plane.notePartitionUse(exchange.credentialHashes, partition.id);
  return undefined;
}

function readBody(exchange: Exchange, services: StepServices): Outcome | Promise<Outcome> {
  const { vendor } = routeOf(exchange);
  const result = services.readBody(vendor.name, exchange);
  return result instanceof Promise
    ? result.then((read) => servingRequest(exchange.requestId, () => bodyRead(exchange, read, services)))
    : bodyRead(exchange, result, services);
}

function bodyRead(exchange: Exchange, result: BodyReadResult, { options }: StepServices): Outcome {
  const { vendor } = routeOf(exchange);
  exchange.bodyBytes = result.bytesRead;
  if (result.ok) return undefined;
  if (result.problem.kind === 'payload_too_large') return vendor.errorResponse({ kind: 'payload_too_large', limitBytes: options.bodyLimitBytes });
  return vendor.errorResponse(result.problem);
}

/** The request against the operation's document: a body's type, then path, query, headers and body. */
function validate(exchange: Exchange): Outcome {
  const route = routeOf(exchange);
  const { req } = exchange;
  const unreadBody = unreadBodyFailure(route, req);
  if (unreadBody) return route.vendor.errorResponse({ kind: 'validation', failure: unreadBody });
  const checked = req.body === undefined && !route.readsHeaders ? checkedByTarget(route, exchange) : checkRequest(route, exchange);
  exchange.sentQuery = checked.sentQuery;
  exchange.query = checked.query;
  return checked.failure ? route.vendor.errorResponse({ kind: 'validation', failure: checked.failure }) : undefined;
}

/** The query as sent of every request without one (most writes). */
const NO_QUERY_SENT: Record<string, unknown> = Object.freeze(Object.create(null));

function checkRequest(route: Route, exchange: Exchange): CheckedRequest {
  const query = parseQuery(exchange.search);
  const sentQuery = exchange.search ? { ...query } : NO_QUERY_SENT;
  // The check coerces and defaults `query` in place.
  const failure = route.check({ params: exchange.params, query, headers: exchange.req.headers as Record<string, unknown>, body: exchange.req.body });
  return { sentQuery, query, failure };
}

const CHECKS_KEPT_PER_ROUTE = 256;

/**
 * A request without a body nor header parameters is checked by its target (path and query) alone: the same
 * text always gives the same finding, and test suites send the same reads again and again (coercing
 * a list's query with its defaults was a tenth of its answer). Kept frozen, as every request shares them.
 */
function checkedByTarget(route: Route, exchange: Exchange): CheckedRequest {
  // The request's target as sent, which gives its path and query: a key made of those would be a string joined and hashed each request.
  const target = exchange.req.url!;
  let checked = route.checkedTargets.get(target);
  if (!checked) {
    checked = checkRequest(route, exchange);
    Object.freeze(checked.query);
    Object.freeze(checked.sentQuery);
    if (route.checkedTargets.size >= CHECKS_KEPT_PER_ROUTE) route.checkedTargets.clear();
    route.checkedTargets.set(target, checked);
  }
  return checked;
}

function limitPublicCaller(exchange: Exchange, services: StepServices): Outcome {
  const route = routeOf(exchange);
  if (route.security.length > 0) return undefined;
  const tenant = tenantOf(exchange);
  const bucket = partitionIdOf(route.vendor.name, tenant.id);
  const caller = route.vendor.publicCaller?.(route.spec.operationId, exchange.req.body);
  return rateLimited(route, tenant, caller === undefined ? bucket : `${bucket}\0${caller}`, exchange, services);
}

function runHandler(exchange: Exchange, { runtime }: StepServices): VendorResponse | Promise<VendorResponse> {
  const route = routeOf(exchange);
  if (!exchange.partition) throw new Error(`'handle' ran before 'enter tenant'`);
  const services = runtime.servicesFor(route.vendor, exchange.partition);
  // One literal naming every field: one object of one shape a request. Copying the services' fields
  // (Object.assign) cost 2.6 µs an update, and a spread of them, fields holding closures, 10 µs.
  const context: OperationContext = {
    partition: services.partition,
    random: services.random,
    now: services.now,
    nowIso: services.nowIso,
    settings: services.settings,
    requestId: services.requestId,
    pendingWorkDelayMs: services.pendingWorkDelayMs,
    schedule: services.schedule,
    webhooks: services.webhooks,
    operationId: route.spec.operationId,
    params: exchange.params,
    query: exchange.query ?? parseQuery(exchange.search),
    headers: exchange.req.headers,
    body: exchange.req.body,
    tenant: tenantOf(exchange),
  };
  return route.handler(context);
}

function rateLimited(route: Route, tenant: Tenant, bucket: string, exchange: Exchange, services: StepServices): Outcome {
  const { plane, rateLimiter, runtime } = services;
  const policy = plane.rateLimitOverride(exchange.credentialHashes) ?? services.rateLimitOption ?? route.vendor.rateLimit(tenant);
  const decision = rateLimiter.take(bucket, policy, runtime.clock.nowMs());
  if (decision.allowed) return undefined;
  const limited = route.vendor.errorResponse({ kind: 'rate_limited', retryAfterSeconds: decision.retryAfterSeconds, limit: policy.limit });
  return withRetryAfter(limited, decision.retryAfterSeconds);
}

function isDocumented(documented: string[], status: number): boolean {
  return documented.includes(String(status)) || documented.includes(`${String(status)[0]}XX`) || documented.includes('default');
}

/**
 * A body the operation would read, sent with a type that is not JSON (or none) and so left unread:
 * said as such, naming the header, rather than taken for a missing or empty body.
 */
function unreadBodyFailure(route: Route, req: Exchange['req']): ValidationFailure | undefined {
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

/** The credentials of the first security alternative the request satisfies; `{}` for public operations. */
function extractCredentials(alternatives: Route['security'], req: IncomingMessage): Credentials | undefined {
  if (alternatives.length === 0) return {};
  for (const alternative of alternatives) {
    const credentials: Credentials = {};
    for (const { name, scheme, headerName } of alternative) {
      const value = credentialOf(scheme, headerName, req);
      if (!value) break;
      credentials[name] = value;
    }
    if (Object.keys(credentials).length === alternative.length) return credentials;
  }
  return undefined;
}

function credentialOf(scheme: SecuritySchemeSpec, headerName: string, req: IncomingMessage): string | undefined {
  if (scheme.type === 'http') {
    const authorization = req.headers.authorization ?? '';
    const [type, value] = [authorization.slice(0, authorization.indexOf(' ')), authorization.slice(authorization.indexOf(' ') + 1)];
    return type.toLowerCase() === scheme.scheme && value.trim() ? value.trim() : undefined;
  }
  if (scheme.in === 'header') {
    const value = req.headers[headerName];
    return typeof value === 'string' && value.trim() ? value.trim() : undefined;
  }
  if (scheme.in === 'query') {
    const value = new URLSearchParams(req.url?.split('?')[1] ?? '').get(scheme.name);
    return value?.trim() || undefined;
  }
  const cookie = (req.headers.cookie ?? '').split(';').map((part) => part.trim().split('='));
  return cookie.find(([name]) => name === scheme.name)?.[1] || undefined;
}
