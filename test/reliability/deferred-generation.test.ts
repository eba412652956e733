// ComplyCube's generated clients are made on a tenant's first need of them (a list, an id it lacks, a
// change), not at seeding: most keys only fetch the documented client. Whenever they are made, a tenant
// must see what eager seeding gave, ids included; and its pristine partition stays evictable.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, type TestSandbox } from '../helpers/sandbox.js';
import { complyCube, JANE_DOE_ID, newPerson } from '../helpers/complycube.js';
import { partitionIdOf, tenantHashOf } from '../../src/store/partition-id.js';
import { Partition, type Mutation, type PartitionData, type StoredRecord } from '../../src/store/partition.js';
import { Store } from '../../src/store/store.js';

const tempDb = () => join(mkdtempSync(join(tmpdir(), 'kyc-sandbox-deferred-')), 'db.json');
const LIST = '/clients?pageSize=100';
const held = (sandbox: TestSandbox, key: string) => Object.keys(sandbox.sandbox.inspect(key));

describe('generated clients made on first need', () => {
  const running: TestSandbox[] = [];
  const start = async (options: Parameters<typeof launch>[0] = {}) => {
    const sandbox = await launch(options);
    running.push(sandbox);
    return sandbox;
  };
  afterEach(async () => {
    await Promise.all(running.splice(0).map((sandbox) => sandbox.stop()));
  });

  /** A tenant's clients as seeding made them at once: with `--db` nothing is put off. */
  async function eagerList(key: string) {
    const eager = await start({ db: tempDb() });
    return (await complyCube(eager, key).get(LIST)).body;
  }

  it('lists, after a first fetch by a documented id, the clients seeding made at once', async () => {
    const lazy = complyCube(await start(), 'test_deferred_list');
    expect((await lazy.get(`/clients/${JANE_DOE_ID}`)).status).toBe(200);
    const listed = await lazy.get(LIST);
    expect(listed.status).toBe(200);
    expect(listed.body.totalItems).toBe(26);
    expect(listed.body).toEqual(await eagerList('test_deferred_list'));
  });

  it('answers a first fetch of a generated client’s id, known from an earlier run with the same seed', async () => {
    const generated = (await eagerList('test_deferred_known')).items.find((client: { id: string }) => client.id !== JANE_DOE_ID);
    const lazy = complyCube(await start(), 'test_deferred_known');
    expect(await lazy.get(`/clients/${generated.id}`)).toMatchObject({ status: 200, body: generated });
  });

  it('makes them before an id it lacks is answered 404, and before a create, whose id comes after theirs', async () => {
    const lazy = complyCube(await start(), 'test_deferred_create');
    const eager = complyCube(await start({ db: tempDb() }), 'test_deferred_create');
    for (const api of [lazy, eager]) expect((await api.get('/clients/000000000000000000000000')).status).toBe(404);
    const created = (await lazy.post('/clients', newPerson())).body;
    const createdEagerly = (await eager.post('/clients', newPerson())).body;
    expect(created.id).toBe(createdEagerly.id);
    const ids = async (api: typeof lazy) => (await api.get(LIST)).body.items.map((client: { id: string }) => client.id);
    expect(await ids(lazy)).toEqual(await ids(eager));
    expect(await ids(lazy)).toHaveLength(27);
  });

  it('keeps across a --db restart what a tenant saw and wrote', async () => {
    const db = tempDb();
    const first = await start({ db });
    const api = complyCube(first, 'test_deferred_db');
    expect((await api.get(`/clients/${JANE_DOE_ID}`)).status).toBe(200);
    expect((await api.post(`/clients/${JANE_DOE_ID}`, { email: 'jane.kept@example.com' })).status).toBe(200);
    const before = (await api.get(LIST)).body;
    await first.stop();
    running.splice(running.indexOf(first), 1);

    const again = complyCube(await start({ db }), 'test_deferred_db');
    expect((await again.get(LIST)).body).toEqual(before);
    const lazy = complyCube(await start(), 'test_deferred_db');
    await lazy.post(`/clients/${JANE_DOE_ID}`, { email: 'jane.kept@example.com' });
    const lazyList = (await lazy.get(LIST)).body;
    // Jane's update time is the clock's; every generated client is the same.
    expect(lazyList.items.filter((client: { id: string }) => client.id !== JANE_DOE_ID)).toEqual(
      before.items.filter((client: { id: string }) => client.id !== JANE_DOE_ID),
    );
  });

  it('evicts a pristine tenant whether or not its clients were made, and seeds it again alike', async () => {
    const sandbox = await start({ maxTenants: 2 });
    const fetchedOnly = complyCube(sandbox, 'test_deferred_fetched');
    const listed = complyCube(sandbox, 'test_deferred_listed');
    expect((await fetchedOnly.get(`/clients/${JANE_DOE_ID}`)).status).toBe(200);
    const listedBefore = (await listed.get(LIST)).body;

    for (const other of ['test_deferred_o1', 'test_deferred_o2']) {
      expect((await complyCube(sandbox, other).get(`/clients/${JANE_DOE_ID}`)).status).toBe(200);
    }
    expect(held(sandbox, fetchedOnly.apiKey)).toEqual([]);
    expect(held(sandbox, listed.apiKey)).toEqual([]);

    expect((await listed.get(LIST)).body).toEqual(listedBefore);
    expect((await fetchedOnly.get(LIST)).body).toEqual(await eagerList(fetchedOnly.apiKey));
  });

  it('shows the clients not yet made in the control API’s tenant views', async () => {
    const sandbox = await start();
    const fetchedOnly = async (key: string) => {
      const api = complyCube(sandbox, key);
      expect((await api.get(`/clients/${JANE_DOE_ID}`)).status).toBe(200);
      return { api, partition: partitionIdOf('complycube', key), tenant: tenantHashOf(partitionIdOf('complycube', key)) };
    };
    const counted = await fetchedOnly('test_deferred_counted');
    const shown = await fetchedOnly('test_deferred_shown');
    const inspected = await fetchedOnly('test_deferred_inspected');

    const tenants = (await sandbox.request('GET', '/__sandbox/tenants?vendor=complycube')).body.items;
    expect(tenants.find((entry: { tenant: string }) => entry.tenant === counted.tenant).collections.clients).toBe(26);
    const records = (await sandbox.request('GET', `/__sandbox/tenants/complycube/${shown.tenant}`)).body.collections;
    const inspectedClients = sandbox.sandbox.inspect(inspected.api.apiKey)[inspected.partition]!.clients!;
    for (const [{ api }, clients] of [
      [shown, records.clients],
      [inspected, inspectedClients],
    ] as const) {
      const listed = (await api.get(LIST)).body.items.map((client: { id: string }) => client.id);
      expect(Object.keys(clients).sort()).toEqual(listed.sort());
    }
  });
});

describe('a partition’s deferred generation', () => {
  function partitionWithDeferred() {
    const lines: Mutation[] = [];
    const data: PartitionData = { state: { draws: 0, seeded: true, pristine: true }, collections: { items: { a: { id: 'a' } } } };
    const partition = new Partition('toy:tenant', data, (line) => lines.push(line));
    let runs = 0;
    partition.deferGeneration({
      collections: ['items'],
      generate: (target) => {
        runs++;
        target.collection<StoredRecord>('items').put({ id: 'g1' });
        target.collection<StoredRecord>('items').put({ id: 'g2' });
      },
    });
    return { partition, lines, runs: () => runs };
  }

  it('waits through hits by id and other collections, runs once on a miss, and stays pristine and unlogged', () => {
    const { partition, lines, runs } = partitionWithDeferred();
    const items = partition.collection<StoredRecord>('items');
    expect(items.get('a')).toEqual({ id: 'a' });
    expect(partition.collection<StoredRecord>('others').size).toBe(0);
    expect(runs()).toBe(0);
    expect(items.has('g2')).toBe(true);
    expect(items.size).toBe(3);
    expect(items.values().map((record) => record.id)).toEqual(['a', 'g1', 'g2']);
    expect(Object.isFrozen(items.get('g1'))).toBe(true);
    partition.generateDeferred();
    expect(runs()).toBe(1);
    expect(partition.pristine).toBe(true);
    expect(lines).toEqual([]);
  });

  it('runs before a change, which alone is logged and ends pristine', () => {
    const { partition, lines, runs } = partitionWithDeferred();
    partition.collection<StoredRecord>('items').delete('g1');
    expect(runs()).toBe(1);
    expect(lines).toEqual([{ b: [{ p: 'toy:tenant', s: { draws: 0, seeded: true } }, { p: 'toy:tenant', c: 'items', i: 'g1', r: null }] }]);
    expect(partition.collection<StoredRecord>('items').values().map((record) => record.id)).toEqual(['a', 'g2']);
  });

  it('refuses a generation that changes the partition’s state', () => {
    const partition = new Partition('toy:tenant', { state: { draws: 0, seeded: true, pristine: true }, collections: {} }, () => {});
    partition.deferGeneration({ collections: ['items'], generate: (target) => target.updateState({ draws: 1 }) });
    expect(() => partition.collection('items').values()).toThrow('may only put records');
    expect(partition.state).toEqual({ draws: 0, seeded: true, pristine: true });
  });
});

describe('a store’s partition whose seeding put off a generation', () => {
  const deferring = (partition: Partition) => {
    partition.updateState({ seeded: true, pristine: true });
    partition.deferGeneration({
      collections: ['items'],
      generate: (target) => target.collection<StoredRecord>('items').put({ id: 'g', name: 'generated' } as StoredRecord),
    });
  };

  it('goes on with the partition the store keeps', async () => {
    const store = await Store.open();
    const first = store.createPartition('toy:first', deferring);
    const second = store.createPartition('toy:second', deferring);
    expect(first.collection('others').values()).toEqual([]);
    expect(first.deferred).toBeDefined();
    const made = (partition: Partition) => partition.collection<StoredRecord & { name: string }>('items').get('g')!;
    expect(made(first).name).toBe('generated');
    expect(made(second)).toEqual(made(first));
    expect(first.pristine && second.pristine).toBe(true);
  });

  it('is refused by a store kept in a file, which would never log the records', async () => {
    const store = await Store.open({ file: tempDb() });
    try {
      expect(() => store.createPartition('toy:filed', deferring)).toThrow('cannot put off generating records');
      expect(store.partition('toy:filed')).toBeUndefined();
    } finally {
      await store.close();
    }
  });
});
