// Build step: the package's entry points bundled with their dependencies into dist/, so an install
// fetches one package instead of a hundred (the cold `npx` is mostly npm resolving and unpacking).
// In the library's build, modules loaded only on demand stay separate chunks, out of a start's way:
// express (the first request with a body, or that no vendor claims), node-forge (the first use of the
// certificate authority), faker's other locales, a report. The YAML parser and reference resolver stay
// out, as a start reads the documents compiled at build.
//
// The command is one CommonJS file of its own, dist/cli/command.cjs, which its entry (dist/cli/main.js)
// compiles from V8's code cache (see src/cli/main.cts): Node 20 takes a code cache for CommonJS only.
// The libraries it loads on demand are files of their own beside it (LOADED_APART below).
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { build } from 'esbuild';

const shared = {
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  target: 'node20',
  legalComments: 'linked',
  logLevel: 'warning',
};

await build({
  ...shared,
  entryPoints: {
    index: 'src/index.ts',
    register: 'src/register.ts',
    'testing/jest-global-setup': 'src/testing/jest-global-setup.ts',
    'testing/jest-global-teardown': 'src/testing/jest-global-teardown.ts',
    'spec/compile-documents': 'src/spec/compile-documents.ts',
  },
  splitting: true,
  format: 'esm',
  external: ['yaml', '@apidevtools/json-schema-ref-parser'],
  chunkNames: 'chunks/[name]-[hash]',
  // Bundled CommonJS dependencies (express, pino) call require for Node's own modules.
  banner: { js: "import { createRequire as __kycCreateRequire } from 'node:module'; const require = __kycCreateRequire(import.meta.url);" },
});

// Node's own modules that only some requests use (TLS for the proxy, https and zlib for an upstream or
// a webhook, dns for a webhook, readline and fs/promises for --db, child_process for commander's
// subcommands, which this command has none of) load when first used, not at every start: each require
// of one in the command's bundle is a stand-in that loads it on its first access. esbuild reads an
// imported member where it is used (`import_node_tls.connect(…)`), not when the module loads.
const ON_FIRST_USE = ['tls', 'https', 'zlib', 'dns', 'readline', 'fs/promises', 'child_process'];
const onFirstUse = `function __kycOnFirstUse(name) {
  let loaded;
  const load = () => (loaded ??= require(name));
  return new Proxy({}, {
    get: (_, key) => load()[key],
    has: (_, key) => key in load(),
    ownKeys: () => Reflect.ownKeys(load()),
    getOwnPropertyDescriptor: (_, key) => {
      const found = Reflect.getOwnPropertyDescriptor(load(), key);
      return found && { ...found, configurable: true };
    },
  });
}`;
const onFirstUseRequire = new RegExp(`\\brequire\\("(?:node:)?(${ON_FIRST_USE.join('|')})"\\)`, 'g');

// Libraries that only rare requests load, each by an import() in the sources: express (a body that
// is not plain JSON, a path no vendor claims), node-forge (the proxy's certificates), the YAML parser
// and reference resolver (a document whose build copy is stale). Inside the command's bundle they
// would be half its text, read at every start; each is a CommonJS file of its own beside it, which
// the bundle's import() requires when first asked for. (A script compiled from a code cache cannot
// import() under Node 20, but it can require.)
const LOADED_APART = {
  express: 'express',
  'node-forge': 'node-forge',
  yaml: 'yaml',
  '@apidevtools/json-schema-ref-parser': 'json-schema-ref-parser',
};
/** Beside the command's bundle, in dist/cli. */
const LOADED_APART_FOLDER = 'loaded-apart';
await build({
  ...shared,
  entryPoints: Object.fromEntries(Object.entries(LOADED_APART).map(([name, file]) => [`cli/${LOADED_APART_FOLDER}/${file}`, name])),
  format: 'cjs',
  outExtension: { '.js': '.cjs' },
});
const loadedApart = {
  name: 'loaded-apart',
  setup(builder) {
    builder.onResolve({ filter: /^[@a-z]/ }, ({ path, kind }) => {
      if (!Object.hasOwn(LOADED_APART, path)) return undefined;
      if (kind !== 'dynamic-import') throw new Error(`${path} is loaded apart from the command, so only by import(), not by a ${kind}`);
      return { path: `./${LOADED_APART_FOLDER}/${LOADED_APART[path]}.cjs`, external: true };
    });
  },
};

const command = await build({
  ...shared,
  entryPoints: { 'cli/command': 'src/cli/command.ts' },
  outExtension: { '.js': '.cjs' },
  format: 'cjs',
  define: { 'import.meta.url': '__kycModuleUrl' },
  banner: { js: `const __kycModuleUrl = require('node:url').pathToFileURL(__filename).href;\n${onFirstUse}` },
  plugins: [loadedApart],
  supported: { 'dynamic-import': false },
  write: false,
});
let commandSource;
for (const file of command.outputFiles) {
  if (!file.path.endsWith('.cjs')) {
    writeFileSync(file.path, file.contents);
    continue;
  }
  // esbuild escapes what is not ASCII in code but leaves comments as they are: a single `…` in one
  // makes V8 hold the whole source two bytes a character. Wrapped as Node wraps a CommonJS module (on
  // the first line, so that stack traces keep their line numbers), for the entry to compile it as read.
  const source = file.text
    .replace(/[\u0080-\uffff]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(onFirstUseRequire, (_, name) => `__kycOnFirstUse("node:${name}")`);
  commandSource = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
  writeFileSync(file.path, commandSource);
}

await build({
  ...shared,
  entryPoints: { 'cli/main': 'src/cli/main.cts' },
  format: 'cjs',
  define: { COMMAND_SOURCE_HASH: JSON.stringify(createHash('sha256').update(commandSource).digest('hex')) },
});
// The package is ESM; the command's entry is CommonJS.
writeFileSync('dist/cli/package.json', '{ "type": "commonjs" }\n');
