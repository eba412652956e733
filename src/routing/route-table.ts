import Router from 'find-my-way';
import type { HTTPMethod } from 'find-my-way';

export interface RouteMatch<T> {
  value: T;
  params: Record<string, string>;
}

/** OpenAPI path templates (`/v1/clients/{id}`) matched by a radix tree, built once at start. */
export class RouteTable<T> {
  readonly #router = Router({ ignoreTrailingSlash: true, caseSensitive: true });

  add(method: string, template: string, value: T): void {
    const path = template.replace(/:/g, '::').replace(/\{([^}]+)\}/g, ':$1');
    this.#router.on(method.toUpperCase() as HTTPMethod, path, () => undefined, { value });
  }

  /** A `HEAD` finds the `GET` of its path when it has no route of its own, as HTTP asks of every server. */
  find(method: string, path: string): RouteMatch<T> | undefined {
    const upper = method.toUpperCase() as HTTPMethod;
    const found = this.#router.find(upper, path) ?? (upper === 'HEAD' ? this.#router.find('GET', path) : null);
    if (!found) return undefined;
    return { value: (found.store as { value: T }).value, params: found.params as Record<string, string> };
  }
}

/**
 * The leading static segments shared by all of a vendor's paths (`/v1`, `/management`), used to
 * answer an unknown route under them in that vendor's error format.
 */
export function commonPathPrefix(templates: string[]): string {
  const split = templates.map((template) => template.split('/').filter(Boolean));
  const prefix: string[] = [];
  for (let index = 0; ; index++) {
    const segment = split[0]?.[index];
    if (segment === undefined || segment.startsWith('{')) break;
    if (!split.every((segments) => segments[index] === segment)) break;
    prefix.push(segment);
  }
  return '/' + prefix.join('/');
}
