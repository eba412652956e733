// `npm run bench:install`: what a user pays before the first answer. kyc-sandbox from its packed
// tarball, json-server and Prism from the registry, each installed the same way into an empty folder
// (size on disk, packages) and started the same way with a cold `npx` (no earlier npx install; npm's
// download cache warm for all three, so the network is out of the comparison). Writes its section of
// bench/RESULTS.md, between the `install` markers, leaving the rest as `npm run bench` wrote it.
//
// Knobs (environment): BENCH_NPX_RUNS (cold starts per package, median kept; 3).
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PINNED } from './lib/peers.mjs';
import { firstOk, freePort, launch, stop } from './lib/processes.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const RUNS = Math.max(1, Number(process.env.BENCH_NPX_RUNS ?? 3));
const JANE = '5eb04fcd0f3e360008035eb1';
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

const packDir = mkdtempSync(join(tmpdir(), 'kyc-bench-pack-'));
execFileSync('npm', ['pack', '--silent', '--ignore-scripts', '--pack-destination', packDir], { cwd: root, stdio: 'pipe' });
const tarball = join(packDir, readdirSync(packDir).find((name) => name.endsWith('.tgz')));

const subjects = [
  {
    label: `kyc-sandbox ${version} (tarball)`,
    spec: (folder) => {
      copyFileSync(tarball, join(folder, 'kyc-sandbox.tgz'));
      return './kyc-sandbox.tgz';
    },
    bin: 'kyc-sandbox',
    args: (port) => ['--port', String(port), '--log-level', 'silent'],
    probe: { path: `/v1/clients/${JANE}`, headers: { Authorization: 'test_bench' } },
  },
  {
    label: `json-server ${PINNED['json-server']}`,
    spec: (folder) => {
      writeFileSync(join(folder, 'db.json'), JSON.stringify({ clients: [{ id: JANE }] }));
      return `json-server@${PINNED['json-server']}`;
    },
    bin: 'json-server',
    args: (port) => ['db.json', '--port', String(port)],
    probe: { path: `/clients/${JANE}` },
  },
  {
    label: `Prism ${PINNED['@stoplight/prism-cli']}`,
    spec: (folder) => {
      copyFileSync(join(root, 'openapi', 'complycube.yaml'), join(folder, 'complycube.yaml'));
      return `@stoplight/prism-cli@${PINNED['@stoplight/prism-cli']}`;
    },
    bin: 'prism',
    args: (port) => ['mock', '-h', '127.0.0.1', '-p', String(port), '-v', 'silent', 'complycube.yaml'],
    probe: { path: `/v1/clients/${JANE}`, headers: { Authorization: 'test_bench' } },
  },
];

function du(path) {
  return Number(execFileSync('du', ['-sb', path], { encoding: 'utf8' }).split('\t')[0]);
}

/** Installed as a dependency of an empty project: bytes under node_modules and packages in the lock. */
function installed(subject) {
  const folder = mkdtempSync(join(tmpdir(), 'kyc-bench-install-'));
  writeFileSync(join(folder, 'package.json'), JSON.stringify({ name: 'consumer', private: true }));
  const spec = subject.spec(folder);
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', spec], { cwd: folder, stdio: 'pipe' });
  const lock = JSON.parse(readFileSync(join(folder, 'package-lock.json'), 'utf8'));
  const result = { bytes: du(join(folder, 'node_modules')), packages: Object.keys(lock.packages).filter((key) => key !== '').length };
  rmSync(folder, { recursive: true, force: true });
  return result;
}

/** Spawning `npx --yes --package=SPEC BIN` with no earlier npx install, to its first 200. */
async function coldNpx(subject) {
  rmSync(join(homedir(), '.npm', '_npx'), { recursive: true, force: true });
  const folder = mkdtempSync(join(tmpdir(), 'kyc-bench-npx-'));
  const spec = subject.spec(folder);
  const port = await freePort();
  const proc = launch('npx', ['--yes', `--package=${spec}`, subject.bin, ...subject.args(port)], { cwd: folder, name: subject.bin });
  try {
    const { ms } = await firstOk(proc, subject.probe.path, { url: `http://127.0.0.1:${port}`, headers: subject.probe.headers, timeoutMs: 180_000 });
    return ms;
  } finally {
    await stop(proc);
    rmSync(folder, { recursive: true, force: true });
  }
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const rows = [];
for (const subject of subjects) {
  process.stderr.write(`bench:install: ${subject.label}\n`);
  const size = installed(subject);
  const starts = [];
  for (let run = 0; run < RUNS; run++) starts.push(await coldNpx(subject));
  rows.push({ label: subject.label, ...size, starts });
}
rmSync(packDir, { recursive: true, force: true });

const mb = (bytes) => (bytes / 1e6).toFixed(1);
const s = (ms) => (ms / 1000).toFixed(2);
const [sandbox, ...peers] = rows;
const section = `<!-- install:start -->
## Install weight and cold start

One run of \`npm run bench:install\`, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, Node ${process.version}. Each package installed as the only
dependency of an empty project (\`npm install SPEC\`): bytes under \`node_modules\` (\`du -sb\`) and packages in its lock file. Cold
start: \`npx --yes --package=SPEC BIN …\` in an empty folder with no earlier npx install (\`~/.npm/_npx\` removed) and npm's download cache
warm for all three, from the spawn to the first 200 (kyc-sandbox: ComplyCube's client by id; json-server: the same id from a one-record
db.json; Prism: the same request mocked from \`openapi/complycube.yaml\`); median of ${RUNS}.

| | installed, MB | packages | cold npx → first 200, s: median (each) |
| --- | ---: | ---: | ---: |
${rows.map((row) => `| ${row.label} | ${mb(row.bytes)} | ${row.packages} | ${s(median(row.starts))} (${row.starts.map(s).join(', ')}) |`).join('\n')}

| kyc-sandbox ÷ peer | installed | packages | cold npx |
| --- | ---: | ---: | ---: |
${peers
  .map((peer) => `| ${peer.label} | ${(sandbox.bytes / peer.bytes).toFixed(2)} | ${(sandbox.packages / peer.packages).toFixed(2)} | ${(median(sandbox.starts) / median(peer.starts)).toFixed(2)} |`)
  .join('\n')}

Targets (issue 14): installed ≤ 30 MB — ${sandbox.bytes <= 30e6 ? 'met' : 'missed'} (${mb(sandbox.bytes)} MB); cold npx ≤ 6 s — ${median(sandbox.starts) <= 6000 ? 'met' : 'missed'} (${s(median(sandbox.starts))} s).
<!-- install:end -->`;

const resultsFile = join(root, 'bench', 'RESULTS.md');
const results = existsSync(resultsFile) ? readFileSync(resultsFile, 'utf8') : '# Benchmark results\n';
const marked = /<!-- install:start -->[\s\S]*<!-- install:end -->/;
writeFileSync(resultsFile, marked.test(results) ? results.replace(marked, section) : `${results.trimEnd()}\n\n${section}\n`);
process.stdout.write(`${section}\n`);
