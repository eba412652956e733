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

const tsc = join(root, 'node_modules', '.bin', 'tsc');

/** The `file(line,column): error TSnnnn` heads of what `tsc` says of a module of handlers, under the project's options. */
async function typeErrors(source: string): Promise<string[]> {
  const folder = mkdtempSync(join(tmpdir(), 'typed-handlers-'));
  try {
    writeFileSync(join(folder, 'handlers.mts'), source.replaceAll('@src/', `${join(root, 'src')}/`));
    writeFileSync(
      join(folder, 'tsconfig.json'),
      JSON.stringify({
        extends: join(root, 'tsconfig.json'),
        compilerOptions: { rootDir: '/', typeRoots: [join(root, 'node_modules', '@types')], types: ['node'] },
        include: ['handlers.mts'],
      }),
    );
    const outcome = await run(tsc, ['--noEmit', '-p', folder], { cwd: folder }).then(
      ({ stdout }) => stdout,
      (error: Outcome) => error.stdout,
    );
    return outcome.split('\n').flatMap((line) => /^handlers\.mts\(\d+,\d+\): error TS\d+/.exec(line) ?? []);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

// Issue 16, item 4: `tsc` checks what a handler answers against the document — the status, and the body and required
// headers that status declares — for every vendor.
describe('handler responses typed by the documents', () => {
  test('a body or status the document does not declare is a type error; a documented one is not', async () => {
    const source = [
      "import type { OperationHandler } from '@src/vendors/contract.js';",
      "import type { operations as CryptoMate } from '@src/vendors/cryptomate/generated/openapi.js';",
      "import type { operations as B2Core } from '@src/vendors/b2core/generated/openapi.js';",
      "import type { operations as ComplyCube } from '@src/vendors/complycube/generated/openapi.js';",
      "import type { operations as Send } from '@src/vendors/send/generated/openapi.js';",
      // Line 6: CryptoMate's client is `{id, company_id, type, status, created_at, updated_at, …}`.
      "const clientWithoutFields: OperationHandler<CryptoMate['getClient']> = () => ({ status: 200, body: { id: 'client_1' } });",
      // Line 7: its deletion answers 200 `{}`, not 204; every answer carries the X-Trace-Id it documents (line 9).
      "const deletedWith204: OperationHandler<CryptoMate['deleteClient']> = () => ({ status: 204 });",
      "const deleted: OperationHandler<CryptoMate['deleteClient']> = () => ({ status: 200, body: {}, headers: { 'x-trace-id': '0af7' } });",
      "const deletedWithoutTraceId: OperationHandler<CryptoMate['deleteClient']> = () => ({ status: 200, body: {} });",
      // Line 10: B2Core's 204 has no content.
      "const b2coreDeletedWithBody: OperationHandler<B2Core['deleteClient']> = () => ({ status: 204, body: {} });",
      "const b2coreDeleted: OperationHandler<B2Core['deleteClient']> = () => ({ status: 204 });",
      // Line 12: a page of phones is `{total, data}`, and `total` a number.
      "const phonesCountedInText: OperationHandler<B2Core['listPhones']> = () => ({ status: 200, body: { total: '0', data: [] } });",
      "const noPhones: OperationHandler<B2Core['listPhones']> = () => ({ status: 200, body: { total: 0, data: [] } });",
      // Line 14: ComplyCube's account info is answered with 200, not 201; its plan is `sandbox` or `live` (line 15).
      "const undocumentedStatus: OperationHandler<ComplyCube['getAccountInfo']> = () => ({ status: 201 });",
      "const trialPlan: OperationHandler<ComplyCube['getAccountInfo']> = () => ({ status: 200, body: { username: 'Jane Doe', plan: 'trial', remainingCredit: 1000 } });",
      "const account: OperationHandler<ComplyCube['getAccountInfo']> = () => ({ status: 200, body: { username: 'Jane Doe', plan: 'sandbox', remainingCredit: 1000 } });",
      // Line 17: a SEND CIP tag's status is SUBMIT, REVIEWING, VERIFIED, FAILED or REQUESTED.
      "const tagActive: OperationHandler<Send['getCipInfo']> = () => ({ status: 200, body: { result: [{ tag: 'SSN', status: 'ACTIVE' }] } });",
      "const tagVerified: OperationHandler<Send['getCipInfo']> = () => ({ status: 200, body: { result: [{ tag: 'SSN', status: 'VERIFIED' }] } });",
      'export { clientWithoutFields, deletedWith204, deleted, deletedWithoutTraceId, b2coreDeletedWithBody, b2coreDeleted,',
      '  phonesCountedInText, noPhones, undocumentedStatus, trialPlan, account, tagActive, tagVerified };',
    ].join('\n');
    expect(await typeErrors(source)).toEqual([
      expect.stringMatching(/^handlers\.mts\(6,\d+\): error TS2322/),
      expect.stringMatching(/^handlers\.mts\(7,\d+\): error TS2322/),
      expect.stringMatching(/^handlers\.mts\(9,\d+\): error TS2322/),
      expect.stringMatching(/^handlers\.mts\(10,\d+\): error TS2322/),
      expect.stringMatching(/^handlers\.mts\(12,\d+\): error TS2322/),
      expect.stringMatching(/^handlers\.mts\(14,\d+\): error TS2322/),
      expect.stringMatching(/^handlers\.mts\(15,\d+\): error TS2322/),
      expect.stringMatching(/^handlers\.mts\(17,\d+\): error TS2322/),
    ]);
  }, 60_000);
});
