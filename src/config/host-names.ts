import { isIPv4 } from 'node:net';

/** A DNS name as a proxy request names it: letters, digits, hyphens and dots, no port. */
const HOST_NAME = /^(?=.{1,253}$)[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?(?:\.[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?)*$/;

// Such a name has no colon, so it can be an IPv4 address but never an IPv6 one: isIP would try the
// IPv6 pattern too, whose first use costs a start 10 to 30 ms of compiling.
export function isHostName(value: unknown): value is string {
  return typeof value === 'string' && HOST_NAME.test(value.toLowerCase()) && !isIPv4(value);
}
