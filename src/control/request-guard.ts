import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import { originForm, RouteTable } from '../routing/route-table.js';
import type { LoadedSpec } from '../spec/load-spec.js';
import type { VendorResponse } from '../vendors/contract.js';
import { controlError } from './control-api.js';

const CONTROL_PATH_PREFIX = '/__sandbox';

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];
/** Methods a page on another site can send without a preflight carry no JSON; the others are preflighted. */
const METHODS_NEEDING_JSON = new Set(['POST', 'PUT', 'PATCH']);

/** `[::1]` for an IPv6 address, as a `Host` header writes it; an IPv4 client of a dual-stack socket as plain IPv4. */
function hostForm(address: string): string {
  const unmapped = address.toLowerCase().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
  return isIP(unmapped) === 6 ? `[${unmapped}]` : unmapped;
}

/** A `Host` value as name and port; the port is undefined when the value has none. */
function splitHost(host: string): { name: string; port: string | undefined } {
  const colon = host.lastIndexOf(':');
  if (colon === -1 || host.endsWith(']')) return { name: host, port: undefined };
  return { name: host.slice(0, colon), port: host.slice(colon + 1) };
}

/** The path and the authority a request names: an absolute-form target (`GET http://x/…`) carries its own. */
function target(req: IncomingMessage): { path: string; authority: string | undefined } {
  const url = req.url ?? '';
  const questionMark = url.indexOf('?');
  const path = originForm(questionMark === -1 ? url : url.slice(0, questionMark));
  if (url.startsWith('/')) return { path, authority: req.headers.host?.toLowerCase() };
  try {
    return { path, authority: new URL(url).host };
  } catch {
    return { path, authority: undefined };
  }
}

function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

/**
 * Keeps the control API to the user's own clients. A page in the user's browser can send requests
 * to the sandbox (a form, a `no-cors` fetch) and, by rebinding its own DNS name to this address,
 * read the answers; so a control request is refused when its `Host` is not a name this sandbox is
 * served at, when it comes from another origin, or when it writes without a JSON body type, which
 * no page can send to another origin without the preflight the sandbox never grants.
 *
 * Allowed `Host` values: the listening address, the address the connection came in on (which
 * covers each address of a wildcard bind such as `0.0.0.0`), `localhost`, `127.0.0.1` and `[::1]`,
 * each with the listening port (bare on port 80), and `allowedHosts`: an entry without a port
 * allows its name on any port. A DNS name outside them is refused even on a non-loopback address,
 * where the admin token is also required: naming a proxy or a container is one `--allow-host` away.
 */
export function createControlGuard(options: { controlSpec: LoadedSpec; listenHost: string; allowedHosts: string[] }) {
  // The control API's own routes, matched as the dispatcher matches them, so that no spelling of a
  // path (`/%5F%5Fsandbox/…`, `http://x/__sandbox/…`) reaches the control API around the guard.
  const controlRoutes = new RouteTable<true>();
  for (const operation of options.controlSpec.operations) controlRoutes.add(operation.method, operation.path, true);
  const listenName = hostForm(options.listenHost);
  const allowedAnyPort = new Set(options.allowedHosts.filter((entry) => splitHost(entry).port === undefined));
  const allowedExactly = new Set(options.allowedHosts.filter((entry) => splitHost(entry).port !== undefined));

  const isControlRequest = (req: IncomingMessage, path: string) =>
    path.startsWith(CONTROL_PATH_PREFIX) || controlRoutes.find(req.method!, path) !== undefined;

  function hostAllowed(authority: string, req: IncomingMessage): boolean {
    if (allowedExactly.has(authority)) return true;
    const { name, port } = splitHost(authority);
    if (allowedAnyPort.has(name)) return true;
    const listeningPort = String(req.socket.localPort);
    if (port === undefined ? listeningPort !== '80' : port !== listeningPort) return false;
    return name === listenName || LOOPBACK_NAMES.includes(name) || (req.socket.localAddress !== undefined && name === hostForm(req.socket.localAddress));
  }

  /** Whether a browser sent this on behalf of a page of another origin. */
  function crossOrigin(req: IncomingMessage, authority: string): boolean {
    const site = req.headers['sec-fetch-site'];
    if (site === 'cross-site' || site === 'same-site') return true;
    const origin = req.headers.origin;
    if (origin === undefined) return false;
    try {
      return new URL(origin).host !== authority;
    } catch {
      return true;
    }
  }

  /** The refusal of a control request that must not be served, or undefined for every other request. */
  function refusal(req: IncomingMessage): VendorResponse | undefined {
    const { path, authority } = target(req);
    if (!isControlRequest(req, path)) return undefined;
    if (authority === undefined || !hostAllowed(authority, req)) {
      return controlError(
        403,
        'forbidden_host',
        `The control API answers only at the sandbox's own address; allow the host '${authority ?? ''}' with --allow-host if it is yours`,
      );
    }
    if (crossOrigin(req, authority)) {
      return controlError(403, 'cross_origin', 'The control API does not answer requests from pages of another origin');
    }
    if (METHODS_NEEDING_JSON.has(req.method!) && mediaType(req.headers['content-type']) !== 'application/json') {
      return controlError(415, 'unsupported_media_type', 'Send Content-Type: application/json, with {} when there is nothing to say');
    }
    return undefined;
  }

  /** Whether `authority` (`host:port`, lower-case) is one the sandbox is served at, as for the control API. */
  const servesHost = (authority: string, req: IncomingMessage) => hostAllowed(authority, req);
  return Object.assign(refusal, { servesHost });
}
