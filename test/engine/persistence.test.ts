import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch } from '../helpers/sandbox.js';
import { complyCube, JANE_DOE_ID, newPerson } from '../helpers/complycube.js';
import { Store } from '../../src/store/store.js';

/** The snapshot: one JSON record a line, in the write-ahead log's own form. */
const snapshotLines = (file: string) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { p: string; c?: string; i?: string; r?: unknown });

const tempFile = () => join(mkdtempSync(join(tmpdir(), 'kyc-sandbox-')), 'db.json');

describe('--db', () => {
  it('keeps creates, updates and deletes across a restart', async () => {
    const db = tempFile();
    const first = await launch({ db });
    const api = complyCube(first, 'test_persist');
    const created = (await api.post('/clients', newPerson())).body;
    await api.post(`/clients/${JANE_DOE_ID}`, { email: 'jane.doe@example.com' });
    const doomed = (await api.post('/clients', newPerson({ email: 'doomed@example.com' }))).body;
    await api.delete(`/clients/${doomed.id}`);
    await first.stop();
    const lines = snapshotLines(db);
    expect(lines.some((line) => line.c === 'clients' && line.i === created.id)).toBe(true);
    expect(lines.some((line) => line.i === doomed.id)).toBe(false);

    const second = await launch({ db });
    try {
      const again = complyCube(second, 'test_persist');
      expect((await again.get(`/clients/${created.id}`)).body).toEqual(created);
      expect((await again.get(`/clients/${JANE_DOE_ID}`)).body.email).toBe('jane.doe@example.com');
      expect((await again.get(`/clients/${doomed.id}`)).status).toBe(404);
      // Seeding is not repeated, and ids drawn before the restart are not drawn again.
      expect((await again.get('/clients')).body.totalItems).toBe(27);
      const next = (await again.post('/clients', newPerson())).body;
      expect([created.id, doomed.id]).not.toContain(next.id);
    } finally {
      await second.stop();
    }
  });
});

describe('the store', () => {
  it('recovers acknowledged writes from its log when it was never closed', async () => {
    const file = tempFile();
    const crashed = await Store.open({ file });
    const partition = crashed.createPartition('vendor:tenant');
    partition.collection('things').put({ id: 'a', value: 1 } as { id: string });
    partition.collection('things').put({ id: 'b', value: 2 } as { id: string });
    partition.collection('things').delete('a');

    // A crashed process leaves its lock naming a process that is gone; this one is alive, so remove it.
    rmSync(`${file}.lock`);
    const recovered = await Store.open({ file });
    const things = recovered.partition('vendor:tenant')!.collection('things');
    expect(things.values()).toEqual([{ id: 'b', value: 2 }]);
    await recovered.close();
  });

  it('compacts the log into the snapshot on its own once the log outgrows it', async () => {
    const file = tempFile();
    const store = await Store.open({ file, minCompactBytes: 1000, compactRatio: 1 });
    const things = store.createPartition('vendor:tenant').collection('things');
    let written = 0;
    for (let index = 0; index < 200; index++) {
      const record = { id: String(index % 10), payload: 'x'.repeat(50) };
      written += JSON.stringify(record).length;
      things.put(record as { id: string });
    }
    // Snapshots are written in the background, one after another while the log keeps outgrowing them;
    // a loaded machine may take a while to catch up.
    const caughtUp = () => existsSync(file) && readFileSync(`${file}.wal`, 'utf8').length < written / 2;
    for (let waited = 0; !caughtUp() && waited < 5000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(snapshotLines(file).filter((line) => line.p === 'vendor:tenant' && line.c === 'things').length).toBeGreaterThan(0);
    expect(readFileSync(`${file}.wal`, 'utf8').length).toBeLessThan(written / 2);
    await store.close();
    expect(readFileSync(`${file}.wal`, 'utf8')).toBe('');
    const reopened = await Store.open({ file });
    expect(reopened.partition('vendor:tenant')!.collection('things').size).toBe(10);
    await reopened.close();
  });
});
