import type { LogLevel } from '../logging/log-levels.js';
import { isHostName } from './host-names.js';
import { parseUpstream } from './upstream-option.js';

export interface SandboxOptions {
  /** TCP port; 0 picks a free one. */
  port?: number;
  host?: string;
  /** Seed for generated data and ids: the same seed and requests give the same answers. */
  seed?: string | number;
  /** Clients (or users) seeded into each new partition. */
  clients?: number;
  /** JSON file that keeps data across restarts; in memory only when absent. */
  db?: string;
  /** Requests per second per key for every vendor; 0 turns limiting off; absent keeps each vendor's documented limit. */
  rateLimit?: number;
  /** Check every response against the vendor's document and log what breaks it. */
  validateResponses?: boolean;
  logLevel?: LogLevel;
  /** Serve only these vendors (by name); all registered ones when absent. */
  vendors?: string[];
  /** Largest request body accepted, in bytes. */
  bodyLimitBytes?: number;
  /** Per-vendor settings (`{ cryptomate: { webhookUrl: '…' } }`); each vendor documents its own. */
  vendorSettings?: Record<string, Record<string, unknown>>;
  /** Wait before a failed webhook's first retry; each further retry waits twice as long. */
  webhookRetryBaseMs?: number;
  webhookTimeoutMs?: number;
  /** How long pending checks and verifications take to complete on their own. */
  checkDelayMs?: number;
  /** Extra latency on every vendor request: `100` or a range `50-200` (milliseconds). */
  latency?: string;
  /**
   * The token the control API then requires in `X-Sandbox-Admin-Token`; needed when the host is not
   * a loopback address. Empty, blank or padded with spaces, it is refused: no request could send it.
   */
  adminToken?: string;
  /**
   * Host names (with or without a port) the control API answers besides the address it listens on
   * and the loopback names: a `Host` outside them is refused, so a rebound DNS name cannot reach it.
   */
  allowedHosts?: string[];
  /**
   * Host names the sandbox also answers for as a proxy (`HTTPS_PROXY`, `CONNECT`), besides the hosts in
   * the served vendors' documents (`servers`): for a vendor whose document gives no host of its own.
   */
  proxyHosts?: string[];
  /** The folder that keeps the sandbox's certificate authority; `~/.cache/kyc-sandbox` when absent. */
  caDir?: string;
  /** Tenants kept at once (API keys, key pairs, back offices); see the README for what happens past it. */
  maxTenants?: number;
  /** How long a client may take to send its headers, and its whole request. */
  headersTimeoutMs?: number;
  requestTimeoutMs?: number;
  /**
   * Drift check: vendor name → the vendor's real API (`{ complycube: 'https://api.complycube.com' }`).
   * That vendor's requests are forwarded there and its answers returned unchanged, each compared with
   * the vendor's document; https only unless `allowHttpUpstream`.
   */
  upstreams?: Record<string, string>;
  /** Lets an upstream be plain http (a local imitation of a vendor); credentials would travel in clear. */
  allowHttpUpstream?: boolean;
  /** Where the drift report is written on stop: `FILE.json` and `FILE.md`. */
  driftReport?: string;
  /** A file that records the redacted exchanges with the upstreams, one JSON line each. */
  driftRecord?: string;
}

type OptionalSettings = 'db' | 'rateLimit' | 'vendors' | 'latency' | 'adminToken' | 'caDir' | 'driftReport' | 'driftRecord';
export type ResolvedOptions = Required<Omit<SandboxOptions, OptionalSettings | 'seed'>> &
  Pick<SandboxOptions, OptionalSettings> & { seed: string };

export const DEFAULT_OPTIONS = {
  port: 4010,
  host: '127.0.0.1',
  seed: '42',
  clients: 25,
  validateResponses: false,
  logLevel: 'info' as LogLevel,
  bodyLimitBytes: 10 * 1024 * 1024,
  vendorSettings: {} as Record<string, Record<string, unknown>>,
  webhookRetryBaseMs: 1000,
  webhookTimeoutMs: 5000,
  checkDelayMs: 500,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  allowedHosts: [] as string[],
  proxyHosts: [] as string[],
  maxTenants: 1000,
  upstreams: {} as Record<string, string>,
  allowHttpUpstream: false,
};

/** Every option's name, to refuse a misspelt one instead of ignoring it. */
export const OPTION_NAMES = [
  'port', 'host', 'seed', 'clients', 'db', 'rateLimit', 'validateResponses', 'logLevel', 'vendors', 'bodyLimitBytes',
  'vendorSettings', 'webhookRetryBaseMs', 'webhookTimeoutMs', 'checkDelayMs', 'latency', 'adminToken', 'allowedHosts',
  'maxTenants', 'headersTimeoutMs', 'requestTimeoutMs', 'proxyHosts', 'caDir', 'upstreams', 'allowHttpUpstream', 'driftReport',
  'driftRecord',
] as const satisfies readonly (keyof SandboxOptions)[];
// Fails to compile when an option is added to SandboxOptions but not to OPTION_NAMES.
export const EVERY_OPTION_NAMED: [Exclude<keyof SandboxOptions, (typeof OPTION_NAMES)[number]>] extends [never] ? true : never = true;

/** The names in `options` that are no option, each with the valid ones, for an error message; empty when all are known. */
export function unknownOptionNames(options: object): string[] {
  return Object.keys(options).filter((name) => !(OPTION_NAMES as readonly string[]).includes(name));
}

/** `name`, `name:port`, `1.2.3.4:port` or `[::1]:port`, as a `Host` header carries it. */
const ALLOWED_HOST = /^(?:[a-z0-9_.-]+|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

export function resolveOptions(options: SandboxOptions): ResolvedOptions {
  const unknown = unknownOptionNames(options);
  if (unknown.length > 0) {
    throw new Error(`unknown option ${unknown.map((name) => `'${name}'`).join(', ')}; the options are ${OPTION_NAMES.join(', ')}`);
  }
  const defined = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
  const resolved = { ...DEFAULT_OPTIONS, ...defined } as ResolvedOptions;
  resolved.seed = String(resolved.seed);
  if (resolved.seed.trim() === '') throw new Error('seed must not be empty: leave it out for the default, 42');
  if (resolved.vendors !== undefined && (!Array.isArray(resolved.vendors) || resolved.vendors.length === 0)) {
    throw new Error('vendors must name at least one vendor: leave it out to serve them all');
  }
  if (!Number.isInteger(resolved.port) || resolved.port < 0 || resolved.port > 65535) {
    throw new Error(`port must be an integer from 0 to 65535, got ${options.port}`);
  }
  if (!Number.isInteger(resolved.clients) || resolved.clients < 0) {
    throw new Error(`clients must be a whole number, got ${options.clients}`);
  }
  if (!Number.isInteger(resolved.maxTenants) || resolved.maxTenants < 1) {
    throw new Error(`max tenants must be a whole number from 1, got ${options.maxTenants}`);
  }
  const token: unknown = resolved.adminToken;
  if (token !== undefined && (typeof token !== 'string' || token.trim() === '' || token.trim() !== token)) {
    throw new Error('admin token must be a non-blank string without leading or trailing spaces');
  }
  if (!Array.isArray(resolved.allowedHosts)) throw new Error('allowed hosts must be a list of host names');
  resolved.allowedHosts = resolved.allowedHosts.map((entry: unknown) => {
    if (typeof entry !== 'string' || !ALLOWED_HOST.test(entry)) {
      throw new Error(`allowed host must be a host name or address, optionally with :port (not a URL), got ${JSON.stringify(entry)}`);
    }
    return entry.toLowerCase();
  });
  if (!Array.isArray(resolved.proxyHosts)) throw new Error('proxy hosts must be a list of host names');
  resolved.proxyHosts = resolved.proxyHosts.map((entry: unknown) => {
    if (!isHostName(entry)) throw new Error(`proxy host must be a host name without scheme or port, got ${JSON.stringify(entry)}`);
    return entry.toLowerCase();
  });
  if (resolved.caDir !== undefined && (typeof resolved.caDir !== 'string' || resolved.caDir.trim() === '')) {
    throw new Error('ca dir must be the path of a folder');
  }
  const upstreams: unknown = resolved.upstreams;
  if (upstreams === null || typeof upstreams !== 'object' || Array.isArray(upstreams) || Object.values(upstreams).some((url) => typeof url !== 'string')) {
    throw new Error('upstreams must map vendor names to URLs');
  }
  for (const [vendor, url] of Object.entries(resolved.upstreams)) parseUpstream(vendor, url, resolved.allowHttpUpstream === true);
  for (const name of ['driftReport', 'driftRecord'] as const) {
    const file: unknown = resolved[name];
    if (file !== undefined && (typeof file !== 'string' || file.trim() === '')) throw new Error(`${name} must be the path of a file`);
  }
  if (resolved.rateLimit !== undefined && (!Number.isFinite(resolved.rateLimit) || resolved.rateLimit < 0)) {
    throw new Error(`rate limit must be 0 or more requests per second, got ${options.rateLimit}`);
  }
  return resolved;
}
