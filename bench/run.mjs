// Measures kyc-sandbox against peers run side by side on this machine, and writes bench/RESULTS.md.
// Figures are ratios from one run; absolute numbers depend on the machine.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const root = fileURLToPath(new URL('..', import.meta.url));
const JANE = '5eb04fcd0f3e360008035eb1';
const KEY = 'test_bench';
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = 32;

function launch(command, args, env = {}) {
  const started = performance.now();
  const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const match = /(http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) resolve({ child, url: match[1], started });
    });
    child.once('exit', (code) => reject(new Error(`${command} ${args.join(' ')} exited with ${code}`)));
  });
}

/** Milliseconds from spawning the process to its first 200 on the given path. */
async function startToFirst200(command, args, path, headers, env) {
  const { child, url, started } = await launch(command, args, env);
  for (;;) {
    const response = await fetch(url + path, { headers }).catch(() => undefined);
    if (response?.status === 200) {
      await response.arrayBuffer();
      const elapsed = performance.now() - started;
      return { elapsed, child, url };
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

function load(url, headers) {
  return new Promise((resolve, reject) => {
    autocannon({ url, headers, connections: CONNECTIONS, duration: DURATION_S }, (error, result) => {
      if (error) reject(error);
      else if (result.non2xx > 0 || result.errors > 0) reject(new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`));
      else resolve({ rps: result.requests.average, p99: result.latency.p99 });
    });
  });
}

const stop = (child) => new Promise((resolve) => {
  child.once('exit', resolve);
  child.kill('SIGTERM');
});

const sandboxArgs = ['dist/cli/main.js', '--port', '0', '--rate-limit', '1000000', '--log-level', 'warn'];
const sandbox = await startToFirst200(process.execPath, sandboxArgs, `/v1/clients/${JANE}`, { Authorization: KEY });
const body = await (await fetch(`${sandbox.url}/v1/clients/${JANE}`, { headers: { Authorization: KEY } })).text();
const sandboxGet = await load(`${sandbox.url}/v1/clients/${JANE}`, { Authorization: KEY });
await stop(sandbox.child);

const express = await startToFirst200(process.execPath, ['bench/peers/express-minimal.mjs'], `/v1/clients/${JANE}`, {}, { BENCH_BODY: body });
const expressGet = await load(`${express.url}/v1/clients/${JANE}`, {});
await stop(express.child);

const ratio = (a, b) => (a / b).toFixed(2);
const rows = [
  ['start → first 200 (ms)', sandbox.elapsed.toFixed(0), express.elapsed.toFixed(0), ratio(sandbox.elapsed, express.elapsed)],
  ['GET client by id (req/s)', sandboxGet.rps.toFixed(0), expressGet.rps.toFixed(0), ratio(sandboxGet.rps, expressGet.rps)],
  ['GET client by id p99 (ms)', sandboxGet.p99, expressGet.p99, ratio(sandboxGet.p99, expressGet.p99)],
];
const table = [
  '| measure | kyc-sandbox | minimal Express 5 route | ratio |',
  '| --- | ---: | ---: | ---: |',
  ...rows.map((row) => `| ${row.join(' | ')} |`),
].join('\n');
const report = `# Benchmark results

One run of \`npm run bench\`, ${new Date().toISOString().slice(0, 10)}: ${CONNECTIONS} connections, ${DURATION_S} s per load,
autocannon ${autocannon.version ?? ''} on ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}.
kyc-sandbox runs as shipped (auth, validation, rate limiting raised out of the way); the peer serves the same JSON body.

${table}
`;
writeFileSync(new URL('RESULTS.md', import.meta.url), report);
process.stdout.write(report);
