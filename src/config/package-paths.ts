import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The package's root folder, found upwards from this code: as source (src/config), compiled, or
 * bundled into a file at another depth (dist/index.js, dist/cli/command.cjs, a shared chunk).
 */
function findPackageRoot(): URL {
  for (let folder = new URL('./', import.meta.url); ; folder = new URL('../', folder)) {
    const manifest = new URL('package.json', folder);
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'kyc-sandbox') return folder;
    if (folder.pathname === '/') throw new Error(`kyc-sandbox cannot find its package.json above ${fileURLToPath(import.meta.url)}`);
  }
}

const packageRoot = findPackageRoot();

/** An absolute path inside the installed package (`openapi/…`, `fixtures/…`). */
export function packagePath(...segments: string[]): string {
  return fileURLToPath(new URL(segments.join('/'), packageRoot));
}

/** The package's version, from its package.json. */
export const PACKAGE_VERSION = (JSON.parse(readFileSync(packagePath('package.json'), 'utf8')) as { version: string }).version;
