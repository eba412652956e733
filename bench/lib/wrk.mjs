// Load with wrk (Debian package `wrk`), a C load generator: autocannon is JavaScript and, on a
// two-core machine, becomes the ceiling long before a fast server does. Found on the PATH, or
// installed with apt-get when run as root (as scripts/ensure-test-tools.sh does for the test tools);
// without it the bench falls back to autocannon and says so.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const onPath = () => spawnSync('sh', ['-c', 'command -v wrk'], { encoding: 'utf8' }).stdout.trim() || undefined;

/** wrk's path and version, or `{ error }` saying why the bench measures with autocannon instead. */
export function ensureWrk() {
  let path = onPath();
  if (!path && process.getuid?.() === 0 && spawnSync('sh', ['-c', 'command -v apt-get']).status === 0) {
    process.stderr.write('bench: installing wrk (Debian package) for the load\n');
    const install = () => spawnSync('apt-get', ['install', '-y', '-qq', 'wrk'], { stdio: 'ignore', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }, timeout: 240_000 });
    if (install().status !== 0) {
      spawnSync('apt-get', ['update', '-qq'], { stdio: 'ignore', timeout: 240_000 });
      install();
    }
    path = onPath();
  }
  if (!path) return { error: 'wrk is not installed (Debian package `wrk`; the bench installs it when run as root with apt-get)' };
  // `wrk -v` prints its version and exits 1.
  const banner = spawnSync(path, ['-v'], { encoding: 'utf8' });
  const version = /wrk (\S+)/.exec(`${banner.stdout}${banner.stderr}`)?.[1] ?? 'unknown';
  return { path, version };
}

// A JSON string literal is a Lua one too, for the ASCII paths, headers and bodies the bench sends.
const luaString = (text) => JSON.stringify(text);

/**
 * The Lua script: method, headers and body; the paths in turn when there are several; and at the end
 * the counts and 999 latency quantiles (µs), which `summarise` merges over rounds.
 */
function script({ method, headers, body, paths }) {
  const lines = [`wrk.method = ${luaString(method)}`];
  for (const [name, value] of Object.entries(headers)) lines.push(`wrk.headers[${luaString(name)}] = ${luaString(value)}`);
  if (body !== undefined) lines.push(`wrk.body = ${luaString(body)}`);
  if (paths.length > 1) {
    lines.push(`local paths = { ${paths.map(luaString).join(', ')} }`, 'local next = 0');
    lines.push('request = function() next = next % #paths + 1; return wrk.format(nil, paths[next]) end');
  }
  lines.push(
    'done = function(summary, latency, requests)',
    '  local e = summary.errors',
    '  io.write("KYC-BENCH ", summary.requests, " ", summary.duration, " ", e.status, " ", e.connect + e.read + e.write, " ", e.timeout, "\\n")',
    '  local q = {}',
    '  for p = 1, 999 do q[#q + 1] = latency:percentile(p / 10) end',
    '  io.write("KYC-QUANTILES ", table.concat(q, " "), "\\n")',
    'end',
  );
  return lines.join('\n');
}

function runWrk(wrk, { base, paths, method, headers, body, connections, seconds }) {
  const dir = mkdtempSync(join(tmpdir(), 'kyc-wrk-'));
  const file = join(dir, 'load.lua');
  writeFileSync(file, script({ method, headers, body, paths }));
  return new Promise((resolve, reject) => {
    const child = spawn(wrk, ['-t1', `-c${connections}`, `-d${seconds}s`, '--timeout', '30s', '-s', file, base + paths[0]], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (out += chunk));
    child.once('error', reject);
    child.once('exit', (code) => {
      rmSync(dir, { recursive: true, force: true });
      const counts = /KYC-BENCH (\d+) (\d+) (\d+) (\d+) (\d+)/.exec(out);
      const quantiles = /KYC-QUANTILES ([\d. ]+)/.exec(out);
      if (code !== 0 || !counts || !quantiles) return reject(new Error(`wrk failed (${code}): ${out.slice(-400)}`));
      const [requests, durationUs, non2xx, errors, timeouts] = counts.slice(1).map(Number);
      resolve({
        quantilesUs: quantiles[1].trim().split(' ').map(Number),
        count: requests - non2xx,
        durationS: durationUs / 1e6,
        non2xx,
        errors,
        timeouts,
      });
    });
  });
}

/**
 * The same part as autocannon's, measured by wrk: after `warmupSeconds` of the same load, discarded.
 * `load` as `runLoad` (load.mjs) makes it: `paths` a list, `body` JSON text.
 */
export async function runWrkLoad(wrk, { warmupSeconds, ...load }) {
  if (warmupSeconds > 0) await runWrk(wrk, { ...load, seconds: warmupSeconds });
  return runWrk(wrk, load);
}

