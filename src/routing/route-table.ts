export interface RouteMatch<T> {
  value: T;
  params: Record<string, string>;
}

/** A level of the tree: one path segment. */
interface SegmentNode<T> {
  readonly literals: Map<string, SegmentNode<T>>;
  /** The child for a `{parameter}` segment, whatever each template names it. */
  param?: SegmentNode<T>;
  /** Method (upper case) → the route of a template that ends here, with its parameters' names in order. */
  readonly routes: Map<string, { value: T; paramNames: string[] }>;
}

const newNode = <T>(): SegmentNode<T> => ({ literals: new Map(), routes: new Map() });

/** Params of one match: an object without Object.prototype, so no parameter name can reach it. */
const ParamsObject = function () {} as unknown as new () => Record<string, string>;
ParamsObject.prototype = Object.create(null) as object;

const WHOLE_PARAM = /^\{([^{}]+)\}$/;
const SLASH = 47;

/** A path without its trailing slashes, which route as none; `/` stays itself. */
export const withoutTrailingSlash = (path: string) => (path.length > 1 && path.endsWith('/') ? path.replace(/\/+$/, '') || '/' : path);

/** A path being matched: its segments are read in place, except where it has percent-escapes. */
interface PathInMatch {
  readonly path: string;
  /** Where the path ends: before a query, a fragment, or one trailing slash. */
  readonly end: number;
  /** Each segment decoded, when the path has an escape; else undefined, and segments are compared in place. */
  readonly decoded: string[] | undefined;
  readonly method: string;
}

/** The parameters' segments matched so far, the last first: a link a parameter, shared by the branches tried after it. */
type ParamValues = { readonly value: string; readonly before: ParamValues } | undefined;

/**
 * OpenAPI path templates (`/v1/clients/{id}`) matched segment by segment, a literal segment before a
 * parameter at each level. Built at start without compiling code, as a start's first request waits
 * for it. A path is taken as received: its segments
 * are percent-decoded (so `/%5F%5Fsandbox` is `/__sandbox`, and a parameter may hold an encoded `/`),
 * a segment that does not decode matches nothing, and one trailing slash routes as none.
 */
export class RouteTable<T> {
  readonly #root = newNode<T>();

  add(method: string, template: string, value: T): void {
    let node = this.#root;
    const paramNames: string[] = [];
    for (const segment of withoutTrailingSlash(template).split('/').slice(1)) {
      const param = WHOLE_PARAM.exec(segment)?.[1];
      if (param !== undefined) {
        paramNames.push(param);
        node = node.param ??= newNode<T>();
        continue;
      }
      if (/[{}]/.test(segment)) throw new Error(`${template}: a path segment must be literal or one whole {parameter}, not '${segment}'`);
      let child = node.literals.get(segment);
      if (!child) node.literals.set(segment, (child = newNode<T>()));
      node = child;
    }
    const upper = method.toUpperCase();
    if (node.routes.has(upper)) throw new Error(`${upper} ${template} is routed twice`);
    node.routes.set(upper, { value, paramNames });
  }

  /** A `HEAD` finds the `GET` of its path when it has no route of its own, as HTTP asks of every server. */
  find(method: string, path: string): RouteMatch<T> | undefined {
    const query = path.indexOf('?');
    const fragment = path.indexOf('#');
    let end = query === -1 ? path.length : query;
    if (fragment !== -1 && fragment < end) end = fragment;
    if (end > 1 && path.charCodeAt(end - 1) === SLASH) end--;
    let decoded: string[] | undefined;
    if (path.lastIndexOf('%', end) !== -1) {
      decoded = decodedSegments(path.slice(1, end));
      if (!decoded) return undefined;
    }
    const upper = method.toUpperCase();
    let inMatch: PathInMatch = { path, end, decoded, method: upper };
    let found = this.#match(this.#root, 1, 0, inMatch, undefined);
    if (!found && upper === 'HEAD') found = this.#match(this.#root, 1, 0, (inMatch = { ...inMatch, method: 'GET' }), undefined);
    if (!found) return undefined;
    const { value, paramNames } = found.node.routes.get(inMatch.method)!;
    const params = new ParamsObject();
    nameInOrder(params, paramNames, paramNames.length - 1, found.values);
    return { value, params };
  }

  /** The node that ends the path and routes the method, from the segment at `start` (number `index`) on, with the parameters' segments. */
  #match(
    node: SegmentNode<T>,
    start: number,
    index: number,
    inMatch: PathInMatch,
    values: ParamValues,
  ): { node: SegmentNode<T>; values: ParamValues } | undefined {
    const { path, end, decoded } = inMatch;
    if (start > end) return node.routes.has(inMatch.method) ? { node, values } : undefined;
    let next = path.indexOf('/', start);
    if (next === -1 || next > end) next = end;
    const segment = decoded?.[index] ?? path.slice(start, next);
    const literal = node.literals.get(segment);
    const found = literal && this.#match(literal, next + 1, index + 1, inMatch, values);
    if (found || !node.param) return found;
    return this.#match(node.param, next + 1, index + 1, inMatch, { value: segment, before: values });
  }
}

/** Sets each parameter in the template's order, the first first, from the chain that holds the last first. */
function nameInOrder(params: Record<string, string>, names: string[], index: number, values: ParamValues): void {
  if (index < 0) return;
  nameInOrder(params, names, index - 1, values!.before);
  params[names[index]!] = values!.value;
}

/** Each segment of a path (without its leading slash) decoded; undefined when one does not decode. */
function decodedSegments(path: string): string[] | undefined {
  const segments = path.split('/');
  for (let index = 0; index < segments.length; index++) {
    if (!segments[index]!.includes('%')) continue;
    try {
      segments[index] = decodeURIComponent(segments[index]!);
    } catch {
      return undefined;
    }
  }
  return segments;
}

/** The `scheme://authority` of an absolute-form request target. */
const ABSOLUTE_FORM_ORIGIN = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i;

/**
 * A request target in origin form: as sent (`/v1/…`), or without the scheme and authority of an
 * absolute-form one (`https://api.complycube.com/v1/…`, as a client sends through a proxy).
 */
export const originForm = (target: string): string => (target.startsWith('/') ? target : target.replace(ABSOLUTE_FORM_ORIGIN, ''));

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
