import { launch, type TestSandbox } from '../helpers/sandbox.js';
import { complyCube, JANE_DOE_ID, newPerson } from '../helpers/complycube.js';

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await launch();
});
afterAll(() => sandbox.stop());

describe('concurrent requests', () => {
  it('end many concurrent updates of one record in one of the states sent', async () => {
    const api = complyCube(sandbox);
    const emails = Array.from({ length: 60 }, (_, index) => `concurrent${index}@example.com`);
    const responses = await Promise.all(emails.map((email) => api.post(`/clients/${JANE_DOE_ID}`, { email, mobile: email })));
    expect(responses.every((response) => response.status === 200)).toBe(true);
    const final = (await api.get(`/clients/${JANE_DOE_ID}`)).body;
    expect(emails).toContain(final.email);
    // Each update was applied whole: the two fields come from the same request.
    expect(final.mobile).toBe(final.email);
  });

  it('keep every one of many concurrent creates, with distinct ids', async () => {
    const api = complyCube(sandbox);
    const responses = await Promise.all(
      Array.from({ length: 80 }, (_, index) => api.post('/clients', newPerson({ externalId: `burst-${index}` }))),
    );
    const ids = responses.map((response) => response.body.id);
    expect(new Set(ids).size).toBe(80);
    const listed = (await api.get('/clients?pageSize=1000')).body;
    expect(listed.totalItems).toBe(26 + 80);
    expect(listed.items.map((client: { id: string }) => client.id)).toEqual(expect.arrayContaining(ids));
    // The journal and ComplyCube's audit log count the same 80 creates.
    const journal = sandbox.sandbox.requests({ key: api.apiKey, method: 'POST', status: 200 });
    expect(journal).toHaveLength(80);
    const audited = (await api.get('/auditLogs?resourceType=client&trigger=createClient&pageSize=1000')).body;
    // Besides the 80, the documented example log of Jane Doe's creation, which every key's data holds.
    expect(audited.totalItems).toBe(80 + 1);
    expect(new Set(audited.items.map((log: { resourceId: string }) => log.resourceId))).toEqual(new Set([...ids, JANE_DOE_ID]));
  });
});
