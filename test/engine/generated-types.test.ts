import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..', '..');
const script = join(root, 'scripts', 'generate-types.mjs');
const VENDORS = ['complycube', 'cryptomate', 'b2core', 'send'];
const generated = (base: string, vendor: string) => join(base, 'src', 'vendors', vendor, 'generated', 'openapi.ts');

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}
const check = (...args: string[]): Promise<Outcome> =>
  run(process.execPath, [script, '--check', ...args]).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: Outcome) => error,
  );

// Handlers are typed by src/vendors/<vendor>/generated/openapi.ts, committed so that `npm run typecheck`
// needs no generation step: a document changed without `npm run generate:types` fails here.
describe('types generated from the vendors’ documents', () => {
  test('every committed file is what its current document generates', async () => {
    expect(await check()).toEqual({ code: 0, stdout: '', stderr: '' });
  }, 60_000);

  test('a file that differs from its document is named as stale', async () => {
    const copy = mkdtempSync(join(tmpdir(), 'generated-types-'));
    try {
      for (const vendor of VENDORS) cpSync(generated(root, vendor), generated(copy, vendor));
      const file = generated(copy, 'send');
      writeFileSync(file, readFileSync(file, 'utf8').replace('registerUser', 'registerAUser'));
      const outcome = await check('--in', copy);
      expect(outcome.code).toBe(1);
      expect(outcome.stderr).toContain('stale: src/vendors/send/generated/openapi.ts (run npm run generate:types)');
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  }, 60_000);
});
