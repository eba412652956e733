// Build step: runs the built command once, as its shebang line runs it, so that its entry writes the
// V8 code cache the next starts compile from (src/cli/main.cts): start, a first request, stop.
// A cache made here serves this Node version with these flags; any other run makes its own.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

const ENTRY = 'dist/cli/main.js';
const CACHE_FOLDER = 'dist/cli/code-cache';
const shebangFlags = readFileSync(ENTRY, 'utf8').split('\n', 1)[0].replace(/^#!.*?\bnode\b/, '').trim().split(/\s+/).filter(Boolean);

const child = spawn(process.execPath, [...shebangFlags, ENTRY, '--port', '0', '--log-level', 'warn'], { stdio: ['ignore', 'pipe', 'inherit'] });
const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
const url = await new Promise((resolve, reject) => {
  let stdout = '';
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
    const ready = /listening on (http:\/\/\S+)/.exec(stdout);
    if (ready) resolve(ready[1]);
  });
  void exited.then((code) => reject(new Error(`the command exited (${code}) before it was ready:\n${stdout}`)));
});
try {
  // A start's usual first request: a tenant seeded, a client read.
  const response = await fetch(`${url}/v1/clients/5eb04fcd0f3e360008035eb1`, { headers: { Authorization: 'code-cache' } });
  if (response.status !== 200) throw new Error(`the first request was answered ${response.status}`);
} finally {
  child.kill('SIGTERM');
}
const code = await exited;
if (code !== 0) throw new Error(`the command stopped with ${code}`);
if (!readdirSync(CACHE_FOLDER).some((name) => name.endsWith('.bin'))) throw new Error(`no code cache in ${CACHE_FOLDER}`);
