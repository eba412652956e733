import type { IncomingHttpHeaders } from 'node:http';
import type { Faker } from '@faker-js/faker';
import type { OpenAPIV3_1 } from 'openapi-types';
import type { Collection, Partition } from '../store/partition.js';
import type { DeterministicRandom } from '../seeding/deterministic-random.js';

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
  /** One handler per operationId of the document, no more, no less. */
  handlers: Record<string, OperationHandler>;
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
  /** This vendor's settings, from the config file or `--set vendor.name=value`. */
  settings: Record<string, unknown>;
  /**
   * A fresh id for this request (a trace id), 32 hex characters: the same seed and requests give the
   * same ids, and drawing one changes nothing stored, unlike `random`.
   */
  requestId(): string;
  /** How long pending checks and verifications take (`--check-delay`); schedule their completion with it. */
  checkDelayMs: number;
  /** Runs the vendor's task of that name after the delay (by the sandbox clock). */
  schedule(task: string, delayMs: number, payload: unknown): void;
  /** Sends a webhook, retrying with back-off while the receiver fails. */
  webhooks: WebhookSender;
}

export interface OperationContext extends VendorServices {
  operationId: string;
  params: Record<string, string>;
  query: Record<string, unknown>;
  headers: IncomingHttpHeaders;
  body: unknown;
  tenant: Tenant;
}

export type OperationHandler = (context: OperationContext) => VendorResponse | Promise<VendorResponse>;

export type TaskHandler = (context: VendorServices, payload: unknown) => void;

export interface WebhookDelivery {
  /** http or https only. */
  url: string;
  /** Sent as it is when a string (so a signature over it holds), else as compact JSON. */
  body: unknown;
  headers?: Record<string, string>;
  /** The event's name, for the deliveries log. */
  event: string;
  /** Attempts in all, the first included (default 4). */
  maxAttempts?: number;
  /** The answers that count as delivered, for a vendor that documents them; any 2xx when absent. */
  successStatuses?: number[];
  /** How long one attempt may take in all, for a vendor that documents it; `webhookTimeoutMs` when absent. */
  timeoutMs?: number;
  /** Called once the last attempt has failed (while the tenant's data still exists): to disable the endpoint, say. */
  onGivenUp?: () => void;
}

export interface WebhookSender {
  send(delivery: WebhookDelivery): void;
}

export interface SeedContext {
  partition: Partition;
  faker: Faker;
  random: DeterministicRandom;
  /** How many clients (or users) to seed; the vendor decides how they split by kind. */
  clients: number;
  /** The moment seeded history ends: fixed, so seeded data does not depend on the day it runs. */
  referenceDate: Date;
}

export type { Collection, Partition };
