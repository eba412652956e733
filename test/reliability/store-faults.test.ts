import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmdirSync, statSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, startCli, startCommand, type RunningCli } from '../helpers/cli.js';
import { launch } from '../helpers/sandbox.js';
import { TENZIN_ID } from '../helpers/send.js';
import { loadSpec } from '../../src/spec/load-spec.js';
import { ResponseValidator } from '../../src/validation/response-validator.js';
import { VENDORS } from '../../src/registry/vendors.js';

const tempDb = () => join(mkdtempSync(join(tmpdir(), 'kyc-faults-')), 'sandbox.json');
const QUIET = ['--port', '0', '--rate-limit', '0', '--log-level', 'silent'];
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Runs the command to its end: a start that is refused never prints the ready line. */
function runToExit(args: string[], cwd?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [CLI, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  return new Promise((resolve) =>
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    }),
  );
}

async function stop(cli: RunningCli, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
  cli.child.kill(signal);
  return cli.exited;
}

const complyCubeHeaders = (key: string) => ({ Authorization: key, 'Content-Type': 'application/json' });

async function createClient(url: string, key: string, email: string): Promise<{ id: string; email: string }> {
  const response = await fetch(`${url}/v1/clients`, {
    method: 'POST',
    headers: complyCubeHeaders(key),
    body: JSON.stringify({ type: 'person', email, personDetails: { firstName: 'Store', lastName: 'Fault' } }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as { id: string; email: string };
}

const getClient = async (url: string, key: string, id: string) => {
  const response = await fetch(`${url}/v1/clients/${id}`, { headers: complyCubeHeaders(key) });
  return { status: response.status, body: (await response.json()) as { email?: string } };
};

async function waitFor(condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('one process per --db file', () => {
  it('refuses a second process naming the file, while the first keeps serving and keeps every write', async () => {
    const db = tempDb();
    const first = await startCli([...QUIET, '--db', db]);
    let restarted: RunningCli | undefined;
    try {
      const before = await createClient(first.url, 'test_lock', 'before@example.com');

      const second = await runToExit([...QUIET, '--db', db]);
      expect(second.code).toBe(1);
      expect(second.stdout).toBe('');
      expect(second.stderr).toBe(
        `kyc-sandbox: ${db} is in use by kyc-sandbox process ${first.child.pid}; ` +
          'two processes on one file would lose each other’s writes: stop it, or give this one another --db\n',
      );

      const after = await createClient(first.url, 'test_lock', 'after@example.com');
      expect(await stop(first)).toBe(0);

      restarted = await startCli([...QUIET, '--db', db]);
      expect(await getClient(restarted.url, 'test_lock', before.id)).toEqual({ status: 200, body: before });
      expect(await getClient(restarted.url, 'test_lock', after.id)).toEqual({ status: 200, body: after });
    } finally {
      first.child.kill('SIGKILL');
      if (restarted) await stop(restarted);
    }
  }, 40_000);

  it('takes over the lock of a process that is gone', async () => {
    const db = tempDb();
    const gone = spawn(process.execPath, ['-e', '']);
    await new Promise((resolve) => gone.once('exit', resolve));
    writeFileSync(`${db}.lock`, JSON.stringify({ pid: gone.pid, host: hostname() }));
    const cli = await startCli([...QUIET, '--db', db]);
    expect(await stop(cli)).toBe(0);
    expect(existsSync(`${db}.lock`)).toBe(false);
  }, 20_000);
});

describe('--db paths in errors', () => {
  it('names the folder that does not exist, as given', async () => {
    const result = await runToExit([...QUIET, '--db', '/nonexistent/dir/x.json']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('kyc-sandbox: cannot keep data in /nonexistent/dir/x.json: its folder /nonexistent/dir does not exist\n');
  });

  it('names a relative path as given, not as resolved', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'kyc-faults-'));
    const result = await runToExit([...QUIET, '--db', 'missing/x.json'], cwd);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('kyc-sandbox: cannot keep data in missing/x.json: its folder missing does not exist\n');
  });

  it('names a --db that is a folder', async () => {
    const db = tempDb();
    mkdirSync(db);
    const result = await runToExit([...QUIET, '--db', db]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`kyc-sandbox: cannot keep data in ${db}: it is not a file\n`);
  });
});

describe('replaying the write-ahead log', () => {
  /** A log as a crash leaves it: a seeding and an acknowledged client, from a sandbox killed after answering. */
  async function crashedLog(): Promise<{ db: string; lines: string[]; client: { id: string; email: string } }> {
    const db = tempDb();
    const cli = await startCli([...QUIET, '--db', db]);
    const client = await createClient(cli.url, 'test_replay', 'replayed@example.com');
    await stop(cli, 'SIGKILL');
    const lines = readFileSync(`${db}.wal`, 'utf8').split('\n').filter(Boolean);
    expect(lines.length).toBeGreaterThanOrEqual(3);
    return { db, lines, client };
  }

  const TORN = '{"p":"complycube:0123","c":"clients","i":"x","r":{"id":';

  it('refuses a corrupt line in the middle, naming the file and the line', async () => {
    const { db, lines } = await crashedLog();
    writeFileSync(`${db}.wal`, [lines[0], TORN, ...lines.slice(1)].join('\n') + '\n');
    const result = await runToExit([...QUIET, '--db', db]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`^kyc-sandbox: ${escape(db)}\\.wal, line 2: not JSON \\(.+\\); fix or remove that line to start\\n$`));
    // Refused before the lock was kept: the file is free for the next try.
    expect(existsSync(`${db}.lock`)).toBe(false);
  }, 30_000);

  it('leaves out a torn last line, and keeps every line before it', async () => {
    const { db, lines, client } = await crashedLog();
    writeFileSync(`${db}.wal`, [...lines, TORN].join('\n'));
    const cli = await startCli([...QUIET, '--db', db]);
    try {
      expect(await getClient(cli.url, 'test_replay', client.id)).toEqual({ status: 200, body: client });
    } finally {
      await stop(cli);
    }
  }, 30_000);

  const VALID = '{"p":"complycube:0123","s":{"draws":0,"seeded":true}}';
  const REFUSED: [string, string][] = [
    ['{"p":"__proto__","s":{"draws":0,"seeded":true}}', '"p" (the partition) must be a non-empty name'],
    ['{"p":"complycube:0123","c":"__proto__","i":"polluted","r":{"id":"polluted"}}', '"c" (the collection) must be a non-empty name'],
    ['{"b":[{"p":"__proto__","drop":true}]}', 'in its list of changes: "p" (the partition) must be a non-empty name'],
    ['{}', '"p" (the partition) must be a non-empty name'],
    ['[1,2]', 'not a JSON object'],
    ['{"p":7,"drop":true}', '"p" (the partition) must be a non-empty name'],
    ['{"p":"complycube:0123","drop":"yes"}', 'a drop is exactly {"p", "drop": true}'],
    ['{"p":"complycube:0123","s":{"draws":"many","seeded":true}}', '"s.draws" must be a whole number'],
    ['{"p":"complycube:0123","s":{"draws":1,"seeded":"yes"}}', '"s.seeded" must be true or false'],
    ['{"p":"complycube:0123","c":"clients","i":"1","r":"a record"}', '"r" must be the record, or null for a deletion'],
    ['{"p":"complycube:0123","c":"clients","i":"1","r":{"id":"2"}}', '"r.id" must be the record id "i"'],
    ['{"b":{"p":"complycube:0123","drop":true}}', '"b" must be the only field, a list of changes'],
  ];

  it.each(REFUSED)('refuses %s, in the middle or last, and nothing reaches Object.prototype', async (line, reason) => {
    for (const log of [[VALID, line, VALID], [VALID, line]]) {
      const db = tempDb();
      writeFileSync(`${db}.wal`, log.join('\n') + '\n');
      await expect(launch({ db })).rejects.toThrow(`${db}.wal, line 2: ${reason}; fix or remove that line to start`);
    }
    expect(Object.prototype).not.toHaveProperty('state');
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses a corrupt line of the snapshot, naming the file and the line', async () => {
    const db = tempDb();
    writeFileSync(db, [VALID, '{"p":"complycube:0123","s":{"draws":-1,"seeded":true}}'].join('\n') + '\n');
    await expect(launch({ db })).rejects.toThrow(`${db}, line 2: "s.draws" must be a whole number; fix or remove that line to start`);
  });
});

describe('a write the log cannot take', () => {
  const sendHeaders = { 'X-Client-Id': 'test_full_disk', 'X-Client-Secret': 'secret', 'Content-Type': 'application/json' };

  it('is answered 500 in the vendor’s format, and the data does not show it, then or after a restart', async () => {
    const contract = new ResponseValidator(await Promise.all(VENDORS.map((vendor) => loadSpec(vendor.name, vendor.specPath))));
    const call = async (url: string, method: string, body?: unknown) => {
      const path = `/users/${TENZIN_ID}`;
      const response = await fetch(url + path, { method, headers: sendHeaders, body: body === undefined ? undefined : JSON.stringify(body) });
      const parsed = (await response.json()) as { address_line1?: string };
      const headers = Object.fromEntries(response.headers);
      expect(contract.check({ method, path, status: response.status, headers, body: parsed })).toEqual([]);
      return { status: response.status, body: parsed };
    };

    // How large the log is once this tenant is seeded, to let it grow by a few updates only.
    const sizing = tempDb();
    const measuring = await startCli([...QUIET, '--db', sizing]);
    expect((await call(measuring.url, 'GET')).status).toBe(200);
    const seededBytes = statSync(`${sizing}.wal`).size;
    await stop(measuring, 'SIGKILL');

    // A full disk, for this process's files only: writes past the size limit fail with EFBIG.
    const db = tempDb();
    const limitKb = Math.ceil((seededBytes + 6000) / 1024);
    const full = await startCommand('bash', ['-c', `ulimit -f ${limitKb} && exec "$0" "$@"`, process.execPath, CLI, ...QUIET, '--db', db]);
    let acknowledged: string | undefined;
    let refused: { status: number; body: unknown } | undefined;
    try {
      expect((await call(full.url, 'GET')).status).toBe(200);
      for (let attempt = 1; attempt <= 40 && !refused; attempt++) {
        const response = await call(full.url, 'PATCH', { address_line1: `${attempt} Full Disk Rd` });
        if (response.status === 200) acknowledged = `${attempt} Full Disk Rd`;
        else refused = response;
      }
      expect(acknowledged).toBeDefined();
      expect(refused).toEqual({ status: 500, body: { success: false, error: { code: 'INTERNAL_SERVER_ERROR', message: 'Something went wrong' } } });
      expect((await call(full.url, 'GET')).body.address_line1).toBe(acknowledged);
    } finally {
      await stop(full, 'SIGKILL');
    }

    const restarted = await startCli([...QUIET, '--db', db]);
    try {
      expect((await call(restarted.url, 'GET')).body.address_line1).toBe(acknowledged);
    } finally {
      await stop(restarted);
    }
  }, 60_000);
});

describe('a snapshot that cannot be written', () => {
  it('is logged, the process stays up with its log kept, and a later try succeeds once the obstacle is gone', async () => {
    const db = tempDb();
    mkdirSync(`${db}.tmp`);
    const cli = await startCli(['--port', '0', '--rate-limit', '0', '--log-level', 'error', '--db', db]);
    let restarted: RunningCli | undefined;
    try {
      const client = await createClient(cli.url, 'test_snapshot', 'kept@example.com');
      // Each new SEND client seeds about 40 KB: enough of them outgrow the 8 MB a log may reach before a snapshot.
      for (let tenant = 0; tenant < 260 && !cli.stderr().includes('snapshot'); tenant++) {
        const response = await fetch(`${cli.url}/users/${TENZIN_ID}`, { headers: { 'X-Client-Id': `test_bulk_${tenant}`, 'X-Client-Secret': 's' } });
        expect(response.status).toBe(200);
      }
      await waitFor(() => cli.stderr().includes('snapshot'), 'the failed snapshot to be logged');
      expect(cli.stderr()).toContain(
        `"msg":"the snapshot could not be written; ${db}.wal keeps every change, and the snapshot is tried again in 1000 ms"`,
      );
      expect(cli.stderr()).toContain(`EISDIR: illegal operation on a directory, open '${db}.tmp'`);
      expect(existsSync(db)).toBe(false);
      expect(statSync(`${db}.wal.old`).size).toBeGreaterThan(8 * 1024 * 1024);
      expect(await getClient(cli.url, 'test_snapshot', client.id)).toEqual({ status: 200, body: client });

      rmdirSync(`${db}.tmp`);
      await waitFor(() => existsSync(db) && !existsSync(`${db}.wal.old`), 'a snapshot once the obstacle is gone');
      expect(readFileSync(db, 'utf8')).toContain('kept@example.com');

      // Killed now, it loses nothing: the snapshot and the log hold every answered write.
      await stop(cli, 'SIGKILL');
      restarted = await startCli([...QUIET, '--db', db]);
      expect(await getClient(restarted.url, 'test_snapshot', client.id)).toEqual({ status: 200, body: client });
    } finally {
      cli.child.kill('SIGKILL');
      if (restarted) await stop(restarted);
    }
  }, 90_000);

  it('on shutdown is logged, and the log it keeps is replayed on the next start', async () => {
    const db = tempDb();
    const cli = await startCli(['--port', '0', '--rate-limit', '0', '--log-level', 'error', '--db', db]);
    const client = await createClient(cli.url, 'test_snapshot_close', 'closing@example.com');
    mkdirSync(`${db}.tmp`);
    expect(await stop(cli)).toBe(0);
    expect(cli.stderr()).toContain(`"msg":"the snapshot was not written on close; ${db}.wal keeps every change and is replayed on next start"`);
    rmdirSync(`${db}.tmp`);
    const restarted = await startCli([...QUIET, '--db', db]);
    try {
      expect(await getClient(restarted.url, 'test_snapshot_close', client.id)).toEqual({ status: 200, body: client });
    } finally {
      await stop(restarted);
    }
  }, 30_000);
});
