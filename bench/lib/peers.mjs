// Peers fetched on demand into bench/.peers (git-ignored), at pinned versions: never dependencies of
// the package. The pins are the newest releases whose `engines` accept Node 20 (json-server
// 1.0.0-beta.4+ needs Node 22.12, @stoplight/prism-cli 5.15+ needs Node 24).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const PINNED = {
  'json-server': '1.0.0-beta.3',
  '@stoplight/prism-cli': '5.14.2',
};

function installedVersion(dir, name) {
  const file = join(dir, 'node_modules', name, 'package.json');
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')).version : undefined;
}

/** Installs the pinned peers unless already there; returns `{ name: version | undefined }` and any error. */
export function ensurePeers(dir) {
  const missing = Object.entries(PINNED).filter(([name, version]) => installedVersion(dir, name) !== version);
  let error;
  if (missing.length > 0) {
    process.stderr.write(`bench: installing ${missing.map(([n, v]) => `${n}@${v}`).join(' ')} into ${dir}\n`);
    const result = spawnSync(
      'npm',
      ['install', '--prefix', dir, '--no-audit', '--no-fund', '--loglevel=error', ...Object.entries(PINNED).map(([n, v]) => `${n}@${v}`)],
      { stdio: ['ignore', 'inherit', 'inherit'], timeout: 240_000 },
    );
    if (result.status !== 0) error = `npm install of the peers failed (${result.error?.message ?? `exit ${result.status}`})`;
  }
  const versions = Object.fromEntries(Object.keys(PINNED).map((name) => [name, installedVersion(dir, name)]));
  return { versions, error };
}

export const jsonServerBin = (dir) => join(dir, 'node_modules', 'json-server', 'lib', 'bin.js');
export const prismBin = (dir) => join(dir, 'node_modules', '@stoplight', 'prism-cli', 'dist', 'index.js');
