import { launch, type TestSandbox } from '../helpers/sandbox.js';
import { complyCube, newPerson } from '../helpers/complycube.js';

async function firstPageAndNewId(seed: string, key = 'test_same_key') {
  const sandbox: TestSandbox = await launch({ seed });
  try {
    const api = complyCube(sandbox, key);
    const page = (await api.get('/clients?pageSize=5')).body;
    const created = (await api.post('/clients', newPerson())).body;
    return { page: page.items, newId: created.id as string };
  } finally {
    await sandbox.stop();
  }
}

describe('seeded data', () => {
  it('is the same for the same seed and key, ids included, on every run', async () => {
    const first = await firstPageAndNewId('7');
    const second = await firstPageAndNewId('7');
    expect(second.page).toEqual(first.page);
    expect(second.newId).toBe(first.newId);
    expect(first.page).toHaveLength(5);
  });

  it('differs for another seed and for another key', async () => {
    const base = await firstPageAndNewId('7');
    const otherSeed = await firstPageAndNewId('8');
    const otherKey = await firstPageAndNewId('7', 'test_other_key');
    const ids = (page: { id: string }[]) => page.map((client) => client.id);
    expect(ids(otherSeed.page)).not.toEqual(ids(base.page));
    expect(ids(otherKey.page)).not.toEqual(ids(base.page));
    expect(otherSeed.newId).not.toBe(base.newId);
  });

  it('seeds as many clients as asked, persons and companies both', async () => {
    const sandbox = await launch({ clients: 60 });
    try {
      const api = complyCube(sandbox);
      const all = (await api.get('/clients?pageSize=1000')).body;
      // 60 seeded and the documented Jane Doe.
      expect(all.totalItems).toBe(61);
      const types = new Set(all.items.map((client: { type: string }) => client.type));
      expect(types).toEqual(new Set(['person', 'company']));
    } finally {
      await sandbox.stop();
    }
  });
});

describe('CryptoMate trace ids (docs: Errors, docs.cryptomate.me/integration/errors: every answer carries X-Trace-Id)', () => {
  /**
   * A success, a handler's 404, an authentication refusal and an unknown route; then refusals made once
   * a body is read or a delay is over (after the request's first wait): each answer's trace id.
   */
  async function traceIds(seed: string): Promise<string[]> {
    const sandbox = await launch({ seed });
    const key = { 'X-API-KEY': 'trace-key' };
    try {
      const answers = [
        await sandbox.request('GET', '/management/clients', { headers: key }),
        await sandbox.request('GET', '/management/clients/client_missing', { headers: key }),
        await sandbox.request('GET', '/management/clients'),
        await sandbox.request('GET', '/management/nothing-here', { headers: key }),
        await sandbox.request('POST', '/management/clients', { headers: { ...key, 'Content-Type': 'application/json' }, raw: '{"first_name":' }),
        await sandbox.request('POST', '/management/clients', { headers: key, json: { first_name: 7 } }),
        await sandbox.request('GET', '/management/clients', { headers: { ...key, Prefer: 'code=500, delay=5' } }),
      ];
      expect(answers.map((answer) => answer.status)).toEqual([200, 404, 401, 404, 400, 400, 500]);
      return answers.map((answer) => answer.headers.get('x-trace-id')!);
    } finally {
      await sandbox.stop();
    }
  }

  it('are the same for the same seed and requests, errors included, and differ for another seed', async () => {
    const first = await traceIds('7');
    expect(first.every((id) => /^[0-9a-f]{32}$/.test(id))).toBe(true);
    expect(new Set(first).size).toBe(7);
    expect(await traceIds('7')).toEqual(first);
    const other = await traceIds('8');
    expect(other.filter((id, index) => id === first[index])).toEqual([]);
  });
});
