// Build step: the package's entry points bundled with their dependencies into dist/, so an install
// fetches one package instead of a hundred (the cold `npx` is mostly npm resolving and unpacking).
// Modules loaded only on demand stay separate chunks, out of a start's way: express (the first request
// with a body, or that no vendor claims), node-forge (the first use of the certificate authority),
// faker's other locales, a report. The YAML parser and reference resolver stay out, as a start reads
// the documents compiled at build.
import { build } from 'esbuild';

await build({
  entryPoints: {
    index: 'src/index.ts',
    'cli/main': 'src/cli/main.ts',
    register: 'src/register.ts',
    'testing/jest-global-setup': 'src/testing/jest-global-setup.ts',
    'testing/jest-global-teardown': 'src/testing/jest-global-teardown.ts',
    'spec/compile-documents': 'src/spec/compile-documents.ts',
  },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: 'chunks/[name]-[hash]',
  external: ['yaml', '@apidevtools/json-schema-ref-parser'],
  // Bundled CommonJS dependencies (express, pino) call require for Node's own modules.
  banner: { js: "import { createRequire as __kycCreateRequire } from 'node:module'; const require = __kycCreateRequire(import.meta.url);" },
  legalComments: 'linked',
  logLevel: 'warning',
});
