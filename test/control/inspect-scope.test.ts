import { launch, type TestSandbox } from '../helpers/sandbox.js';
import { complyCube, JANE_DOE_ID } from '../helpers/complycube.js';

/** What tests see of the data: the vendors' records only, never the sandbox's own bookkeeping. */
let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await launch({ checkDelayMs: 60_000 });
});
afterAll(() => sandbox.stop());

describe('inspect and reset', () => {
  it('show a tenant’s vendor collections, not the scheduler’s pending work kept beside them', async () => {
    const api = complyCube(sandbox, 'test_inspect_tasks');
    const check = await api.post('/checks', { clientId: JANE_DOE_ID, type: 'standard_screening_check' });
    expect(check.body.status).toBe('pending');
    const [collections] = Object.values(sandbox.sandbox.inspect('test_inspect_tasks'));
    expect(Object.keys(collections!)).toContain('checks');
    expect(Object.keys(collections!).filter((name) => name.startsWith('__'))).toEqual([]);
    // The pending work is still there: completing it completes the check.
    expect(sandbox.sandbox.completePendingTasks()).toBeGreaterThan(0);
    expect((await api.get(`/checks/${check.body.id}`)).body.status).toBe('complete');
  });

  it('never count, show or drop the control API’s own partition', async () => {
    expect((await sandbox.request('GET', '/__sandbox/health')).status).toBe(200);
    await complyCube(sandbox, 'test_inspect_all').get('/clients');
    const partitions = Object.keys(sandbox.sandbox.inspect());
    expect(partitions.length).toBeGreaterThan(0);
    expect(partitions.filter((id) => !id.startsWith('complycube:'))).toEqual([]);
    const reset = await sandbox.request('POST', '/__sandbox/reset', { json: { all: true } });
    expect(reset.body).toEqual({ partitionsReset: partitions.length });
    expect(sandbox.sandbox.inspect()).toEqual({});
  });
});
