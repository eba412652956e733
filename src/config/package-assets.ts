import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface StaticAsset {
  body: Buffer;
  contentType: string;
}

/**
 * The files of one folder of the package, served by name: only the names listed, each read once, so
 * no other name (`..%2Fpackage.json`) reaches the disk.
 */
export function assetFolder(folder: string, contentTypes: Record<string, string>): (file: string) => StaticAsset | undefined {
  const cache = new Map<string, Buffer>();
  return (file) => {
    const contentType = Object.hasOwn(contentTypes, file) ? contentTypes[file] : undefined;
    if (!contentType) return undefined;
    let body = cache.get(file);
    if (!body) cache.set(file, (body = readFileSync(join(folder, file))));
    return { body, contentType };
  };
}
