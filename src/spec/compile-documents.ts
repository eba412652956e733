import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { packagePath } from '../config/package-paths.js';
import { compiledPathOf, compiledText, parseDocument } from './load-spec.js';

/**
 * Build step: every document in `openapi/`, parsed and dereferenced into `dist/openapi/*.json`,
 * which a start reads in a few milliseconds instead of parsing YAML and resolving references.
 */
const folder = packagePath('openapi');
for (const name of readdirSync(folder).filter((file) => /\.ya?ml$/.test(file))) {
  const file = join(folder, name);
  const compiled = compiledPathOf(file);
  mkdirSync(dirname(compiled), { recursive: true });
  writeFileSync(compiled, compiledText(await parseDocument(file, { preferCompiled: false })));
}
