import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/**
 * The folders of `src/` (docs/architecture.md) depend on each other one way: a folder that imports
 * another, directly or through others, is never imported back by it, type imports included. Each vendor's
 * folder counts as its own.
 */
const root = resolve('src');

function folderOf(file: string): string {
  const [first, second, ...rest] = relative(root, file).split('/');
  if (second === undefined) return '(top)';
  return first === 'vendors' && rest.length > 0 ? `vendors/${second}` : first!;
}

function dependencies(): Map<string, Set<string>> {
  const edges = new Map<string, Set<string>>();
  const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.ts')).map((name) => join(root, name));
  for (const file of files) {
    for (const [, specifier] of readFileSync(file, 'utf8').matchAll(/(?:import|export)[^'"]*?from\s+['"](\.[^'"]+)['"]/g)) {
      const from = folderOf(file);
      const to = folderOf(resolve(dirname(file), specifier!));
      if (from !== to) edges.set(from, (edges.get(from) ?? new Set()).add(to));
    }
  }
  return edges;
}

/** Each cycle found as the path that closes it, by a depth-first walk. */
function cycles(edges: Map<string, Set<string>>): string[] {
  const found: string[] = [];
  const done = new Set<string>();
  const walk = (folder: string, path: string[]) => {
    if (path.includes(folder)) {
      found.push([...path.slice(path.indexOf(folder)), folder].join(' → '));
      return;
    }
    if (done.has(folder)) return;
    for (const next of edges.get(folder) ?? []) walk(next, [...path, folder]);
    done.add(folder);
  };
  for (const folder of edges.keys()) walk(folder, []);
  return found;
}

describe('folders of src', () => {
  it('import each other without a cycle', () => {
    const edges = dependencies();
    expect(edges.size).toBeGreaterThan(10);
    expect(cycles(edges)).toEqual([]);
  });

  it('keep vendors apart: only the registry and the package entry (its per-vendor types) name a vendor, and no vendor imports another', () => {
    const vendorEdges = [...dependencies()].flatMap(([from, to]) => [...to].filter((folder) => folder.startsWith('vendors/')).map((folder) => `${from} → ${folder}`));
    expect(vendorEdges.filter((edge) => !edge.startsWith('registry → ') && !edge.startsWith('(top) → '))).toEqual([]);
    expect(vendorEdges.length).toBeGreaterThanOrEqual(4);
  });

  it('would see a cycle if one were there', () => {
    const edges = new Map([['control', new Set(['dashboard'])], ['dashboard', new Set(['config', 'control'])]]);
    expect(cycles(edges)).toEqual(['control → dashboard → control']);
  });
});
