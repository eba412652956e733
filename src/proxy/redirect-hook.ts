import http, { type ClientRequest, type RequestOptions } from 'node:http';
import https from 'node:https';
import { syncBuiltinESMExports } from 'node:module';
import { urlToHttpOptions } from 'node:url';

type Callback = (response: http.IncomingMessage) => void;
type RequestFunction = (...args: unknown[]) => ClientRequest;

/** The environment variable that names the hosts to send to the sandbox, comma-separated, when set. */
export const HOSTS_VARIABLE = 'KYC_SANDBOX_PROXY_HOSTS';

/**
 * The arguments of `http.request` / `https.request` (`url`, `options`, `callback`, each optional but
 * one of the first two) as one options object, with the callback.
 */
function normalise(args: unknown[]): { options: RequestOptions; callback: Callback | undefined } | undefined {
  let index = 0;
  let fromUrl: RequestOptions = {};
  if (typeof args[0] === 'string' || args[0] instanceof URL) {
    try {
      fromUrl = urlToHttpOptions(new URL(String(args[0]))) as RequestOptions;
    } catch {
      return undefined; // an invalid URL: Node's own request throws the error the caller expects
    }
    index = 1;
  }
  let given: RequestOptions = {};
  if (args[index] !== null && typeof args[index] === 'object') given = args[index++] as RequestOptions;
  const callback = typeof args[index] === 'function' ? (args[index] as Callback) : undefined;
  return { options: { ...fromUrl, ...given }, callback };
}

const hasHeader = (headers: RequestOptions['headers'], name: string) =>
  headers !== undefined && !Array.isArray(headers) && Object.keys(headers).some((key) => key.toLowerCase() === name);

/**
 * Sends a Node process's requests for the vendors' hosts to the sandbox at `sandboxUrl` instead: those
 * made with `http.request`/`get`, `https.request`/`get` (and so axios, got, the vendors' SDKs) and
 * `fetch`. Path, query, method, headers and body are kept; an `https` request goes to the sandbox over
 * plain HTTP, with the `Host` it would have sent (`fetch` cannot set one: it carries the sandbox's).
 * Every other host is left alone. Returns the function that undoes it.
 */
export function installRedirect(sandboxUrl: string, hostList: readonly string[]): () => void {
  const target = new URL(sandboxUrl);
  if (target.protocol !== 'http:') throw new Error(`kyc-sandbox/register: the sandbox's URL must be http://HOST:PORT, got ${sandboxUrl}`);
  const hosts = new Set(hostList.map((host) => host.toLowerCase()));
  const targetHost = target.hostname.replace(/^\[|\]$/g, '');
  const original = {
    httpRequest: http.request,
    httpGet: http.get,
    httpsRequest: https.request,
    httpsGet: https.get,
    fetch: globalThis.fetch,
  };

  /** The arguments for `http.request` to the sandbox, or undefined for a host that is not a vendor's. */
  function redirected(args: unknown[], defaultPort: number): unknown[] | undefined {
    const normalised = normalise(args);
    if (!normalised) return undefined;
    const { options, callback } = normalised;
    const hostname = String(options.hostname ?? options.host ?? 'localhost').toLowerCase().replace(/^\[|\]$/g, '');
    if (!hosts.has(hostname) || options.socketPath !== undefined) return undefined;
    const port = options.port === undefined || options.port === null || options.port === '' ? defaultPort : Number(options.port);
    let headers = options.headers;
    if (!Array.isArray(headers) && !hasHeader(headers, 'host')) {
      headers = { ...headers, host: port === defaultPort ? hostname : `${hostname}:${port}` };
    }
    const { createConnection: _connection, agent, ...rest } = options;
    return [
      {
        ...rest,
        protocol: 'http:',
        host: targetHost,
        hostname: targetHost,
        port: target.port || 80,
        headers,
        // An https agent cannot carry plain HTTP: the global agent does, unless the caller wanted none.
        agent: agent === false ? false : undefined,
        servername: undefined,
      },
      ...(callback ? [callback] : []),
    ];
  }

  const request = (fallback: RequestFunction, defaultPort: number): RequestFunction =>
    function request(...args: unknown[]) {
      const to = redirected(args, defaultPort);
      return to ? (original.httpRequest as RequestFunction)(...to) : fallback(...args);
    };
  const get = (send: RequestFunction): RequestFunction =>
    function get(...args: unknown[]) {
      const outgoing = send(...args);
      outgoing.end();
      return outgoing;
    };

  const httpRequest = request(original.httpRequest as RequestFunction, 80);
  const httpsRequest = request(original.httpsRequest as RequestFunction, 443);
  http.request = httpRequest as typeof http.request;
  http.get = get(httpRequest) as typeof http.get;
  https.request = httpsRequest as typeof https.request;
  https.get = get(httpsRequest) as typeof https.get;

  if (original.fetch) {
    globalThis.fetch = function fetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
      let url: URL;
      try {
        url = new URL(input instanceof Request ? input.url : String(input));
      } catch {
        return original.fetch(input, init);
      }
      if (!hosts.has(url.hostname.toLowerCase()) || (url.protocol !== 'http:' && url.protocol !== 'https:')) return original.fetch(input, init);
      const to = new URL(url.pathname + url.search, target);
      return original.fetch(input instanceof Request ? new Request(to, input) : to, init);
    };
  }
  syncBuiltinESMExports();

  return function uninstall() {
    http.request = original.httpRequest;
    http.get = original.httpGet;
    https.request = original.httpsRequest;
    https.get = original.httpsGet;
    if (original.fetch) globalThis.fetch = original.fetch;
    syncBuiltinESMExports();
  };
}

/**
 * The hosts to send to the sandbox: `KYC_SANDBOX_PROXY_HOSTS` when set (the jest setup sets it for its
 * workers), else what the sandbox at `sandboxUrl` answers for (`GET /__sandbox/proxy`).
 */
export async function redirectedHosts(sandboxUrl: string, environment: NodeJS.ProcessEnv = process.env): Promise<string[]> {
  const listed = environment[HOSTS_VARIABLE];
  if (listed !== undefined) return listed.split(',').map((host) => host.trim()).filter(Boolean);
  const headers: Record<string, string> = {};
  if (environment.KYC_SANDBOX_ADMIN_TOKEN) headers['x-sandbox-admin-token'] = environment.KYC_SANDBOX_ADMIN_TOKEN;
  let response: Response;
  try {
    response = await fetch(new URL('/__sandbox/proxy', sandboxUrl), { headers });
  } catch (error) {
    throw new Error(`kyc-sandbox/register: no sandbox answers at KYC_SANDBOX_URL=${sandboxUrl} (${(error as Error).message}); start it first, or list the hosts in ${HOSTS_VARIABLE}`);
  }
  if (!response.ok) throw new Error(`kyc-sandbox/register: ${sandboxUrl}/__sandbox/proxy answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { hosts: string[] }).hosts;
}
