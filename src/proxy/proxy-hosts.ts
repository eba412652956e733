import { isHostName } from '../config/host-names.js';
import type { LoadedSpec } from '../spec/load-spec.js';


/**
 * The hosts a vendor's document gives as its API's address: the names in `servers`, except a
 * template (`https://{host}`, a white-label vendor whose customers each have their own) and the
 * loopback or IP addresses a document gives when the vendor publishes none. The rule reads only the
 * document, so a vendor added later brings its hosts with its document.
 */
export function documentedHosts(spec: LoadedSpec): string[] {
  const hosts: string[] = [];
  for (const server of spec.servers) {
    if (server.url.includes('{')) continue;
    let hostname: string;
    try {
      hostname = new URL(server.url).hostname.toLowerCase();
    } catch {
      continue; // a relative server URL names no host
    }
    if (hostname === 'localhost' || !isHostName(hostname)) continue;
    if (!hosts.includes(hostname)) hosts.push(hostname);
  }
  return hosts;
}

/** The hosts the sandbox answers for as a proxy: every served vendor's documented ones, then the user's. */
export function proxyHosts(specs: LoadedSpec[], extra: string[]): string[] {
  const hosts = new Set(specs.flatMap(documentedHosts));
  for (const host of extra) hosts.add(host.toLowerCase());
  return [...hosts];
}

/** The host name of a request target's authority (`api.example.com:443`, `[::1]:80`), lower-case, without the port. */
export function hostOfAuthority(authority: string): string {
  const lower = authority.toLowerCase();
  if (lower.startsWith('[')) return lower.slice(0, lower.indexOf(']') + 1);
  const colon = lower.lastIndexOf(':');
  return (colon === -1 ? lower : lower.slice(0, colon)).replace(/\.$/, '');
}
