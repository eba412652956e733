// `npm run bench`: kyc-sandbox against its peers (a bare node:http server answering the same bytes,
// the physical limit, among them), side by side in one run, then kyc-sandbox at 1k, 10k and 100k
// stored clients, in memory and with --db, and the memory a tenant costs; writes bench/RESULTS.md with
// the targets of issues 8 and 19, met or missed, where a GET's time goes, and a CPU profile summary
// for each target missed. Load is made by wrk (installed when missing and root), else autocannon.
//
// `npm run bench -- --quick`: one round of 2 s per measure, one start per server, no Prism, 1k and
// 100k clients only: a check that everything runs, in about a third of the time; not for the record.
//
// Knobs (environment): BENCH_SECONDS (load per measure and server, 6, in BENCH_ROUNDS rounds, 3), BENCH_SCALE_SECONDS (load per measure and size at scale, 6, in BENCH_ROUNDS rounds), BENCH_WARMUP (1),
// BENCH_STARTS (starts per server, median kept; 7: a start swings by ±40 ms here, and a median of three
// was as likely to rank two servers 30 ms apart either way), BENCH_SIZES (1000,10000,100000), BENCH_PROFILE (1),
// BENCH_DEADLINE (seconds before the bench gives up and kills everything; 600), BENCH_TENANTS (1000),
// BENCH_LOAD (wrk or autocannon; wrk when it can be found or installed).
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readProfile, stages, stagesMarkdown, summarise, summaryMarkdown } from './lib/cpuprofile.mjs';
import { measureLoad, runLoad, summarise as summariseLoad, useWrk } from './lib/load.mjs';
import { ensureWrk } from './lib/wrk.mjs';
import { ensurePeers, jsonServerBin, PINNED, prismBin } from './lib/peers.mjs';
import { firstOk, freePort, killAll, launch, memoryOf, request, requestJson, stop, untilQuiet } from './lib/processes.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const benchDir = join(root, 'bench');
const peersDir = join(benchDir, '.peers');
const profilesDir = join(benchDir, '.profiles');
const QUICK = process.argv.includes('--quick');
const env = { ...(QUICK && { BENCH_ROUNDS: '1', BENCH_SECONDS: '2', BENCH_SCALE_SECONDS: '2', BENCH_STARTS: '1', BENCH_SIZES: '1000,100000' }), ...process.env };
// autocannon counts its duration in whole seconds.
const whole = (value, fallback) => Math.max(1, Math.round(Number(value ?? fallback)));
const ROUNDS = whole(env.BENCH_ROUNDS, 3);
const ROUND_SECONDS = whole(Number(env.BENCH_SECONDS ?? 6) / ROUNDS);
const SECONDS = ROUND_SECONDS * ROUNDS;
const SCALE_ROUND_SECONDS = whole(Number(env.BENCH_SCALE_SECONDS ?? 6) / ROUNDS);
const SCALE_SECONDS = SCALE_ROUND_SECONDS * ROUNDS;
const WARMUP = whole(env.BENCH_WARMUP, 1);
const STARTS = whole(env.BENCH_STARTS, 7);
const SIZES = (env.BENCH_SIZES ?? '1000,10000,100000').split(',').map(Number);
const PROFILE = env.BENCH_PROFILE !== '0';
const DEADLINE_S = Number(env.BENCH_DEADLINE ?? 600);
const TENANTS = whole(env.BENCH_TENANTS, 1000);
const CONNECTIONS = 32;
const PROFILE_REST_MS = 5000;

const JANE = '5eb04fcd0f3e360008035eb1';
const KEY = 'test_bench';
const AUTH = { Authorization: KEY };
const LIST = '/v1/clients?type=person&pageSize=10';
const UPDATE_BODY = { email: 'bench.update@example.com' };
// The V8 flags the command's shebang line gives it (`#!/usr/bin/env -S node …`), so it runs here as shipped.
const SHIPPED_NODE_FLAGS = readFileSync(new URL('../dist/cli/main.js', import.meta.url), 'utf8')
  .split('\n', 1)[0]
  .replace(/^#!.*?\bnode\b/, '')
  .trim()
  .split(/\s+/)
  .filter(Boolean);
const SANDBOX_ARGS = [...SHIPPED_NODE_FLAGS, 'dist/cli/main.js', '--port', '0', '--rate-limit', '1000000', '--log-level', 'warn'];

const benchStarted = performance.now();
const deadline = setTimeout(() => {
  process.stderr.write(`bench: over ${DEADLINE_S} s, giving up; every process it started is killed\n`);
  killAll();
  process.exit(124);
}, DEADLINE_S * 1000);
deadline.unref();

const brief = (message) => {
  const lines = String(message).split('\n');
  return lines.length > 8 ? [...lines.slice(0, 8), `  … ${lines.length - 8} more lines`].join('\n') : String(message);
};
const log = (message) => process.stderr.write(`[${((performance.now() - benchStarted) / 1000).toFixed(0).padStart(3)} s] ${message}\n`);
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];
const hrUs = () => Number(process.hrtime.bigint() / 1000n);
const versionOf = (dir) => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version;

const work = mkdtempSync(join(tmpdir(), 'kyc-bench-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));

// Every kyc-sandbox of the run starts from one copy of the build and the documents it reads at start,
// so edits to the working tree during the run cannot change what is measured half-way.
const pkg = join(work, 'pkg');
for (const entry of ['dist', 'openapi', 'fixtures', 'package.json']) cpSync(join(root, entry), join(pkg, entry), { recursive: true });
symlinkSync(join(root, 'node_modules'), join(pkg, 'node_modules'), 'dir');

// ---------------------------------------------------------------------------------------------
// Servers of the side-by-side table

function sandboxServer({ db = false, extra = [], nodeArgs = [], label } = {}) {
  const file = join(work, `main-${Math.random().toString(36).slice(2)}.db.json`);
  return {
    id: db ? 'sandbox-db' : 'sandbox',
    label: label ?? (db ? 'kyc-sandbox --db' : 'kyc-sandbox'),
    beforeStart() {
      rmSync(file, { force: true });
      rmSync(`${file}.wal`, { force: true });
    },
    launch: async () => {
      const proc = launch(process.execPath, [...nodeArgs, ...SANDBOX_ARGS, ...(db ? ['--db', file] : []), ...extra], {
        cwd: pkg,
        name: 'kyc-sandbox',
      });
      return { proc, url: undefined };
    },
    get: { path: `/v1/clients/${JANE}`, headers: AUTH },
    list: { path: LIST, headers: AUTH },
    update: { method: 'POST', path: `/v1/clients/${JANE}`, headers: AUTH, body: UPDATE_BODY },
  };
}

/** A peer of ours in `bench/peers/`, serving the bodies the sandbox answered (`bodies.json`) on its own routes. */
function scriptPeer(id, label, script) {
  return {
    id,
    label,
    launch: async () => ({
      proc: launch(process.execPath, [script], { cwd: root, env: { BENCH_BODIES: join(work, 'bodies.json') }, name: label }),
      url: undefined,
    }),
    get: { path: `/v1/clients/${JANE}` },
    list: { path: LIST },
    update: { method: 'POST', path: `/v1/clients/${JANE}`, body: UPDATE_BODY },
  };
}

const bareServer = scriptPeer('bare', 'bare node:http (the limit)', 'bench/peers/bare-http.mjs');
const expressServer = scriptPeer('express', 'Express 5 minimal route', 'bench/peers/express-minimal.mjs');

const jsonServer = {
  id: 'json-server',
  label: `json-server ${PINNED['json-server']}`,
  beforeStart: () => copyFileSync(join(work, 'db.pristine.json'), join(work, 'db.json')),
  launch: async () => {
    const port = await freePort();
    // json-server 1.0.0-beta.3 ignores --host and listens on every interface; the bench only talks to 127.0.0.1.
    const proc = launch(process.execPath, [jsonServerBin(peersDir), join(work, 'db.json'), '--port', String(port)], { cwd: work, name: 'json-server' });
    return { proc, url: `http://127.0.0.1:${port}` };
  },
  get: { path: `/clients/${JANE}` },
  list: { path: '/clients?type=person&_page=1&_per_page=10' },
  update: { method: 'PATCH', path: `/clients/${JANE}`, body: UPDATE_BODY },
};

const prismServer = {
  id: 'prism',
  label: `Prism ${PINNED['@stoplight/prism-cli']} -v silent`,
  launch: async () => {
    const port = await freePort();
    const args = [prismBin(peersDir), 'mock', '-h', '127.0.0.1', '-p', String(port), '--errors', 'false', '-v', 'silent', 'openapi/complycube.yaml'];
    return { proc: launch(process.execPath, args, { cwd: pkg, name: 'prism' }), url: `http://127.0.0.1:${port}` };
  },
  get: { path: `/v1/clients/${JANE}`, headers: AUTH },
  list: { path: LIST, headers: AUTH },
  update: { method: 'POST', path: `/v1/clients/${JANE}`, headers: AUTH, body: UPDATE_BODY },
};

async function checkOk(base, { method = 'GET', path, headers = {}, body }) {
  const response = await request(base + path, {
    method,
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status < 200 || response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${response.body.slice(0, 300)}`);
  return response;
}

/** The servers of a round, beginning with the next one each round, so that none is always measured first or last. */
const inTurn = (servers, round) => [...servers.slice(round % servers.length), ...servers.slice(0, round % servers.length)];

/**
 * The side-by-side table, interleaved so that whatever else loads the machine weighs on every server
 * alike: STARTS rounds of starting each server in turn (spawn → first 200 on its GET; the median is
 * kept, and the last process of each stays up), then for each measure ROUNDS rounds of SECONDS/ROUNDS
 * of load on each server in turn, after WARMUP s of warm-up each. A peer that fails is reported and
 * left out; kyc-sandbox failing ends the run.
 */
async function sideBySide(servers, { onStarted }) {
  const entries = servers.map((server) => ({ server, result: { id: server.id, label: server.label, starts: [], loads: {} } }));
  const failed = (entry, error) => {
    if (entry.server.id === 'sandbox') throw error;
    log(`${entry.server.label} failed: ${brief(error.message)}`);
    entry.result.error = error.message.split('\n')[0];
  };
  try {
    for (let round = 0; round < STARTS; round++) {
      log(`starts, round ${round + 1} of ${STARTS}`);
      for (const entry of entries) {
        if (entry.result.error) continue;
        await untilQuiet(entries.filter((other) => other.proc).map((other) => other.proc));
        entry.server.beforeStart?.();
        try {
          const { proc, url } = await entry.server.launch();
          entry.proc = proc;
          const first = await firstOk(proc, entry.server.get.path, { url, headers: entry.server.get.headers });
          entry.result.starts.push(first.ms);
          entry.base = first.url;
          if (round === 0 && entry.server.id === 'sandbox') await onStarted(first.url, first.body);
        } catch (error) {
          failed(entry, error);
        }
        if (round < STARTS - 1 || entry.result.error) await stop(entry.proc);
      }
    }
    for (const entry of entries) entry.result.startMs = median(entry.result.starts);

    for (const name of ['get', 'list', 'update']) {
      const parts = new Map();
      for (const entry of entries) {
        if (entry.result.error) continue;
        const spec = entry.server[name];
        try {
          await checkOk(entry.base, spec);
          log(`${entry.server.label}: ${name}, warm-up`);
          await runLoad({ base: entry.base, ...spec, connections: CONNECTIONS, seconds: WARMUP });
          parts.set(entry, []);
        } catch (error) {
          entry.result.loads[name] = { error: error.message.split('\n')[0] };
        }
      }
      for (let round = 0; round < ROUNDS; round++) {
        log(`${name}: round ${round + 1} of ${ROUNDS}, ${ROUND_SECONDS} s on each server`);
        const order = [...parts.keys()];
        for (const entry of inTurn(order, round)) {
          await untilQuiet(order.map((other) => other.proc));
          parts.get(entry).push(await runLoad({ base: entry.base, ...entry.server[name], connections: CONNECTIONS, seconds: ROUND_SECONDS }));
        }
      }
      for (const [entry, measured] of parts) entry.result.loads[name] = summariseLoad(measured);
    }
    for (const entry of entries) if (!entry.result.error && entry.proc) Object.assign(entry.result, memoryOf(entry.proc));
  } finally {
    for (const entry of entries) if (entry.proc) await stop(entry.proc);
  }
  return entries.map((entry) => entry.result);
}

// ---------------------------------------------------------------------------------------------
// kyc-sandbox at scale

async function collectIds(base, count = 100) {
  const page = await requestJson(`${base}/v1/clients?pageSize=${count}`, { headers: AUTH });
  return page.items.map((client) => client.id);
}

/**
 * A process serving the key's N clients, up and first answered, with the paths its updates rotate
 * over: in memory, started, then the key's first request seeds them (“seeding”); with --db, a first
 * process seeds the key into an empty file and stops (writing the snapshot), and this is a second one
 * restarted over that file. A process that fails on the way is stopped: it must not load the machine
 * under the sizes measured after it.
 */
async function scaleServer(clients, db) {
  const result = { clients, db };
  const file = db ? join(work, `scale-${clients}.db.json`) : undefined;
  const args = [...SANDBOX_ARGS, '--clients', String(clients), ...(db ? ['--db', file] : [])];
  if (db) {
    rmSync(file, { force: true });
    rmSync(`${file}.wal`, { force: true });
    const seeder = launch(process.execPath, args, { cwd: pkg, name: 'kyc-sandbox' });
    try {
      const base = await seeder.ready;
      const before = performance.now();
      await checkOk(base, { path: `/v1/clients/${JANE}`, headers: AUTH });
      result.seedMs = performance.now() - before;
      const stopping = performance.now();
      await stop(seeder);
      result.stopMs = performance.now() - stopping;
    } finally {
      await stop(seeder);
    }
  }
  const proc = launch(process.execPath, args, { cwd: pkg, name: 'kyc-sandbox' });
  try {
    // With --db, start = spawn → first 200 on the seeded key.
    const first = db ? await firstOk(proc, `/v1/clients/${JANE}`, { headers: AUTH, timeoutMs: 120_000 }) : await firstOk(proc, '/__sandbox/health');
    result.startMs = first.ms;
    if (!db) {
      const before = performance.now();
      await checkOk(first.url, { path: `/v1/clients/${JANE}`, headers: AUTH });
      result.seedMs = performance.now() - before;
    }
    const paths = (await collectIds(first.url)).map((id) => `/v1/clients/${id}`);
    return { result, proc, base: first.url, paths, file };
  } catch (error) {
    await stop(proc);
    throw error;
  }
}

/**
 * Every size of one store side by side, as the peers are: each started in turn and kept up, then for
 * update and for list a warm-up each, and ROUNDS rounds of SCALE_SECONDS/ROUNDS of load on each size
 * in turn, begun once all are quiet, the quantiles merged over the rounds. A p99 of one window of a
 * few seconds is set by whatever else the machine did in it (at --db, the kernel's own disk work): the
 * sizes compared must share its moments.
 */
async function measureScale(db) {
  const servers = [];
  try {
    for (const clients of SIZES) {
      log(`kyc-sandbox, ${clients} clients, ${db ? '--db' : 'in memory'}: start`);
      try {
        servers.push(await scaleServer(clients, db));
      } catch (error) {
        log(`failed: ${brief(error.message)}`);
        servers.push({ result: { clients, db, error: error.message.split('\n')[0] } });
      }
    }
    const live = servers.filter((server) => server.proc);
    const loads = {
      update: (server) => ({ base: server.base, method: 'POST', paths: server.paths, headers: AUTH, body: UPDATE_BODY }),
      list: (server) => ({ base: server.base, path: LIST, headers: AUTH }),
    };
    for (const [name, loadOf] of Object.entries(loads)) {
      const parts = new Map(live.map((server) => [server, []]));
      for (const server of live) {
        log(`  ${server.result.clients} clients: ${name}, warm-up`);
        await runLoad({ ...loadOf(server), connections: CONNECTIONS, seconds: WARMUP });
      }
      for (let round = 0; round < ROUNDS; round++) {
        log(`  ${name}: round ${round + 1} of ${ROUNDS}, ${SCALE_ROUND_SECONDS} s on each size`);
        for (const server of inTurn(live, round)) {
          await untilQuiet(live.map((other) => other.proc));
          parts.get(server).push(await runLoad({ ...loadOf(server), connections: CONNECTIONS, seconds: SCALE_ROUND_SECONDS }));
        }
      }
      for (const [server, measured] of parts) server.result[name] = summariseLoad(measured);
    }
    for (const server of live) Object.assign(server.result, memoryOf(server.proc));
  } finally {
    for (const server of servers) if (server.proc) await stop(server.proc);
  }
  for (const server of servers) if (server.file) server.result.fileMb = statSync(server.file).size / 2 ** 20;
  return servers.map((server) => server.result);
}

// ---------------------------------------------------------------------------------------------
// The memory a tenant costs

/**
 * RSS once the bench key's tenant is seeded and the request journal is full, then after TENANTS more
 * tenants (a first GET each, with a key of its own, 16 at a time), each time after a second of rest:
 * the difference per tenant. The journal keeps the last 2,000 requests (`RequestJournal`'s capacity),
 * whoever sent them: filled first by as many GETs with the bench key, its memory is in both figures,
 * bounded and no tenant's, where it used to grow by 1,000 entries within the measure. The same GETs
 * let the request checks not compiled yet, which the sandbox compiles one at a time between requests,
 * finish before the measure rather than within it. `--max-tenants` is raised just enough for them all,
 * so none is evicted.
 */
async function measureTenants() {
  const JOURNAL_CAPACITY = 2000;
  const proc = launch(process.execPath, [...SANDBOX_ARGS, '--max-tenants', String(TENANTS + 1)], { cwd: pkg, name: 'kyc-sandbox' });
  try {
    const { url } = await firstOk(proc, `/v1/clients/${JANE}`, { headers: AUTH });
    const janeSixteenAtATime = async (count, headersOf) => {
      let next = 0;
      await Promise.all(
        Array.from({ length: 16 }, async () => {
          while (next < count) await checkOk(url, { path: `/v1/clients/${JANE}`, headers: headersOf(next++) });
        }),
      );
    };
    const rest = () => new Promise((resolve) => setTimeout(resolve, 1000));
    await rest();
    const seeded = memoryOf(proc);
    await janeSixteenAtATime(JOURNAL_CAPACITY, () => AUTH);
    await rest();
    const before = memoryOf(proc);
    await janeSixteenAtATime(TENANTS, (index) => ({ Authorization: `test_tenant_${index}` }));
    await rest();
    const after = memoryOf(proc);
    return {
      tenants: TENANTS,
      journalEntries: JOURNAL_CAPACITY,
      seededMb: seeded.rssMb,
      beforeMb: before.rssMb,
      afterMb: after.rssMb,
      perTenantKb: ((after.rssMb - before.rssMb) * 1024) / TENANTS,
    };
  } finally {
    await stop(proc);
  }
}

// ---------------------------------------------------------------------------------------------
// CPU profiles of kyc-sandbox under load

/**
 * A request's stages, by the functions that run them (`src/server/`): each sample goes to the
 * innermost stage on its stack, so the handler's time is not counted again in the steps around it.
 */
const REQUEST_STAGES = [
  ['route lookup and exchange', /^#exchangeFor$/],
  ['step: identify credentials', /^identifyCredentials\d*$/],
  ['step: simulate failures', /^simulateFailures\d*$/],
  ['step: forward upstream', /^forwardUpstream\d*$/],
  ['step: authenticate (the vendor)', /^authenticate\d*$/],
  ['step: rate limit', /^(limitRate|limitPublicCaller)\d*$/],
  ['step: enter tenant', /^enterTenant\d*$/],
  ['step: read body', /^readBody\d*$/],
  ['step: validate (ajv)', /^validate$/],
  ['step: handle (the vendor)', /^runHandler\d*$/],
  ['steps: the loop', /^#runSteps$/],
  ['encode the answer (JSON)', /^encode\d*$/],
  ['journal and log', /^#tell$/],
  ['write the answer (node: headers, socket)', /^(writeHead|end|_writeRaw|writev|_send)$/],
  ['request context (AsyncLocalStorage hooks)', /^(emitInitScript|emitInitNative|promiseInitHook|_propagate|lookupPublicResource|emitDestroyScript)$/],
  ['garbage collector', /^\(garbage collector\)$/],
  ['request checks compiled after start (once each)', /^compileNow$/],
];

async function profile(name, { clients, db = false, load }) {
  const dir = join(profilesDir, name);
  mkdirSync(dir, { recursive: true });
  const file = join(work, `profile-${name}.db.json`);
  const args = [`--cpu-prof`, `--cpu-prof-dir=${dir}`, ...SANDBOX_ARGS, ...(clients ? ['--clients', String(clients)] : []), ...(db ? ['--db', file] : [])];
  log(`profile ${name}`);
  const proc = launch(process.execPath, args, { cwd: pkg, name: 'kyc-sandbox --cpu-prof' });
  let window;
  let measured;
  try {
    const fromUs = hrUs();
    const first = await firstOk(proc, `/v1/clients/${JANE}`, { headers: AUTH, timeoutMs: 120_000 });
    if (load === 'start') window = { fromUs, toUs: hrUs() };
    else {
      // The request checks not compiled by the first requests are compiled in the background after
      // start, as in the side-by-side table, whose loads come long after: not in this window either.
      await new Promise((resolve) => setTimeout(resolve, PROFILE_REST_MS));
      const spec =
        load === 'get'
          ? { path: `/v1/clients/${JANE}`, headers: AUTH }
          : load === 'list'
            ? { path: LIST, headers: AUTH }
            : { method: 'POST', paths: (await collectIds(first.url)).map((id) => `/v1/clients/${id}`), headers: AUTH, body: UPDATE_BODY };
      await measureLoad({ base: first.url, ...spec, connections: CONNECTIONS, seconds: WARMUP, warmupSeconds: 0 });
      const loadFrom = hrUs();
      measured = await measureLoad({ base: first.url, ...spec, connections: CONNECTIONS, seconds: SECONDS, warmupSeconds: 0 });
      window = { fromUs: loadFrom, toUs: hrUs() };
    }
  } finally {
    await stop(proc);
  }
  const written = readdirSync(dir).filter((entry) => entry.endsWith('.cpuprofile'));
  if (written.length === 0) return { name, error: 'no .cpuprofile written (did the process exit through process.exit?)' };
  const path = join(dir, written.sort().at(-1));
  const parsed = readProfile(path);
  return {
    name,
    path: path.slice(root.length),
    measured,
    summary: summarise(path, 15, window, parsed),
    stages: load === 'start' ? undefined : stages(parsed, REQUEST_STAGES, window, measured?.count),
  };
}

// ---------------------------------------------------------------------------------------------
// Report

const f0 = (n) => (Number.isFinite(n) ? n.toFixed(0) : '–');
const f1 = (n) => (Number.isFinite(n) ? n.toFixed(1) : '–');
const f2 = (n) => (Number.isFinite(n) ? n.toFixed(2) : '–');
const ms = (n) => (Number.isFinite(n) ? (n < 10 ? n.toFixed(2) : n.toFixed(1)) : '–');

function loadCell(load, field, format) {
  if (!load) return '–';
  if (load.error) return `failed: ${load.error.slice(0, 80)}`;
  const value = format(load[field]);
  return load.failures ? `${value} (${load.detail})` : value;
}

function mainTable(results) {
  const header = `| measure | ${results.map((r) => r.label).join(' | ')} |`;
  const rule = `| --- | ${results.map(() => '---:').join(' | ')} |`;
  const row = (label, cell) => `| ${label} | ${results.map((r) => (r.error ? (label.startsWith('start') ? `failed: ${r.error.slice(0, 80)}` : '–') : cell(r))).join(' | ')} |`;
  return [
    header,
    rule,
    row(`start → first 200, ms: median (each start)`, (r) => `${f0(r.startMs)} (${r.starts.map(f0).join(', ')})`),
    row('GET by id, req/s', (r) => loadCell(r.loads.get, 'rps', f0)),
    row('GET by id, p99 ms', (r) => loadCell(r.loads.get, 'p99', ms)),
    row('list with filter, req/s', (r) => loadCell(r.loads.list, 'rps', f0)),
    row('list with filter, p99 ms', (r) => loadCell(r.loads.list, 'p99', ms)),
    row('update, req/s', (r) => loadCell(r.loads.update, 'rps', f0)),
    row('update, p99 ms', (r) => loadCell(r.loads.update, 'p99', ms)),
    row('RSS after load, MB (of which anonymous)', (r) => `${f0(r.rssMb)} (${f0(r.anonMb)})`),
    row('peak RSS, MB', (r) => f0(r.hwmMb)),
  ].join('\n');
}

function ratioTable(sandbox, peers) {
  const lines = ['| kyc-sandbox ÷ peer | ' + peers.map((p) => p.label).join(' | ') + ' |', `| --- | ${peers.map(() => '---:').join(' | ')} |`];
  const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? f2(a / b) : '–');
  lines.push(`| start → first 200 (lower is better) | ${peers.map((p) => ratio(sandbox.startMs, p.startMs)).join(' | ')} |`);
  for (const [name, label] of [['get', 'GET by id'], ['list', 'list with filter'], ['update', 'update']]) {
    lines.push(`| ${label} req/s (higher is better) | ${peers.map((p) => ratio(sandbox.loads[name]?.rps, p.loads?.[name]?.rps)).join(' | ')} |`);
    lines.push(`| ${label} p99 (lower is better) | ${peers.map((p) => ratio(sandbox.loads[name]?.p99, p.loads?.[name]?.p99)).join(' | ')} |`);
  }
  return lines.join('\n');
}

function scaleTable(rows) {
  return [
    '| clients | store | start → first 200, ms | seeding the key, ms | update req/s | update p50 ms | update p99 ms | list req/s | list p50 ms | RSS MB (anonymous) | peak RSS MB | file MB |',
    '| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map((r) =>
      r.error
        ? `| ${r.clients} | ${r.db ? '--db' : 'memory'} | failed: ${r.error.slice(0, 100)} | | | | | | | | | |`
        : `| ${r.clients} | ${r.db ? '--db' : 'memory'} | ${f0(r.startMs)} | ${f0(r.seedMs)} | ${loadCell(r.update, 'rps', f0)} | ${loadCell(r.update, 'p50', ms)} | ${loadCell(r.update, 'p99', ms)} | ${loadCell(r.list, 'rps', f0)} | ${loadCell(r.list, 'p50', ms)} | ${f0(r.rssMb)} (${f0(r.anonMb)}) | ${f0(r.hwmMb)} | ${r.fileMb === undefined ? '–' : f1(r.fileMb)} |`,
    ),
  ].join('\n');
}

function evaluateTargets(byId, scale, tenants) {
  const targets = [];
  const add = (id, target, measured, value, met, profileLoad) => targets.push({ id, target, measured, value, met, profileLoad });
  const sandbox = byId.sandbox;
  const rps = (r, name = 'get') => r?.loads?.[name]?.rps;
  // Issue 19: against the physical limit, a bare node:http server answering the same bytes; issue 8: against the peers.
  const BARE = 'bare node:http';
  for (const [name, label, peerId, factor, peerLabel] of [
    ['get', 'GET by id', 'bare', 0.5, BARE],
    ['list', 'list with filter', 'bare', 0.4, BARE],
    ['update', 'update', 'bare', 0.3, BARE],
    ['get', 'GET by id', 'express', 0.8, 'the minimal Express 5 route'],
    ['get', 'GET by id', 'prism', 3, 'Prism silent'],
  ]) {
    const ratio = rps(sandbox, name) / rps(byId[peerId], name);
    add(
      `${name}-vs-${peerId}`,
      `${label} ≥ ${factor}× ${peerLabel} (req/s)`,
      `${f0(rps(sandbox, name))} vs ${f0(rps(byId[peerId], name))} req/s`,
      Number.isFinite(ratio) ? `${f2(ratio)}×` : 'not measured',
      Number.isFinite(ratio) ? ratio >= factor : undefined,
      name,
    );
  }
  const json = byId['json-server'];
  const startRatio = sandbox?.startMs / json?.startMs;
  add(
    'start',
    "start → first 200 ≤ json-server's",
    `${f0(sandbox?.startMs)} vs ${f0(json?.startMs)} ms`,
    Number.isFinite(startRatio) ? `${f2(startRatio)}×` : 'not measured',
    Number.isFinite(startRatio) ? startRatio <= 1 : undefined,
    'start',
  );
  const smallest = Math.min(...SIZES);
  const largest = Math.max(...SIZES);
  for (const db of [false, true]) {
    const small = scale.find((r) => r.clients === smallest && r.db === db);
    const large = scale.find((r) => r.clients === largest && r.db === db);
    for (const field of ['p50', 'p99']) {
      const ratio = large?.update?.[field] / small?.update?.[field];
      add(
        `update-${db ? 'db' : 'memory'}`,
        `update ${field} at ${largest} clients ≤ 1.5× that at ${smallest} (${db ? '--db' : 'in memory'})`,
        `${ms(large?.update?.[field])} vs ${ms(small?.update?.[field])} ms`,
        Number.isFinite(ratio) ? `${f2(ratio)}×` : 'not measured',
        Number.isFinite(ratio) ? ratio <= 1.5 : undefined,
        `update-${largest}-${db ? 'db' : 'memory'}`,
      );
    }
  }
  add('rss-default', 'RSS ≤ 110 MB with the default seed (after load, in memory)', `${f0(sandbox?.rssMb)} MB`, `${f0(sandbox?.rssMb)} MB`, Number.isFinite(sandbox?.rssMb) ? sandbox.rssMb <= 110 : undefined);
  if (byId['sandbox-db']) {
    const rss = byId['sandbox-db'].rssMb;
    add('rss-default-db', 'RSS ≤ 110 MB with the default seed (after load, --db)', `${f0(rss)} MB`, `${f0(rss)} MB`, Number.isFinite(rss) ? rss <= 110 : undefined);
  }
  const perTenant = tenants?.perTenantKb;
  add(
    'rss-tenant',
    `≤ 15 KB of RSS per additional tenant (${tenants?.tenants ?? TENANTS} tenants)`,
    Number.isFinite(perTenant) ? `${f1(tenants.afterMb)} − ${f1(tenants.beforeMb)} MB over ${tenants.tenants}` : 'not measured',
    Number.isFinite(perTenant) ? `${f1(perTenant)} KB` : 'not measured',
    Number.isFinite(perTenant) ? perTenant <= 15 : undefined,
  );
  for (const db of [false, true]) {
    const large = scale.find((r) => r.clients === largest && r.db === db);
    add(
      `rss-scale-${db ? 'db' : 'memory'}`,
      `RSS ≤ 400 MB at ${largest} clients (${db ? '--db' : 'in memory'})`,
      `${f0(large?.rssMb)} MB`,
      `${f0(large?.rssMb)} MB`,
      Number.isFinite(large?.rssMb) ? large.rssMb <= 400 : undefined,
    );
  }
  return targets;
}

// ---------------------------------------------------------------------------------------------
// The run

function gitDescription() {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src', 'openapi', 'fixtures'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return `${commit}${dirty ? ' with uncommitted changes in src/openapi/fixtures' : ''}`;
  } catch {
    return 'unknown';
  }
}

const loadBefore = loadavg();
const date = new Date().toISOString().slice(0, 16).replace('T', ' ');
const peerSetup = ensurePeers(peersDir);
if (peerSetup.error) log(`${peerSetup.error}: the peers are left out`);
const wrk = env.BENCH_LOAD === 'autocannon' ? { error: 'BENCH_LOAD=autocannon' } : ensureWrk();
if (wrk.path) useWrk(wrk.path);
else log(`${wrk.error}: the load is made by autocannon, which may itself be the ceiling near 15–20k req/s`);
const autocannonVersion = versionOf(join(root, 'node_modules', 'autocannon'));
const loadGenerator = wrk.path
  ? `wrk ${wrk.version} (\`-t1\`), ${CONNECTIONS} connections; latencies from its 999 quantiles per measure, merged over rounds`
  : `autocannon ${autocannonVersion} (wrk not found: ${wrk.error}), ${CONNECTIONS} connections; latencies per response, to the microsecond`;
const vendors = await (async () => {
  const proc = launch(process.execPath, SANDBOX_ARGS, { cwd: pkg, name: 'kyc-sandbox' });
  try {
    const first = await firstOk(proc, '/__sandbox/vendors').catch(() => undefined);
    if (!first) return 'unknown';
    const list = JSON.parse(first.body);
    const items = Array.isArray(list) ? list : (list.vendors ?? list.items ?? []);
    return items.map((vendor) => vendor.name ?? vendor.vendor ?? JSON.stringify(vendor)).join(', ');
  } catch {
    return 'unknown';
  } finally {
    await stop(proc);
  }
})();

const servers = [
  sandboxServer(),
  sandboxServer({ db: true }),
  bareServer,
  expressServer,
  ...(peerSetup.error ? [] : [jsonServer, ...(QUICK ? [] : [prismServer])]),
];
let clientCount = 0;
const results = await sideBySide(servers, {
  // The peers serve what the sandbox answered: Jane by id, the filtered page, and (json-server) every client.
  async onStarted(base, firstBody) {
    const listText = (await checkOk(base, { path: LIST, headers: AUTH })).body;
    const all = await requestJson(`${base}/v1/clients?pageSize=1000`, { headers: AUTH });
    // This process is stopped after this round of starts: the update changes nothing measured.
    const updateText = (await checkOk(base, { method: 'POST', path: `/v1/clients/${JANE}`, headers: AUTH, body: UPDATE_BODY })).body;
    writeFileSync(join(work, 'bodies.json'), JSON.stringify({ getText: firstBody, listText, updateText }));
    writeFileSync(join(work, 'db.pristine.json'), JSON.stringify({ clients: all.items }, null, 2));
    clientCount = all.items.length;
    log(`peers get the same data: ${clientCount} clients`);
  },
});
const byId = Object.fromEntries(results.map((result) => [result.id, result]));

const scale = [];
for (const db of [false, true]) {
  try {
    scale.push(...(await measureScale(db)));
  } catch (error) {
    log(`failed: ${brief(error.message)}`);
    for (const clients of SIZES) scale.push({ clients, db, error: error.message.split('\n')[0] });
  }
}
scale.sort((a, b) => a.clients - b.clients || Number(a.db) - Number(b.db));

log(`kyc-sandbox, ${TENANTS} more tenants`);
let tenants;
try {
  tenants = await measureTenants();
} catch (error) {
  log(`failed: ${brief(error.message)}`);
  tenants = { error: error.message.split('\n')[0] };
}

const targets = evaluateTargets(byId, scale, tenants);
const profiles = [];
if (PROFILE) {
  rmSync(profilesDir, { recursive: true, force: true });
  // A GET is always profiled: where its time goes is the measure against the limit.
  const wanted = [...new Set(['get', ...targets.filter((t) => t.met === false && t.profileLoad).map((t) => t.profileLoad)])];
  for (const load of wanted) {
    const [kind, clients, store] = load.split('-');
    try {
      profiles.push(await profile(load, { load: kind, clients: clients ? Number(clients) : undefined, db: store === 'db' }));
    } catch (error) {
      profiles.push({ name: load, error: error.message.split('\n')[0] });
    }
  }
}
const loadAfter = loadavg();
const totalS = (performance.now() - benchStarted) / 1000;

const peerVersions = Object.entries(peerSetup.versions).map(([name, version]) => `${name} ${version ?? 'not installed'}`).join(', ');
const verdict = (met) => (met === undefined ? 'not measured' : met ? '**met**' : '**missed**');
const profileFor = {
  get: 'GET by id (window: the load)',
  list: 'list with filter (window: the load)',
  update: 'update, default seed (window: the load)',
  start: 'start → first 200 (window: spawn to the first 200)',
};
const report = `# Benchmark results

One run of \`npm run bench${QUICK ? ' -- --quick' : ''}\` (${f0(totalS)} s), ${date} UTC, kyc-sandbox ${versionOf(root)} at ${env.BENCH_REVISION ?? gitDescription()}.

- Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Linux ${release()}; load average ${loadBefore.map(f2).join(' ')} before the run, ${loadAfter.map(f2).join(' ')} after (anything else running on the machine shows here and skews absolute numbers; the ratios are taken within this run).
- Node ${process.version}; load by ${loadGenerator}; side by side, ${SECONDS} s of load per measure and server in ${ROUNDS} interleaved rounds, after ${WARMUP} s of warm-up, and ${STARTS} starts per server interleaved the same way, each load and start begun once every server has used at most a tick of CPU over 200 ms (at most 5 s of waiting: a peer works off the backlog of a load that has ended); at scale, the sizes of each store side by side the same way, ${SCALE_SECONDS} s per measure and size in ${ROUNDS} interleaved rounds.
- Peers (fetched into \`bench/.peers\`, pinned): express ${versionOf(join(root, 'node_modules', 'express'))} (the project's own), ${peerVersions}.${peerSetup.error ? ` **${peerSetup.error}.**` : ''}
- kyc-sandbox: \`node ${SANDBOX_ARGS.join(' ')}\`, every vendor loaded (${vendors}), default seed; auth, request validation and the request journal as shipped, rate limit raised out of the way. It and Prism are called with \`Authorization: ${KEY}\`; the bare node:http server answers the very bytes the sandbox answered (Jane Doe, the filtered page, the updated client, after reading the update's body), and the Express route and json-server the same JSON (json-server: the same ${clientCount} clients).
- Requests: GET \`/v1/clients/${JANE}\`; list \`${LIST}\` (json-server: \`/clients?type=person&_page=1&_per_page=10\`); update \`POST /v1/clients/${JANE}\` with \`${JSON.stringify(UPDATE_BODY)}\` (json-server: \`PATCH /clients/${JANE}\`, which rewrites its db.json).

## Side by side

${mainTable(results)}

${ratioTable(byId.sandbox, results.filter((r) => r !== byId.sandbox))}

## kyc-sandbox at scale

\`--clients N\` for the key. In memory: start → first 200 on \`/__sandbox/health\`, then the key's first request seeds its N clients (“seeding”). With \`--db\`: a first process seeds the key into an empty file and stops (writing the snapshot); the figures are of a second process restarted over that file (start → first 200 on the seeded key's GET). The sizes of a store are up together and measured in interleaved rounds, as the peers are above, so that a moment of the machine's own (at \`--db\`, the kernel's disk work) weighs on every size alike. Updates rotate over ${100} of the key's clients; list is \`${LIST}\`; ${CONNECTIONS} connections, so p50 includes queueing behind the other connections.

${scaleTable(scale)}

## The memory a tenant costs

${
  tenants.error
    ? `failed: ${tenants.error}`
    : `RSS of kyc-sandbox (as above, \`--max-tenants ${tenants.tenants + 1}\`) once the bench key's tenant is seeded: ${f1(tenants.seededMb)} MB; once ${tenants.journalEntries} more GETs with the bench key have filled the request journal, which keeps that many requests whoever sends them (so that its growth, bounded and no tenant's, is in both figures; before, it grew by ${tenants.tenants} entries within the measure), and finished compiling the request checks left to compile between requests: ${f1(tenants.beforeMb)} MB; after ${tenants.tenants} more tenants (a first GET each, with a key of its own, default seed): ${f1(tenants.afterMb)} MB; **${f1(tenants.perTenantKb)} KB per tenant**, from the last two.`
}

## Targets

| target | measured | ratio / value | |
| --- | --- | --- | --- |
${targets.map((t) => `| ${t.target} | ${t.measured} | ${t.value} | ${verdict(t.met)} |`).join('\n')}

${
  profiles.length === 0
    ? PROFILE
      ? 'Every target met: no profile taken.'
      : 'Profiles skipped (BENCH_PROFILE=0).'
    : `## Profiles: a GET, and each missed target

\`node --cpu-prof\` on kyc-sandbox under the same load; the raw profiles are in \`bench/.profiles/\` (open them in Chrome DevTools or \`npx speedscope\`), summarised with \`node bench/lib/cpuprofile.mjs FILE\`. Self time, by function and by owner, with dist/ frames mapped to src/ by the source maps.

${profiles
  .map((p) => {
    const [, clients, store] = p.name.split('-');
    const title = profileFor[p.name] ?? `update at ${clients} clients, ${store === 'db' ? '--db' : 'in memory'} (window: the load)`;
    if (p.error) return `### ${title}\n\nfailed: ${p.error}`;
    const under = p.measured ? ` (${f0(p.measured.rps)} req/s, p99 ${ms(p.measured.p99)} ms under the profiler)` : '';
    const perStage = p.stages
      ? `\n\nWhere the time goes, by stage of the request (\`src/server/\`; each sample given to the innermost stage on its stack, so a stage excludes the stages it calls; node's HTTP parser, the event loop and the socket's reading are in “other”), over the ${p.measured?.count ?? '?'} requests answered:\n\n${stagesMarkdown(p.stages)}`
      : '';
    return `### ${title}${under}${perStage}\n\nBy function: \`${p.path}\`: ${summaryMarkdown(p.summary)}`;
  })
  .join('\n\n')}`
}
`;
// The install section belongs to `npm run bench:install`: carried over as that bench last wrote it.
const resultsFile = join(benchDir, 'RESULTS.md');
const installSection = /<!-- install:start -->[\s\S]*<!-- install:end -->/.exec(readFileSync(resultsFile, { encoding: 'utf8', flag: 'a+' }))?.[0];
writeFileSync(resultsFile, installSection ? `${report.trimEnd()}\n\n${installSection}\n` : report);
process.stdout.write(report);
clearTimeout(deadline);
