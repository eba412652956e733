import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packagePath } from '../../src/config/package-paths.js';
import { startCommand } from '../helpers/cli.js';
import { JANE_DOE_ID } from '../helpers/complycube.js';

// Packing and installing from the registry takes a while on a cold cache.
const PACK_TIMEOUT_MS = 240_000;

describe('the published package', () => {
  it('runs as `npx kyc-sandbox` from its tarball in an empty folder', async () => {
    const packDir = mkdtempSync(join(tmpdir(), 'kyc-pack-'));
    execFileSync('npm', ['pack', '--silent', '--pack-destination', packDir], { cwd: packagePath(), stdio: 'pipe' });
    const tarballName = readdirSync(packDir).find((name) => name.endsWith('.tgz'))!;
    const emptyDir = mkdtempSync(join(tmpdir(), 'kyc-npx-'));
    // As a user runs it: npx takes `./file.tgz` for a package, where a bare absolute path is taken for a command.
    copyFileSync(join(packDir, tarballName), join(emptyDir, tarballName));
    const tarball = `./${tarballName}`;

    const help = execFileSync('npx', ['--yes', tarball, '--help'], { cwd: emptyDir, encoding: 'utf8' });
    expect(help).toContain('Usage: kyc-sandbox');

    const cli = await startCommand('npx', ['--yes', tarball, '--port', '0', '--log-level', 'silent'], { cwd: emptyDir, timeoutMs: 120_000 });
    try {
      const response = await fetch(`${cli.url}/v1/clients/${JANE_DOE_ID}`, { headers: { Authorization: 'test_npx' } });
      expect(response.status).toBe(200);
      expect(((await response.json()) as { id: string }).id).toBe(JANE_DOE_ID);
    } finally {
      cli.child.kill('SIGTERM');
      await cli.exited;
    }
  }, PACK_TIMEOUT_MS);
});
