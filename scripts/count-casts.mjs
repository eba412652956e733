// Counts the type casts and non-null assertions in a source tree (issue 16), by syntax tree rather than
// by text, so that `as` in a word, a comment or a string and `!` as negation are not counted. A cast is
// any `x as T` or `<T>x` except `as const`, which asserts nothing about a value; `satisfies` checks
// rather than asserts and is not counted. Files under a `generated/` folder are the generator's, not ours.
//
//   node scripts/count-casts.mjs [dir=src/vendors] [--list]
//
// prints one line per file with any, then the totals by the first folder under <dir>.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { parseSync } from '@swc/core';

const args = process.argv.slice(2);
const list = args.includes('--list');
const dir = args.find((arg) => !arg.startsWith('--')) ?? 'src/vendors';

function* sources(folder) {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'generated' && entry.name !== 'node_modules') yield* sources(path);
    } else if (/\.(c|m)?tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) yield path;
  }
}

/** Every cast and non-null assertion in a syntax tree, with its byte offset. */
function assertions(node, found = []) {
  if (Array.isArray(node)) for (const child of node) assertions(child, found);
  else if (node && typeof node === 'object') {
    if (node.type === 'TsAsExpression' || node.type === 'TsTypeAssertion') found.push({ kind: 'as', at: node.span.start });
    else if (node.type === 'TsNonNullExpression') found.push({ kind: '!', at: node.span.end });
    for (const key in node) if (key !== 'span') assertions(node[key], found);
  }
  return found;
}

const totals = new Map();
let all = { as: 0, '!': 0 };
for (const path of [...sources(dir)].sort()) {
  const text = readFileSync(path, 'utf8');
  const module = parseSync(text, { syntax: 'typescript', tsx: path.endsWith('x'), target: 'es2022' });
  // swc's spans count bytes from a per-process base: the module's own span says where this file starts.
  const base = module.span.start;
  const bytes = Buffer.from(text);
  const lineOf = (at) => bytes.subarray(0, at - base).toString().split('\n').length;
  const found = assertions(module.body);
  if (found.length === 0) continue;
  const counts = { as: found.filter((f) => f.kind === 'as').length, '!': found.filter((f) => f.kind === '!').length };
  const file = relative(dir, path);
  const group = file.includes(sep) ? file.split(sep)[0] : '(top)';
  const total = totals.get(group) ?? { as: 0, '!': 0 };
  total.as += counts.as;
  total['!'] += counts['!'];
  totals.set(group, total);
  all = { as: all.as + counts.as, '!': all['!'] + counts['!'] };
  const where = list ? `  ${found.map((f) => `${f.kind}@${lineOf(f.at)}`).join(' ')}` : '';
  console.log(`${file}: ${counts.as} as, ${counts['!']} !${where}`);
}
console.log('');
for (const [group, total] of [...totals].sort()) console.log(`${group}: ${total.as} as, ${total['!']} !`);
console.log(`total: ${all.as} as, ${all['!']} !`);
