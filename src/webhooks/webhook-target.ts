import { lookup as dnsLookup, type LookupAddress, type LookupAllOptions } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';

/**
 * Addresses no webhook goes to: link-local ones (cloud metadata services answer at 169.254.169.254)
 * and unspecified ones (0.0.0.0 and :: reach the host itself by a side door). Loopback and private
 * addresses stay allowed: that is where tests receive their webhooks. BlockList also matches an
 * IPv4-mapped IPv6 address (::ffff:169.254.169.254) against the IPv4 rules.
 */
function refusedAddresses(): BlockList {
  const refused = new BlockList();
  refused.addSubnet('169.254.0.0', 16, 'ipv4');
  refused.addSubnet('0.0.0.0', 8, 'ipv4');
  refused.addSubnet('fe80::', 10, 'ipv6');
  refused.addAddress('::', 'ipv6');
  return refused;
}
/** Made on first use: BlockList loads modules of Node's own that a start does not need. */
let refused: BlockList | undefined;

const REFUSAL = 'a link-local or unspecified address, where webhooks are never sent';

export function isRefusedAddress(address: string): boolean {
  const family = isIP(address);
  return family !== 0 && (refused ??= refusedAddresses()).check(address, family === 6 ? 'ipv6' : 'ipv4');
}

function parse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/**
 * Why a webhook cannot go to `url`, as a phrase that follows the URL's name ("'url' points to …"), or
 * undefined when it can. The WHATWG parser has already turned odd spellings (`0251.0376.0251.0376`,
 * `2852039166`, `[::ffff:a9fe:a9fe]`) into the address they mean. A host name is checked when the
 * webhook is sent, against what it resolves to then.
 */
export function webhookTargetProblem(url: string): string | undefined {
  const target = parse(url);
  if (!target) return 'is not a valid URL';
  if (target.protocol !== 'http:' && target.protocol !== 'https:') return 'must be an http or https URL';
  // An IPv6 host keeps its brackets in `hostname`.
  const host = target.hostname.startsWith('[') ? target.hostname.slice(1, -1) : target.hostname;
  return isRefusedAddress(host) ? `points to ${host}, ${REFUSAL}` : undefined;
}

/**
 * The URL as deliveries and logs show it: credentials, query and fragment replaced, as they often carry
 * secrets, while scheme, host, port and path still tell a test author where the webhook went.
 */
export function redactUrl(url: string): string {
  const target = parse(url);
  if (!target) return '[redacted: not a URL]';
  if (target.protocol !== 'http:' && target.protocol !== 'https:') return `${target.protocol}[redacted]`;
  const credentials = target.username || target.password ? '[redacted]@' : '';
  const query = target.search ? '?[redacted]' : '';
  const fragment = target.hash ? '#[redacted]' : '';
  return `${target.protocol}//${credentials}${target.host}${target.pathname}${query}${fragment}`;
}

export type Resolver = (
  hostname: string,
  options: LookupAllOptions,
  callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

/**
 * A `lookup` for the connection itself that refuses a name resolving to a refused address. As the
 * connection uses the very answer checked, a name that changes its answer between a check and the
 * connection (DNS rebinding) cannot get through. A name with any refused address is refused whole.
 */
export function refusingLookup(resolve?: Resolver): LookupFunction {
  return (hostname, options, callback) => {
    // Node's resolver is read at the first lookup: loading it is no part of a start.
    (resolve ?? dnsLookup)(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '');
      const refused = addresses.find(({ address }) => isRefusedAddress(address));
      if (refused) return callback(new Error(`${hostname} resolves to ${refused.address}, ${REFUSAL}`), '');
      if (options.all) return callback(null, addresses);
      const [first] = addresses;
      if (!first) return callback(new Error(`${hostname} resolves to no address`), '');
      callback(null, first.address, first.family);
    });
  };
}
