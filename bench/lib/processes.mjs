// Child processes of the bench: each runs in its own process group, is tracked, and is killed when
// the bench ends, however it ends (normal exit, thrown error, Ctrl-C, SIGTERM, the deadline).
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';

const live = new Set();

/** Kills every process group the bench started and has not stopped yet. Synchronous: safe in 'exit'. */
export function killAll(signal = 'SIGKILL') {
  for (const proc of live) {
    try {
      process.kill(-proc.pid, signal);
    } catch {
      // already gone
    }
  }
  live.clear();
}

process.on('exit', () => killAll());
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(signal, () => {
    process.stderr.write(`\nbench: ${signal}, stopping every process it started\n`);
    killAll();
    process.exit(130);
  });
}

const tail = (text, limit = 4000) => (text.length > limit ? text.slice(-limit) : text);

/**
 * Spawns `command args` in a new process group (so anything it forks dies with it), with the time
 * taken just before the spawn. `ready` resolves with the first `http://127.0.0.1:PORT` the process
 * prints, for servers started on port 0.
 */
export function launch(command, args, { cwd, env = {}, name = args[0] } = {}) {
  const started = performance.now();
  const child = spawn(command, args, {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const proc = { name, child, pid: child.pid, started, stdout: '', stderr: '', exitCode: undefined };
  live.add(proc);
  proc.exited = new Promise((resolve) => {
    child.once('exit', (code, signal) => {
      live.delete(proc);
      proc.exitCode = code ?? signal;
      resolve(proc.exitCode);
    });
  });
  child.stdout.on('data', (chunk) => (proc.stdout = tail(proc.stdout + chunk)));
  child.stderr.on('data', (chunk) => (proc.stderr = tail(proc.stderr + chunk)));
  proc.ready = new Promise((resolve, reject) => {
    const onData = () => {
      const match = /http:\/\/127\.0\.0\.1:(\d+)/.exec(proc.stdout);
      if (match && match[1] !== '0') {
        child.stdout.off('data', onData);
        resolve(`http://127.0.0.1:${match[1]}`);
      }
    };
    child.stdout.on('data', onData);
    proc.exited.then((code) => reject(new Error(`${name} exited (${code}) before it was ready\n${describe(proc)}`)));
  });
  proc.ready.catch(() => {});
  return proc;
}

export function describe(proc) {
  return `--- ${proc.name} stdout ---\n${proc.stdout.trim()}\n--- ${proc.name} stderr ---\n${proc.stderr.trim()}`;
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves with the exit code or signal. */
export async function stop(proc, graceMs = 20_000) {
  if (proc.exitCode !== undefined) return proc.exitCode;
  try {
    process.kill(-proc.pid, 'SIGTERM');
  } catch {
    // gone already
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-proc.pid, 'SIGKILL');
    } catch {
      // gone already
    }
  }, graceMs);
  const code = await proc.exited;
  clearTimeout(timer);
  return code;
}

/** A port that was free a moment ago, for servers that cannot be started on port 0. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** One request over a fresh connection (no agent, no undici warm-up in the measurement). */
export function request(url, { method = 'GET', headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.setTimeout(120_000, () => req.destroy(new Error(`${method} ${url} timed out`)));
    req.end(body);
  });
}

export async function requestJson(url, options) {
  const response = await request(url, options);
  if (response.status !== 200) throw new Error(`${options?.method ?? 'GET'} ${url}: ${response.status} ${response.body.slice(0, 300)}`);
  return JSON.parse(response.body);
}

/**
 * Milliseconds from spawning `proc` to its first 200 on `path`: polls every 5 ms, on the port the
 * process printed (`url` undefined) or on a known one.
 */
export async function firstOk(proc, path, { url, headers = {}, timeoutMs = 60_000 } = {}) {
  const base = url ?? (await proc.ready);
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    if (proc.exitCode !== undefined) throw new Error(`${proc.name} exited (${proc.exitCode}) before answering 200\n${describe(proc)}`);
    const response = await request(base + path, { headers }).catch(() => undefined);
    if (response?.status === 200) return { ms: performance.now() - proc.started, url: base, body: response.body };
    if (performance.now() > deadline) {
      throw new Error(`${proc.name}: no 200 on ${path} within ${timeoutMs} ms (last: ${response?.status})\n${describe(proc)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/**
 * Calls `visit(entry, fields)` for each process of the process groups `pgids` (the servers and
 * anything they forked): `entry` its folder under /proc, `fields` its stat after the parenthesised
 * name (state ppid pgrp …). A process that ends while read is skipped.
 */
function forEachInGroups(pgids, visit) {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (!pgids.has(Number(fields[2]))) continue;
      visit(entry, fields);
    } catch {
      // the process ended while being read
    }
  }
}

/**
 * Resident, peak resident and anonymous resident memory (MB) of the process group: the server and
 * anything it forked. Anonymous is the heap and buffers; the rest is mapped files (the node binary).
 */
export function memoryOf(proc) {
  let rss = 0;
  let hwm = 0;
  let anon = 0;
  forEachInGroups(new Set([proc.pid]), (entry) => {
    const status = readFileSync(`/proc/${entry}/status`, 'utf8');
    rss += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    hwm += Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
    anon += Number(/RssAnon:\s+(\d+)/.exec(status)?.[1] ?? 0);
  });
  return { rssMb: rss / 1024, hwmMb: hwm / 1024, anonMb: anon / 1024 };
}

/** CPU time (ms, user and system) used so far by the process groups of `procs`: the servers and anything they forked. */
export function cpuMsOf(procs) {
  let ticks = 0;
  // utime and stime: fields 14 and 15 of stat, in clock ticks of 10 ms.
  forEachInGroups(new Set(procs.map((proc) => proc.pid)), (_, fields) => (ticks += Number(fields[11]) + Number(fields[12])));
  return ticks * 10;
}

/**
 * Resolves once the processes together use no more than a tick of CPU over `windowMs`, or after
 * `maxMs`: a server still working off a load that has ended (Prism answers its backlog for seconds
 * after wrk stops) must not take the CPU from the next server measured on this 2-core machine.
 */
export async function untilQuiet(procs, { windowMs = 200, maxMs = 5000 } = {}) {
  for (const deadline = Date.now() + maxMs; Date.now() < deadline; ) {
    const before = cpuMsOf(procs);
    await new Promise((resolve) => setTimeout(resolve, windowMs));
    if (cpuMsOf(procs) - before <= 10) return;
  }
}
