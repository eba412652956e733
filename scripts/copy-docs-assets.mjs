// Copies the browser files of swagger-ui that the docs page serves, with their licence notices,
// from the swagger-ui-dist devDependency into dist/docs-assets: only these ship in the package.
// Builds the dashboard's browser files beside them.
import { copyFileSync, mkdirSync } from 'node:fs';
import { build } from 'esbuild';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const source = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
const target = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'docs-assets');
mkdirSync(target, { recursive: true });
for (const file of [
  'swagger-ui.css',
  'swagger-ui-bundle.js',
  'swagger-ui-bundle.js.LICENSE.txt',
  'swagger-ui-standalone-preset.js',
  'swagger-ui-standalone-preset.js.LICENSE.txt',
]) {
  copyFileSync(join(source, file), join(target, file));
}
copyFileSync(join(source, 'LICENSE'), join(target, 'swagger-ui-LICENSE'));
copyFileSync(join(source, 'NOTICE'), join(target, 'swagger-ui-NOTICE'));

// The dashboard's script, from TypeScript to one browser module, and its style, into dist/dashboard-assets.
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dashboard = join(root, 'dist', 'dashboard-assets');
await build({
  entryPoints: [join(root, 'src', 'dashboard', 'client', 'dashboard.ts')],
  outfile: join(dashboard, 'dashboard.js'),
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  logLevel: 'warning',
});
copyFileSync(join(root, 'src', 'dashboard', 'client', 'dashboard.css'), join(dashboard, 'dashboard.css'));
