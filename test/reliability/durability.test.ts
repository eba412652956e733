import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCli } from '../helpers/cli.js';

const KEY = 'test_durable_secret';
const headers = { Authorization: KEY, 'Content-Type': 'application/json' };

describe('--db under SIGKILL', () => {
  it('keeps every write that was answered, and the file stays readable', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'kyc-kill-')), 'sandbox.json');
    const first = await startCli(['--port', '0', '--db', db, '--rate-limit', '0', '--log-level', 'silent']);
    const acknowledged: string[] = [];
    let stop = false;
    // Four writers keep writing; the server is killed in the middle of the burst.
    const writers = Array.from({ length: 4 }, async (_, writer) => {
      for (let index = 0; !stop; index++) {
        try {
          const response = await fetch(`${first.url}/v1/clients`, {
            method: 'POST',
            headers,
            body: JSON.stringify({
              type: 'person',
              email: `w${writer}.${index}@example.com`,
              personDetails: { firstName: 'Kill', lastName: `Nine${index}` },
            }),
          });
          if (response.status === 200) acknowledged.push(((await response.json()) as { id: string }).id);
        } catch {
          return;
        }
      }
    });
    // Killed once forty writes are answered, whatever the machine's speed, with the four writers still going.
    for (let waited = 0; acknowledged.length < 40 && waited < 20_000; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
    first.child.kill('SIGKILL');
    stop = true;
    await Promise.all(writers);
    await first.exited;
    expect(acknowledged.length).toBeGreaterThanOrEqual(40);

    const second = await startCli(['--port', '0', '--db', db, '--rate-limit', '0', '--log-level', 'silent']);
    try {
      const listed = (await (await fetch(`${second.url}/v1/clients?pageSize=1000`, { headers })).json()) as { items: { id: string }[] };
      const present = new Set(listed.items.map((client) => client.id));
      expect(acknowledged.filter((id) => !present.has(id))).toEqual([]);
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
  }, 30_000);
});

describe('logs', () => {
  it('never carry keys, even at the most verbose level', async () => {
    const cli = await startCli(['--port', '0', '--log-level', 'trace']);
    try {
      await fetch(`${cli.url}/v1/clients?pageSize=1`, { headers });
      await fetch(`${cli.url}/v1/clients/nope`, { headers: { Authorization: KEY } });
      await fetch(`${cli.url}/v1/clients`, { method: 'POST', headers, body: '{"broken":' });
    } finally {
      cli.child.kill('SIGTERM');
      await cli.exited;
    }
    expect(cli.stderr()).toContain('"path":"/v1/clients"');
    expect(cli.stderr()).not.toContain(KEY);
  }, 20_000);
});
