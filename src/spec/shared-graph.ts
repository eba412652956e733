/**
 * JSON for an object graph whose objects may be reached by more than one path, as a dereferenced
 * document's are (each `$ref` target is one object wherever it is used): each such object is written
 * once, in `shared`, and each place it is used holds `{ [SHARED]: index }`. Plain JSON would write
 * every use out in full, and parsing it would make as many copies: several times the text to parse
 * at start, and the memory to hold, for the same document. Cycles are kept too.
 *
 * Written here rather than taken from a library (flatted, devalue): decoding is the start's hot path,
 * and this one fills the parsed JSON in place, with no reviver called per value.
 */
const SHARED = '\u0000shared';

export interface SharedGraph {
  shared: unknown[];
  root: unknown;
}

type Container = Record<string, unknown> | unknown[];

const isContainer = (value: unknown): value is Container => typeof value === 'object' && value !== null;

export function encodeShared(root: unknown): SharedGraph {
  const uses = new Map<Container, number>();
  const count = (value: unknown): void => {
    if (!isContainer(value)) return;
    const seen = uses.get(value);
    uses.set(value, (seen ?? 0) + 1);
    if (seen !== undefined) return;
    for (const child of Object.values(value)) count(child);
  };
  count(root);
  const indexes = new Map<Container, number>();
  const shared: unknown[] = [];
  const encode = (value: unknown, asEntry = false): unknown => {
    if (!isContainer(value)) return value;
    if (!asEntry && uses.get(value)! > 1) {
      let index = indexes.get(value);
      if (index === undefined) {
        index = shared.length;
        indexes.set(value, index);
        shared.push(undefined);
        shared[index] = encode(value, true);
      }
      return { [SHARED]: index };
    }
    if (Array.isArray(value)) return value.map((item) => encode(item));
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, encode(item)]));
  };
  return { root: encode(root), shared };
}

export function decodeShared({ shared, root }: SharedGraph): unknown {
  const isReference = (value: Container): value is Record<string, number> => !Array.isArray(value) && SHARED in value;
  const fill = (value: unknown): void => {
    if (!isContainer(value)) return;
    if (Array.isArray(value)) {
      for (let index = 0; index < value.length; index++) {
        const item = value[index];
        if (isContainer(item)) {
          if (isReference(item)) value[index] = shared[item[SHARED]!];
          else fill(item);
        }
      }
      return;
    }
    for (const key in value) {
      const item = value[key];
      if (isContainer(item)) {
        if (isReference(item)) value[key] = shared[item[SHARED]!];
        else fill(item);
      }
    }
  };
  // Each entry is filled once, whatever the number of places that use it.
  for (const entry of shared) fill(entry);
  fill(root);
  // The root is a reference itself when a cycle comes back to it.
  return isContainer(root) && isReference(root) ? shared[root[SHARED]!] : root;
}
