import { fileURLToPath } from 'node:url';

// This file sits two levels below the package root both as source (src/config) and built (dist/config).
const packageRoot = new URL('../../', import.meta.url);

/** An absolute path inside the installed package (`openapi/…`, `fixtures/…`). */
export function packagePath(...segments: string[]): string {
  return fileURLToPath(new URL(segments.join('/'), packageRoot));
}
