import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { Faker } from '@faker-js/faker';
import type { OpenAPIV3_1 } from 'openapi-types';
import type { Collection, Partition } from '../store/partition.js';
import type { DeterministicRandom } from '../seeding/deterministic-random.js';
import type { WebhookSender } from '../webhooks/delivery-record.js';

export type { WebhookDelivery, WebhookSender } from '../webhooks/delivery-record.js';

/**
 * What a vendor gives the engine. The engine knows no vendor: it reads the vendor's OpenAPI
 * document for routes, auth and schemas, and asks the vendor only for what a document cannot say —
 * the behaviour of each operation, who a credential belongs to, how its errors look, and its seed data.
 */
export interface VendorModule {
  /** Short lowercase name, used in `--vendors`, partitions and logs. */
  name: string;
  title: string;
  /** Absolute path of the vendor's OpenAPI 3.1 document. */
  specPath: string;
  /**
   * One handler per operationId of the document, no more, no less (start fails otherwise). Build it with
   * `typedHandlers<operations>()({...})` so that `tsc` checks the same against the generated types.
   */
  handlers: Record<string, AnyOperationHandler>;
  /**
   * Turns the credentials named by the operation's security requirement into a tenant, whose
   * data is its own partition. Throw a `VendorError` to refuse them. Without it, the credentials
   * themselves are the tenant.
   */
  authenticate?(credentials: Credentials, request: AuthenticationRequest): Tenant;
  /** The vendor's own response for a failure the engine detects. */
  errorResponse(problem: Problem): VendorResponse;
  /** The vendor's documented request limit for a tenant. */
  rateLimit(tenant: Tenant): RateLimitPolicy;
  /**
   * Who calls a public operation (one without credentials, such as a sign-in), from its validated
   * body: each caller then has its own rate-limit window instead of sharing the tenant's.
   */
  publicCaller?(operationId: string, body: unknown): string | undefined;
  /**
   * The settings the vendor reads (`--set vendor.name=value`, `vendorSettings`), by name, each with
   * what it does: a name not listed here is refused at start, so a typo is never silently ignored.
   */
  settings: Record<string, string>;
  /** Fills a new partition: fixtures first, then seeded fake data. */
  seed(context: SeedContext): void;
  /**
   * Work that happens later on its own (a check completing, a verification moving on), by the name
   * handlers give `schedule`. Pending tasks are stored with the partition and survive a restart.
   */
  tasks?: Record<string, TaskHandler>;
  /** Pages a person's browser opens on the sandbox's own address, outside the document (a hosted flow). */
  pages?: VendorPages;
  /** The engine's own API: kept out of the journal, faults, latency and `Prefer`. */
  internal?: boolean;
}

export type Credentials = Record<string, string>;

export interface AuthenticationRequest {
  operationId: string;
  /** The operation as the document states it, extensions (`x-…`) included. */
  operation: OpenAPIV3_1.OperationObject;
  /** The sandbox clock, for credentials that expire. */
  now(): Date;
  partitionOf(tenantId: string): Partition;
}

export interface Tenant {
  /** The identity whose data is one partition (an API key, a client id and secret pair, …). */
  id: string;
  /** Whatever the vendor's handlers need to know of the caller (access level, visible tags, …). */
  principal?: unknown;
}

export interface RateLimitPolicy {
  /** Requests allowed per window; 0 turns limiting off. */
  limit: number;
  windowMs: number;
  /**
   * A block after each violation, doubling from `firstBlockMs` up to `maxBlockMs`, and `maxBlockMs`
   * from violation `maxFromViolation` on (counted from 1) where a vendor's table jumps to its cap;
   * requests while blocked are refused without using quota, and the count of violations resets
   * after `resetAfterMs` without one.
   */
  penalty?: { firstBlockMs: number; maxBlockMs: number; maxFromViolation?: number; resetAfterMs: number };
}

export type Problem =
  | { kind: 'unauthorized'; reason: 'missing' | 'invalid' }
  | { kind: 'route_not_found'; method: string; path: string }
  | { kind: 'validation'; failure: ValidationFailure }
  | { kind: 'malformed_body'; detail: string }
  /** Valid JSON, but nested deeper than the sandbox reads (arrays and objects within each other). */
  | { kind: 'body_too_deep'; maxDepth: number }
  | { kind: 'payload_too_large'; limitBytes: number }
  | { kind: 'rate_limited'; retryAfterSeconds: number; limit: number }
  /** A new tenant, when the sandbox holds `maxTenants` and none can be evicted; the engine sets Retry-After. */
  | { kind: 'tenant_limit'; maxTenants: number; retryAfterSeconds: number }
  | { kind: 'internal' }
  /** A failure a test asked for (`Prefer: code=NNN`, a fault): the vendor's body for that status. */
  | { kind: 'simulated'; status: number };

export interface ValidationFailure {
  location: 'path' | 'query' | 'header' | 'body';
  /** Dotted path of the offending field (`personDetails.firstName`), empty for the whole body. */
  field: string;
  /** The JSON Schema keyword that failed (`required`, `format`, `enum`, `additionalProperties`, …). */
  keyword: string;
  message: string;
  params: Record<string, unknown>;
}

export interface VendorResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Thrown by handlers and `authenticate` to answer with a vendor error; the request changes nothing. */
export class VendorError extends Error {
  constructor(readonly response: VendorResponse) {
    super(`vendor error ${response.status}`);
  }
}

/** What a handler or a task can use besides the request. */
export interface VendorServices {
  partition: Partition;
  random: DeterministicRandom;
  /** The sandbox clock, which tests can move forward. */
  now(): Date;
  /** The clock's now as ISO 8601 text, as `now().toISOString()` writes it: what records are stamped with. */
  nowIso(): string;
  /** This vendor's settings, from the config file or `--set vendor.name=value`. */
  settings: Record<string, unknown>;
  /**
   * A fresh id for this request (a trace id), 32 hex characters: the same seed and requests give the
   * same ids, and drawing one changes nothing stored, unlike `random`.
   */
  requestId(): string;
  /**
   * How long work the vendor leaves pending takes to complete on its own (`--check-delay`): a check,
   * a verification, a screening. Schedule its completion with it.
   */
  pendingWorkDelayMs: number;
  /** Runs the vendor's task of that name after the delay (by the sandbox clock). */
  schedule(task: string, delayMs: number, payload: unknown): void;
  /** Sends a webhook, retrying with back-off while the receiver fails. */
  webhooks: WebhookSender;
}

/**
 * One operation's types as openapi-typescript generates them from the vendor's document
 * (`operations['createClient']` of `src/vendors/<vendor>/generated/openapi.ts`).
 */
export interface OperationTypes {
  parameters?: { path?: object; query?: object };
  requestBody?: { content: object };
  responses?: object;
}

/**
 * An operation not typed by a document, and what helpers shared by several operations take: every typed
 * operation whose path parameters are strings fits it.
 */
export interface UntypedOperation {
  parameters?: { path?: Record<string, string>; query?: Record<string, unknown> };
  requestBody?: { content: { 'application/json'?: unknown } };
  responses?: object;
}

/** What the engine holds of every handler: typed handlers are narrower only in what they read. */
interface AnyOperation {
  parameters?: { path?: Record<string, unknown>; query?: Record<string, unknown> };
  requestBody?: { content: { 'application/json'?: unknown } };
  responses?: object;
}

type ParametersIn<Op, In extends 'path' | 'query'> = Op extends { parameters?: infer P }
  ? NonNullable<P> extends { [K in In]?: infer V } ? NonNullable<V> : {}
  : {};

/** The JSON body of a request: `undefined` when the document does not require one and none came. */
type RequestBody<Op> = Op extends { requestBody: { content: { 'application/json': infer B } } }
  ? B
  : Op extends { requestBody?: { content: { 'application/json': infer B } } }
    ? B | undefined
    : unknown;

/** What the operation's document says of a status. */
type ResponseAt<Op, Status> = Op extends { responses: infer Rs } ? (Status extends keyof Rs ? Rs[Status] : never) : never;

/** The body a documented answer has (any of its media types); `undefined` for none. */
type BodyOf<Response> = [Response] extends [{ content: never }]
  ? undefined
  : Response extends { content: infer Content }
    ? Content[keyof Content]
    : undefined;

/** The headers a documented answer requires, by the lower-case names handlers set them under. */
type RequiredHeaders<Response> = Response extends { headers: infer Headers }
  ? { [Name in keyof Headers as undefined extends Headers[Name] ? never : Lowercase<Name & string>]: string }
  : {};

/** The headers of an answer: those its document requires, and any others. */
type HeadersOf<Response> = [keyof RequiredHeaders<Response>] extends [never]
  ? { headers?: Record<string, string> }
  : { headers: RequiredHeaders<Response> & Record<string, string> };

/** One documented answer: a status without content has no body. */
type DocumentedResponse<Status, Response> = ([BodyOf<Response>] extends [undefined]
  ? { status: Status; body?: undefined }
  : { status: Status; body: BodyOf<Response> }) &
  HeadersOf<Response>;

type DocumentedStatus<Op> = Op extends { responses: infer Rs } ? Extract<keyof Rs, number> : never;

/**
 * What a handler of the operation returns: a status its document declares, with the body and headers the
 * document gives that status, which `tsc` checks (every body the tests see is also checked against the
 * document at run time).
 */
export type ResponseOf<Op> = Op extends { responses: object }
  ? { [Status in DocumentedStatus<Op>]: DocumentedResponse<Status, ResponseAt<Op, Status>> }[DocumentedStatus<Op>]
  : VendorResponse;

/**
 * What a handler reads of its request, typed by its operation in the vendor's document. This is sound
 * because the engine validates every request against that document before the handler runs (ajv: path,
 * query and header parameters coerced to their schema's type with defaults filled in, which is why the
 * generator makes a parameter with a default required; the JSON body checked as sent), and refuses one
 * that does not match with the vendor's validation error.
 */
export interface OperationContext<Op extends OperationTypes = UntypedOperation> extends VendorServices {
  operationId: string;
  params: ParametersIn<Op, 'path'>;
  query: ParametersIn<Op, 'query'>;
  headers: IncomingHttpHeaders;
  body: RequestBody<Op>;
  tenant: Tenant;
}

/**
 * A handler of one operation, `OperationHandler<operations['createClient']>`: `tsc` checks what it
 * reads of the request and the responses it returns against the document.
 */
export type OperationHandler<Op extends OperationTypes = UntypedOperation> = (
  context: OperationContext<Op>,
) => ResponseOf<Op> | Promise<ResponseOf<Op>>;

/**
 * The context of any operation whose path has these parameters (of any operation at all, for `{}`):
 * what a helper that several handlers share takes.
 */
export type PathContext<Path extends object> = OperationContext<{ parameters: { path: Path } }>;

/** Any operation's handler, as the engine holds it (compared bivariantly, as methods are). */
export type AnyOperationHandler = {
  handle(context: OperationContext<AnyOperation>): VendorResponse | Promise<VendorResponse>;
}['handle'];

/** A vendor's handlers, one per operation of its document. */
export type HandlersOf<Operations> = {
  [K in keyof Operations]: Operations[K] extends OperationTypes ? OperationHandler<Operations[K]> : never;
};

/**
 * The vendor's handler map, checked against its generated `operations`: a missing or extra handler, a
 * handler under another operation's name, a request field the document lacks or a response it does not
 * declare is a type error (start still refuses a missing or extra handler at run time).
 *
 *     handlers: typedHandlers<operations>()({ ...clientHandlers, ...checkHandlers }),
 */
export const typedHandlers =
  <Operations>() =>
  <H extends HandlersOf<Operations>>(handlers: H & { [K in Exclude<keyof H, keyof Operations>]: never }): HandlersOf<Operations> =>
    handlers;

export type TaskHandler = (context: VendorServices, payload: unknown) => void;

/**
 * A vendor's task with the payload it is scheduled with: `schedule` takes only that payload, and the
 * engine's `handler` runs the task only with a stored payload that `read` accepts, since what the store
 * holds is untrusted input once a partition is restored after a restart (one `read` refuses is dropped).
 */
export interface Task<Payload> {
  readonly name: string;
  /** The stored payload as this task's, or undefined when it is not one. */
  read(stored: unknown): Payload | undefined;
  run(services: VendorServices, payload: Payload): void;
  schedule(services: Pick<VendorServices, 'schedule'>, delayMs: number, payload: Payload): void;
  /** What the vendor's `tasks` holds under `name`. */
  readonly handler: TaskHandler;
}

export function defineTask<Payload>(
  name: string,
  read: (stored: unknown) => Payload | undefined,
  run: (services: VendorServices, payload: Payload) => void,
): Task<Payload> {
  return {
    name,
    read,
    run,
    schedule: (services, delayMs, payload) => services.schedule(name, delayMs, payload),
    handler: (services, stored) => {
      const payload = read(stored);
      if (payload !== undefined) run(services, payload);
    },
  };
}

/**
 * Pages served outside the document, such as the hosted flow a vendor's API links to. They carry no
 * credentials: a page finds its tenant by what its address holds (a session token) among `tenants`.
 */
export interface VendorPages {
  /** Every request whose path starts with it is the pages': outside every base path and `/__sandbox/`. */
  pathPrefix: string;
  serve(request: IncomingMessage, response: ServerResponse, tenants: () => Iterable<VendorServices>): Promise<void>;
}


export interface SeedContext {
  partition: Partition;
  faker: Faker;
  random: DeterministicRandom;
  /** How many clients (or users) to seed; the vendor decides how they split by kind. */
  clients: number;
  /** The moment seeded history ends: fixed, so seeded data does not depend on the day it runs. */
  referenceDate: Date;
  /**
   * Generates records on their first need rather than now (or now, when the data is kept in a file):
   * `generate` gets a context whose faker is seeded afresh for the partition, as at the start of
   * seeding, and whose `random` gives the `draws` numbers set aside now, whenever it runs. So call it
   * before seeding uses faker or `random`, use faker no more after it (with a data file `generate` runs
   * at once and moves faker on; in memory it does not), and let `generate` draw no more than `draws`
   * and only add records, of ids of its own, to `collections`: then the records are those seeding
   * would have made.
   */
  defer(plan: { collections: readonly string[]; draws: number }, generate: (context: SeedContext) => void): void;
}

export type { Collection, Partition };

/**
 * The id maker of the request whose synchronous part is running. Not an AsyncLocalStorage: on Node 20
 * that turns on async hooks for every promise and socket write of the process, which cost a sixth of
 * an update's time; the engine sets this around each synchronous stretch of a request instead.
 */
let servedRequestIdMaker: (() => string) | undefined;

/**
 * A trace id for the request being served, for an error a vendor builds outside a handler's context
 * (a refused credential, a rate limit, a missing route): like `VendorServices.requestId`, the same seed
 * and requests give the same ids. Undefined outside a request, and after a handler's first `await`:
 * a handler that awaits reads it before.
 */
export function servedRequestId(): string | undefined {
  return servedRequestIdMaker?.();
}

/** Runs a synchronous stretch of serving a request so that `servedRequestId` answers for it: the engine's to call. */
export function servingRequest<T>(requestId: () => string, serve: () => T): T {
  const outer = servedRequestIdMaker;
  servedRequestIdMaker = requestId;
  try {
    return serve();
  } finally {
    servedRequestIdMaker = outer;
  }
}
