import { isIP } from 'node:net';

/** A DNS name as a proxy request names it: letters, digits, hyphens and dots, no port. */
const HOST_NAME = /^(?=.{1,253}$)[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?(?:\.[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?)*$/;

export function isHostName(value: unknown): value is string {
  return typeof value === 'string' && HOST_NAME.test(value.toLowerCase()) && isIP(value) === 0;
}
