import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CLI, startCli } from '../helpers/cli.js';
import { JANE_DOE_ID } from '../helpers/complycube.js';
import { startSandbox } from '../../src/server/start-sandbox.js';

const run = promisify(execFile);
const API_KEY = 'test_cli_drift_SECRET_9f8e7d';

describe('kyc-sandbox --upstream (the built command)', () => {
  it('refuses a plain http upstream without --allow-http-upstream', async () => {
    const refused = await run(process.execPath, [CLI, '--port', '0', '--upstream', 'complycube=http://127.0.0.1:9']).catch((error: { code: number; stderr: string }) => error);
    expect((refused as { code: number }).code).toBe(1);
    expect((refused as { stderr: string }).stderr).toMatch(/not https.*--allow-http-upstream/);
  });

  it('forwards, writes the report and the recording on stop, says a summary line, logs no credential; drift FILE renders the recording', async () => {
    const real = await startSandbox({ port: 0, rateLimit: 0 });
    const folder = mkdtempSync(join(tmpdir(), 'drift-cli-'));
    const cli = await startCli([
      '--port', '0', '--rate-limit', '0', '--log-level', 'trace',
      '--upstream', `complycube=${real.url}`, '--allow-http-upstream',
      '--drift-report', join(folder, 'report'), '--drift-record', join(folder, 'exchanges.jsonl'),
    ]);
    try {
      const headers = { authorization: API_KEY };
      expect((await fetch(`${cli.url}/v1/clients/${JANE_DOE_ID}`, { headers })).status).toBe(200);
      expect((await fetch(`${cli.url}/v1/clients/5eb04fcd0f3e3600080300ff`, { headers })).status).toBe(404);
      const markdown = await (await fetch(`${cli.url}/__sandbox/drift`, { headers: { accept: 'text/markdown' } })).text();
      expect(markdown).toContain('# Drift report');
      expect(await cli.stop()).toBe(0);
      expect(cli.stderr()).toContain('drift: 2 exchanges with complycube, no difference from the documents');
      const report = JSON.parse(readFileSync(join(folder, 'report.json'), 'utf8'));
      expect(report.exchanges).toBe(2);
      const rendered = await run(process.execPath, [CLI, 'drift', join(folder, 'exchanges.jsonl')]);
      expect(rendered.stdout).toContain('| complycube getClient: GET /v1/clients/{id} → 200 | 1 |');
      expect(rendered.stdout).toContain('| complycube getClient: GET /v1/clients/{id} → 404 | 1 |');
      const fromReport = await run(process.execPath, [CLI, 'drift', join(folder, 'report.json')]);
      expect(fromReport.stdout).toContain('| complycube getClient: GET /v1/clients/{id} → 200 | 1 |');
      expect(fromReport.stdout).toContain('| complycube getClient: GET /v1/clients/{id} → 404 | 1 |');
      for (const output of [cli.stderr(), cli.stdout(), rendered.stdout, readFileSync(join(folder, 'exchanges.jsonl'), 'utf8'), readFileSync(join(folder, 'report.md'), 'utf8')]) {
        expect(output).not.toContain(API_KEY);
      }
    } finally {
      await cli.stop();
      await real.stop();
    }
  });
});
