import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ResolvedOptions } from '../config/options.js';
import type { ControlPlane } from '../control/control-plane.js';
import type { Logger } from '../logging/logger.js';
import { originForm, RouteTable, withoutTrailingSlash } from '../routing/route-table.js';
import type { RateLimiter } from '../simulation/rate-limiter.js';
import type { LoadedSpec } from '../spec/load-spec.js';
import { RequestValidator } from '../validation/request-validator.js';
import type { ResponseValidator } from '../validation/response-validator.js';
import { servingRequest, VendorError, type VendorModule, type VendorResponse } from '../vendors/contract.js';
import { bindOperations } from './bind-operations.js';
import { DROPPED, encode, parseQuery, type BodiedRequest, type EncodedResponse, type Exchange, type Outcome, type Route } from './exchange.js';
import { isoTime } from '../store/iso-time.js';
import { jsonBodyReader } from './json-body.js';
import { forwardUnrouted, REQUEST_STEPS, type StepServices } from './request-steps.js';
import type { DriftMonitor } from '../drift/drift-monitor.js';
import type { VendorRuntime } from './vendor-runtime.js';

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
  drift?: DriftMonitor;
}

/**
 * The quiet since the last vendor request that lets the warm-up compile a check (a big one takes
 * 30 ms): a compile never delays a request under way, nor the next ones of a client that paused
 * briefly (a load generator restarting, a test's own setup between requests).
 */
const QUIET_BEFORE_WARM_UP_MS = 100;

/** Called once a request is answered (or dropped: status 0), for the journal and the log. */
export type ExchangeListener = (exchange: Exchange, status: number, response?: EncodedResponse) => void;

/**
 * Serves every vendor operation: finds its route, runs the request through `REQUEST_STEPS` until
 * one answers, sends that answer and tells the listeners. Everything per operation is compiled when
 * this is built.
 */
export class VendorDispatcher {
  readonly #routes = new RouteTable<Route>();
  readonly #prefixes: { prefix: string; vendor: VendorModule }[];
  readonly #services: StepServices;
  readonly #onAnswered: ExchangeListener[] = [];
  #lastRequestAt = -Infinity;

  constructor(private readonly deps: DispatcherDependencies) {
    const validator = new RequestValidator(deps.vendors.map(({ spec }) => spec));
    for (const { vendor, spec } of deps.vendors) {
      for (const { spec: operation, handler } of bindOperations(vendor, spec)) {
        const security = operation.security.map((names) =>
          names.map((name) => {
            const scheme = spec.securitySchemes[name];
            if (!scheme) throw new Error(`${vendor.name}: ${operation.operationId} names unknown scheme '${name}'`);
            return { name, scheme, headerName: scheme.type === 'http' ? 'authorization' : scheme.name.toLowerCase() };
          }),
        );
        this.#routes.add(operation.method, operation.path, {
          vendor,
          spec: operation,
          handler,
          check: validator.compile(operation),
          security,
          authenticationRequest: {
            operationId: operation.operationId,
            get operation() {
              return operation.operation;
            },
            now: () => deps.runtime.clock.now(),
            partitionOf: (tenantId) => deps.runtime.partitionFor(vendor, tenantId),
          },
          readsHeaders: operation.parameters.some((parameter) => parameter.in === 'header'),
          checkedTargets: new Map(),
        });
      }
    }
    this.#prefixes = deps.vendors
      .map(({ vendor, spec }) => ({ prefix: spec.basePath, vendor }))
      .sort((a, b) => b.prefix.length - a.prefix.length);
    const bodyReaders = new Map(
      deps.vendors.map(({ vendor, spec }) => {
        // `x-sandbox-json-any-content-type`: the vendor reads a JSON body whatever Content-Type it came with.
        const anyContentType = (spec.raw as Record<string, unknown>)['x-sandbox-json-any-content-type'] === true;
        return [vendor.name, jsonBodyReader({ limitBytes: deps.options.bodyLimitBytes, anyContentType })] as const;
      }),
    );
    this.#services = {
      options: deps.options,
      runtime: deps.runtime,
      plane: deps.plane,
      rateLimiter: deps.rateLimiter,
      rateLimitOption: deps.options.rateLimit === undefined ? undefined : { limit: deps.options.rateLimit, windowMs: 1000 },
      readBody: (vendor, exchange) => bodyReaders.get(vendor)!(exchange.req, exchange.res),
      drift: deps.drift,
    };
    this.onAnswered(recordInJournal(deps.plane));
    if (deps.logger.isLevelEnabled('info')) this.onAnswered(logRequest(deps.logger));
    validator.warmUp((error) => deps.logger.error({ err: error }, 'an operation’s request schema does not compile'), {
      busy: () => performance.now() - this.#lastRequestAt < QUIET_BEFORE_WARM_UP_MS,
    });
  }

  onAnswered(listener: ExchangeListener): void {
    this.#onAnswered.push(listener);
  }

  /**
   * Answers vendor routes; anything else goes to `next`. Never throws, nor rejects: whatever fails on
   * the way becomes that vendor's 500 for this request alone, or a closed connection once the answer
   * has begun. A request that waits for nothing (no body, no delay, no upstream) is answered in the
   * same turn, without a promise.
   */
  readonly handle = (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    let exchange: Exchange | undefined;
    const failSafe = (error: unknown) => this.#failSafe(req, res, exchange?.vendor, error);
    try {
      exchange = this.#exchangeFor(req as BodiedRequest, res);
      if (!exchange) return next();
      const served = exchange;
      servingRequest(served.requestId, () => {
        const outcome = served.route ? this.#runSteps(served, 0) : this.#unrouted(served);
        if (outcome instanceof Promise) outcome.then((settled) => servingRequest(served.requestId, () => this.#answer(served, settled))).catch(failSafe);
        else this.#answer(served, outcome);
      });
    } catch (error) {
      failSafe(error);
    }
  };

  #unrouted(exchange: Exchange): Outcome | Promise<Outcome> {
    const notFound = () => exchange.vendor.errorResponse({ kind: 'route_not_found', method: exchange.req.method!, path: exchange.path });
    const forwarded = forwardUnrouted(exchange, this.#services);
    return forwarded ? forwarded.then((outcome) => outcome ?? servingRequest(exchange.requestId, notFound)) : notFound();
  }

  /**
   * The exchange for a request under some vendor's base path; undefined when no vendor claims it. Its
   * path is the same whichever way the request came: without the scheme and host of an absolute-form
   * target (`https://api.complycube.com/v1/tokens`) and without a trailing slash, which routes as none.
   */
  #exchangeFor(req: BodiedRequest, res: ServerResponse): Exchange | undefined {
    // Most requests are origin-form (`/v1/…`): only others can carry a scheme and authority.
    const url = originForm(req.url!);
    const questionMark = url.indexOf('?');
    const path = withoutTrailingSlash(questionMark === -1 ? url : url.slice(0, questionMark));
    const search = questionMark === -1 ? '' : url.slice(questionMark + 1);
    const match = this.#routes.find(req.method!, path);
    const vendor = match?.value.vendor ?? this.#prefixes.find(({ prefix }) => path === prefix || path.startsWith(prefix + '/'))?.vendor;
    if (!vendor) return undefined;
    const startedAt = performance.now();
    this.#lastRequestAt = startedAt;
    const exchange: Exchange = {
      // Ids for errors built outside a handler come from the tenant's count once it is known, else the vendor's.
      requestId: () => this.deps.runtime.requestId(exchange.partition?.id ?? vendor.name),
      req,
      res,
      startedAt,
      path,
      search,
      vendor,
      route: match?.value,
      params: match?.params ?? {},
      credentialHashes: [],
      bodyBytes: 0,
      truncate: false,
    };
    return exchange;
  }

  /**
   * The steps in order from `from`, until one answers; a vendor error thrown on the way is that answer.
   * Synchronous until a step returns a promise; the steps after it go on once it settles, again as
   * the request being served.
   */
  #runSteps(exchange: Exchange, from: number): Outcome | Promise<Outcome> {
    try {
      for (let index = from; index < REQUEST_STEPS.length; index++) {
        const result = REQUEST_STEPS[index]![1](exchange, this.#services);
        if (result instanceof Promise) {
          return result.then(
            (outcome) => (outcome !== undefined ? outcome : servingRequest(exchange.requestId, () => this.#runSteps(exchange, index + 1))),
            (error: unknown) => servingRequest(exchange.requestId, () => this.#stepFailed(exchange, error)),
          );
        }
        if (result !== undefined) return result;
      }
      return undefined;
    } catch (error) {
      return this.#stepFailed(exchange, error);
    }
  }

  #stepFailed(exchange: Exchange, error: unknown): VendorResponse {
    if (error instanceof VendorError) return error.response;
    this.deps.logger.error({ err: error, operationId: exchange.route?.spec.operationId }, 'handler failed');
    return exchange.vendor.errorResponse({ kind: 'internal' });
  }

  #answer(exchange: Exchange, settled: Outcome): void {
    const { req, res } = exchange;
    const outcome = settled ?? exchange.vendor.errorResponse({ kind: 'internal' });
    if (outcome === DROPPED) {
      this.#tell(exchange, 0);
      req.socket.destroy();
      return;
    }
    let response = outcome;
    let encoded: EncodedResponse;
    try {
      encoded = encode(response);
    } catch (error) {
      this.deps.logger.error({ err: error, operationId: exchange.route?.spec.operationId }, 'response could not be serialised');
      response = exchange.vendor.errorResponse({ kind: 'internal' });
      encoded = encode(response);
    }
    const { headers, payload } = encoded;
    this.#checkResponse(exchange, response, headers);
    this.#tell(exchange, response.status, encoded);
    res.writeHead(response.status, headers);
    if (exchange.truncate && payload !== undefined) {
      // The headers promise the whole body; half of it, then the connection closes.
      const bytes = Buffer.from(payload);
      res.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => res.destroy());
      return;
    }
    res.end(req.method === 'HEAD' ? undefined : payload);
  }

  #tell(exchange: Exchange, status: number, response?: EncodedResponse): void {
    for (const listener of this.#onAnswered) listener(exchange, status, response);
  }

  /** The last resort: a failure outside the steps (sending, a listener) still gets an answer, never a dead process. */
  #failSafe(req: IncomingMessage, res: ServerResponse, vendor: VendorModule | undefined, error: unknown): void {
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

  #checkResponse(exchange: Exchange, response: VendorResponse, headers: Record<string, string>): void {
    const validator = this.deps.responseValidator;
    if (!validator) return;
    let problems: string[];
    try {
      problems = validator.check({
        method: exchange.req.method!,
        path: exchange.req.url!,
        status: response.status,
        headers,
        body: Buffer.isBuffer(response.body) ? response.body.toString('latin1') : response.body,
      });
    } catch (error) {
      problems = [`the check itself failed: ${(error as Error).message}`];
    }
    if (problems.length > 0) {
      this.deps.logger.error({ operationId: exchange.route?.spec.operationId, problems }, 'response breaks the OpenAPI document');
    }
  }
}

/** The journal keeps every vendor request, not the control API's own. */
function recordInJournal(plane: ControlPlane): ExchangeListener {
  return (exchange, status, response) => {
    if (exchange.vendor.internal) return;
    const { req } = exchange;
    plane.journal.record({
      at: isoTime(Date.now()),
      vendor: exchange.vendor.name,
      operationId: exchange.route?.spec.operationId,
      method: req.method!,
      path: exchange.path,
      query: exchange.sentQuery ?? parseQuery(exchange.search),
      headers: req.headers,
      body: req.body,
      bodyBytes: exchange.bodyBytes,
      status,
      durationMs: durationOf(exchange),
      credentialHashes: exchange.credentialHashes,
      response,
    });
  };
}

function logRequest(logger: Logger): ExchangeListener {
  return (exchange, status) => {
    if (exchange.vendor.internal) return;
    logger.info({ vendor: exchange.vendor.name, method: exchange.req.method, path: exchange.path, status, ms: durationOf(exchange) }, 'request');
  };
}

const durationOf = (exchange: Exchange) => Math.round((performance.now() - exchange.startedAt) * 100) / 100;
