import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CLI, startCli } from '../helpers/cli.js';
import { JANE_DOE_ID } from '../helpers/complycube.js';

const run = promisify(execFile);
const headers = { Authorization: 'test_cli', 'Content-Type': 'application/json' };

describe('the kyc-sandbox command', () => {
  it('prints its options with --help and its version with --version', async () => {
    const help = await run(process.execPath, [CLI, '--help']);
    for (const flag of ['--port', '--host', '--seed', '--clients', '--db', '--rate-limit', '--validate-responses']) {
      expect(help.stdout).toContain(flag);
    }
    const version = await run(process.execPath, [CLI, '--version']);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('refuses a bad option value with a message and a non-zero exit', async () => {
    await expect(run(process.execPath, [CLI, '--port', 'eighty'])).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('port must be a whole number'),
    });
    await expect(run(process.execPath, [CLI, '--port', '0', '--vendors', 'nobody'])).rejects.toMatchObject({
      stderr: expect.stringContaining('unknown vendor nobody'),
    });
  });

  it.each([
    ['an unknown key in the config file', ['--config', 'CONFIG'], `config CONFIG: unknown option 'rateLimt'; the options are port, host, seed,`],
    ['a config file that is not an object', ['--config', 'LIST'], 'config LIST must hold one JSON object of options'],
    ['--set for a vendor that does not exist', ['--set', 'stripe.key=x'], "setting for unknown vendor 'stripe'; the vendors are complycube,"],
    ['--set of a setting the vendor does not read', ['--set', 'cryptomate.webhookURL=http://127.0.0.1:9/'], "unknown setting 'cryptomate.webhookURL'; cryptomate's settings are webhookUrl, webhookKey"],
    ['--set for a vendor without settings', ['--set', 'complycube.region=eu'], "unknown setting 'complycube.region'; complycube has no settings"],
    ['an empty --vendors', ['--vendors', ''], 'vendors must name at least one vendor: leave it out to serve them all'],
    ['an empty --seed', ['--seed', ''], 'seed must not be empty: leave it out for the default, 42'],
  ])('refuses %s, naming it and what is valid', async (_case, args, message) => {
    const folder = mkdtempSync(join(tmpdir(), 'kyc-typo-'));
    const config = join(folder, 'kyc-sandbox.config.json');
    const list = join(folder, 'list.json');
    writeFileSync(config, JSON.stringify({ port: 0, rateLimt: 0 }));
    writeFileSync(list, '[1, 2]');
    const resolvedArgs = args.map((arg) => (arg === 'CONFIG' ? config : arg === 'LIST' ? list : arg));
    await expect(run(process.execPath, [CLI, '--port', '0', ...resolvedArgs])).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining(message.replace('CONFIG', config).replace('LIST', list)),
    });
  });

  it('prints the ready line with the real port and answers', async () => {
    const cli = await startCli(['--port', '0', '--log-level', 'silent']);
    try {
      expect(cli.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(cli.url).not.toMatch(/:0$/);
      expect(cli.stdout()).toBe(`kyc-sandbox listening on ${cli.url}\n`);
      const response = await fetch(`${cli.url}/v1/clients/${JANE_DOE_ID}`, { headers });
      expect(response.status).toBe(200);
      expect(((await response.json()) as { entityName: string }).entityName).toBe('Jane Doe');
    } finally {
      cli.child.kill('SIGINT');
      expect(await cli.exited).toBe(0);
    }
  });

  it('flushes --db on SIGTERM, and a restart serves what was written', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'kyc-cli-')), 'sandbox.json');
    const first = await startCli(['--port', '0', '--db', db, '--log-level', 'silent']);
    const update = await fetch(`${first.url}/v1/clients/${JANE_DOE_ID}`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ email: 'jane.restart@example.com' }),
    });
    expect(update.status).toBe(200);
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);

    const second = await startCli(['--port', '0', '--db', db, '--log-level', 'silent']);
    try {
      const response = await fetch(`${second.url}/v1/clients/${JANE_DOE_ID}`, { headers });
      expect(((await response.json()) as { email: string }).email).toBe('jane.restart@example.com');
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
  });
});
