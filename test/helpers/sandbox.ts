import { startSandbox, type Sandbox } from '../../src/server/start-sandbox.js';
import type { SandboxOptions } from '../../src/config/options.js';
import { ResponseValidator } from '../../src/validation/response-validator.js';

export interface TestResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface RequestOptions {
  headers?: Record<string, string>;
  /** Sent as JSON. */
  json?: unknown;
  /** Sent as it is, for bodies that are not valid JSON. */
  raw?: string;
}

export interface TestSandbox {
  sandbox: Sandbox;
  url: string;
  request<T = any>(method: string, path: string, options?: RequestOptions): Promise<TestResponse<T>>;
  stop(): Promise<void>;
}

/**
 * What `launch` sets besides the test's own options: a free port, and rate limits off, so that
 * only the tests about limits meet 429s (they start with `launchAsShipped`).
 */
export const TEST_DEFAULTS = { port: 0, rateLimit: 0 } as const satisfies SandboxOptions;

/**
 * Starts a sandbox with `TEST_DEFAULTS` and the test's options. Every response a test receives
 * through `request` is checked against the vendor's OpenAPI document, and a response that breaks it
 * fails the test.
 */
export function launch(options: SandboxOptions = {}): Promise<TestSandbox> {
  return start({ ...TEST_DEFAULTS, ...options });
}

/** Starts a sandbox as the command does (each vendor's own rate limits), on a free port. */
export function launchAsShipped(options: SandboxOptions = {}): Promise<TestSandbox> {
  return start({ port: 0, ...options });
}

async function start(options: SandboxOptions): Promise<TestSandbox> {
  const sandbox = await startSandbox(options);
  const contract = new ResponseValidator(sandbox.specs);
  return {
    sandbox,
    url: sandbox.url,
    async request(method, path, options = {}) {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(options.headers ?? {})) headers[name.toLowerCase()] = value;
      let body: string | undefined = options.raw;
      if (options.json !== undefined) {
        body = JSON.stringify(options.json);
        headers['content-type'] ??= 'application/json';
      }
      const response = await fetch(sandbox.url + path, { method, headers, body });
      const text = await response.text();
      const contentType = response.headers.get('content-type') ?? '';
      const parsed = text && contentType.includes('json') ? JSON.parse(text) : text || undefined;
      const problems = contract.check({
        method,
        path,
        status: response.status,
        headers: Object.fromEntries(response.headers),
        body: parsed,
      });
      if (problems.length > 0) throw new Error(`response breaks the OpenAPI document:\n${problems.join('\n')}\n${text}`);
      return { status: response.status, headers: response.headers, body: parsed, text };
    },
    stop: () => sandbox.stop(),
  };
}
