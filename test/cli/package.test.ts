import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packagePath } from '../../src/config/package-paths.js';
import { startCommand } from '../helpers/cli.js';
import { JANE_DOE_ID } from '../helpers/complycube.js';

/**
 * Every way the README gives to run the package, as a user runs it: in an empty folder, from the
 * registry's cache. Installing takes a while on a cold cache, hence the long timeouts.
 */
const INSTALL_TIMEOUT_MS = 300_000;
const version = (name: string) => (JSON.parse(readFileSync(packagePath('node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;

let packDir: string;
let tarballName: string;
const folders: string[] = [];
const emptyFolder = (prefix: string) => {
  const folder = mkdtempSync(join(tmpdir(), prefix));
  folders.push(folder);
  return folder;
};

beforeAll(() => {
  packDir = emptyFolder('kyc-pack-');
  // `npm test` has built dist already; packing must not rebuild it under the other test files' feet.
  execFileSync('npm', ['pack', '--silent', '--ignore-scripts', '--pack-destination', packDir], { cwd: packagePath(), stdio: 'pipe' });
  tarballName = readdirSync(packDir).find((name) => name.endsWith('.tgz'))!;
});
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

async function expectServes(command: string, args: string[], cwd: string): Promise<void> {
  const cli = await startCommand(command, args, { cwd, timeoutMs: INSTALL_TIMEOUT_MS - 30_000 });
  try {
    const response = await fetch(`${cli.url}/v1/clients/${JANE_DOE_ID}`, { headers: { Authorization: 'test_npx' } });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { id: string }).id).toBe(JANE_DOE_ID);
    // The dashboard's page and the script it loads, from the installed package's dist.
    const dashboard = await Promise.all(['/__sandbox/', '/__sandbox/dashboard/assets/dashboard.js'].map(async (path) => (await fetch(cli.url + path)).status));
    expect(dashboard).toEqual([200, 200]);
    // A path no vendor claims is answered by express, a file of the package's own that the command requires when first needed.
    const unclaimed = await fetch(`${cli.url}/no-vendor-here`);
    expect(unclaimed.status).toBe(404);
    expect(await unclaimed.json()).toEqual({ message: 'No vendor serves GET /no-vendor-here; the vendors and their base paths are at /__sandbox/docs' });
  } finally {
    await cli.stop();
  }
  // npx and npm run the sandbox as their child: stopping the group leaves nothing listening, once the
  // sandbox (which outlives npx by its own graceful stop) has exited too.
  await expect(untilRefused(`${cli.url}/__sandbox/health`, 3000)).rejects.toThrow();
}

/** Fetches the URL until the connection is refused (the rejection), or answers what it answered after `withinMs`. */
async function untilRefused(url: string, withinMs: number): Promise<Response> {
  for (const deadline = Date.now() + withinMs; ; ) {
    const response = await fetch(url);
    if (Date.now() > deadline) return response;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The README's fenced block that starts with `firstLine`, as written. */
function readmeBlock(firstLine: string): string {
  const readme = readFileSync(packagePath('README.md'), 'utf8');
  const block = [...readme.matchAll(/```\w*\n([\s\S]*?)```/g)].map((match) => match[1]!).find((text) => text.startsWith(firstLine));
  if (!block) throw new Error(`README has no code block starting with ${firstLine}`);
  return block;
}

describe('the package, run every way the README gives', () => {
  it('runs from its tarball in an empty folder: npx --yes --package=./kyc-sandbox-X.tgz kyc-sandbox', async () => {
    const folder = emptyFolder('kyc-npx-');
    copyFileSync(join(packDir, tarballName), join(folder, tarballName));
    const npxArgs = ['--yes', `--package=./${tarballName}`, 'kyc-sandbox'];
    const help = execFileSync('npx', [...npxArgs, '--help'], { cwd: folder, encoding: 'utf8' });
    expect(help).toContain('Usage: kyc-sandbox');
    await expectServes('npx', [...npxArgs, '--port', '0', '--log-level', 'silent'], folder);
  }, INSTALL_TIMEOUT_MS);

  it('runs from a git URL, building itself on install: npx --yes --package=git+file:///… kyc-sandbox', async () => {
    const folder = emptyFolder('kyc-git-');
    await expectServes('npx', ['--yes', `--package=git+file://${packagePath()}`, 'kyc-sandbox', '--port', '0', '--log-level', 'silent'], folder);
  }, INSTALL_TIMEOUT_MS);

  it('runs from a checkout: npm start -- --port 0', async () => {
    await expectServes('npm', ['start', '--silent', '--', '--port', '0', '--log-level', 'silent'], packagePath());
  }, 120_000);
});

describe('a consumer project with the tarball installed', () => {
  let consumer: string;
  beforeAll(() => {
    consumer = emptyFolder('kyc-consumer-');
    writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, scripts: { test: 'jest' } }));
    copyFileSync(join(packDir, tarballName), join(consumer, tarballName));
    const install = spawnSync(
      'npm',
      [
        'install', '--no-audit', '--no-fund', '--prefer-offline', `./${tarballName}`,
        `jest@${version('jest')}`, `@complycube/api@${version('@complycube/api')}`,
        `typescript@${version('typescript')}`, `@types/node@${version('@types/node')}`,
      ],
      { cwd: consumer, encoding: 'utf8' },
    );
    if (install.status !== 0) throw new Error(`npm install failed:\n${install.stderr}`);
  }, INSTALL_TIMEOUT_MS);

  it('passes a burst of ComplyCube SDK calls and an unknown id with the README’s jest configuration, verbatim', () => {
    writeFileSync(join(consumer, 'jest.config.cjs'), readmeBlock('// jest.config.cjs'));
    writeFileSync(
      join(consumer, 'sdk.test.js'),
      `const { ComplyCube } = require('@complycube/api');

const complycube = new ComplyCube({ apiKey: 'test_consumer' });
complycube.axiosInstance.defaults.baseURL = process.env.KYC_SANDBOX_URL + '/v1';

test('eight creates in one burst, each answered', async () => {
  const created = await Promise.all(
    Array.from({ length: 8 }, (_, index) =>
      complycube.client.create({ type: 'person', email: 'p' + index + '@example.com', personDetails: { firstName: 'Ada', lastName: 'Lovelace' } }),
    ),
  );
  expect(new Set(created.map((client) => client.id)).size).toBe(8);
});

test('an unknown id is ComplyCube’s 404, not a 429', async () => {
  await expect(complycube.client.get('000000000000000000000000')).rejects.toMatchObject({ statusCode: 404, type: 'resource_not_found' });
});
`,
    );
    // The consumer's jest, not a worker of this one: none of this run's settings leak into it.
    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('JEST') && name !== 'NODE_OPTIONS'));
    const run = spawnSync('npx', ['jest', '--ci'], { cwd: consumer, encoding: 'utf8', env });
    expect(run.stderr).toMatch(/Tests:\s+2 passed, 2 total/);
    expect(run.status).toBe(0);
  }, 120_000);

  it('type-checks a TypeScript consumer with skipLibCheck off and NodeNext modules, each vendor’s types from kyc-sandbox/types/<vendor>', () => {
    writeFileSync(
      join(consumer, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', target: 'es2022', strict: true, skipLibCheck: false, noEmit: true, types: ['node'] },
        files: ['start.mts'],
      }),
    );
    writeFileSync(
      join(consumer, 'start.mts'),
      `import { startSandbox, type Sandbox, type SandboxOptions, type DeliveryRecord } from 'kyc-sandbox';
import globalSetup from 'kyc-sandbox/jest/global-setup';
import type { operations as ComplyCubeOperations } from 'kyc-sandbox/types/complycube';
import type { components as CryptoMate } from 'kyc-sandbox/types/cryptomate';
import type { paths as B2CorePaths } from 'kyc-sandbox/types/b2core';
import type { operations as SendOperations } from 'kyc-sandbox/types/send';

const options: SandboxOptions = { port: 0, rateLimit: 0, seed: 'ci' };
const sandbox: Sandbox = await startSandbox(options);
const deliveries: DeliveryRecord[] = sandbox.webhookDeliveries();
console.log(sandbox.url, deliveries.length, typeof globalSetup);
await sandbox.stop();

// Each vendor's document as types, one subpath per vendor.
const signIn: B2CorePaths['/api/v2/signin']['post']['requestBody']['content']['application/json'] = { email: 'admin@b2core.example', password: 'secret' };
// @ts-expect-error a CryptoMate client is 'individual' or 'business'
const person: Pick<CryptoMate['schemas']['Client'], 'type'> = { type: 'person' };
const found: ComplyCubeOperations['getClient']['responses'][200]['content']['application/json']['type'] = 'company';
const operation: keyof SendOperations = 'registerUser';
console.log(signIn, person, found, operation);
`,
    );
    const check = spawnSync('npx', ['tsc', '-p', '.'], { cwd: consumer, encoding: 'utf8' });
    expect(check.stdout + check.stderr).toBe('');
    expect(check.status).toBe(0);
  }, 120_000);
});
