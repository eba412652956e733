import { launch, type TestSandbox } from '../helpers/sandbox.js';
import { complyCube, JANE_DOE_ID } from '../helpers/complycube.js';

/**
 * The documented example records every tenant starts with are one set of objects in memory, shared by
 * every tenant's partition: a change through one tenant must reach none of the others, nor a tenant seeded
 * after it. The expected records are the fixtures (fixtures/complycube/), written out.
 */
let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await launch();
});
afterAll(() => sandbox.stop());

const JANE = {
  id: JANE_DOE_ID,
  type: 'person',
  entityName: 'Jane Doe',
  email: 'jane@example.com',
  mobile: '+12 345678910',
  telephone: '+12 345678910',
  joinedDate: '2020-01-01',
  personDetails: { firstName: 'Jane', lastName: 'Doe', dob: '1995-12-20', nationality: 'US' },
  createdAt: '2020-01-04T17:13:10.712Z',
  updatedAt: '2020-01-04T17:13:10.712Z',
};
const ADDRESS_ID = '5eb1276f96be4a0008713af6';
const ADDRESS = {
  id: ADDRESS_ID,
  clientId: JANE_DOE_ID,
  type: 'main',
  propertyNumber: 'Flat 323',
  line: 'Common street',
  city: 'Aldgate',
  state: 'London',
  postalCode: 'W10 11L',
  country: 'GB',
  fromDate: '2007-09-01',
  createdAt: '2020-01-04T17:24:29.146Z',
  updatedAt: '2020-01-04T17:24:29.146Z',
};

describe('seeded records shared between tenants', () => {
  it('changed through one tenant (top-level and nested fields, a delete) stay as seeded for the others', async () => {
    const alice = complyCube(sandbox, 'test_shared_seed_alice');
    const bob = complyCube(sandbox, 'test_shared_seed_bob');
    expect((await bob.get(`/clients/${JANE_DOE_ID}`)).body).toEqual(JANE);

    const updated = await alice.post(`/clients/${JANE_DOE_ID}`, {
      email: 'alice.only@example.com',
      telephone: null,
      personDetails: { firstName: 'Janet', lastName: 'Doe', dob: '1995-12-20', nationality: 'FR' },
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ email: 'alice.only@example.com', personDetails: { firstName: 'Janet', nationality: 'FR' } });
    expect(updated.body).not.toHaveProperty('telephone');
    const movedAddress = await alice.post(`/addresses/${ADDRESS_ID}`, { city: 'Bristol' });
    expect(movedAddress.status).toBe(200);
    expect(movedAddress.body.city).toBe('Bristol');
    expect((await alice.delete(`/addresses/${ADDRESS_ID}`)).status).toBe(204);

    expect((await alice.get(`/clients/${JANE_DOE_ID}`)).body.personDetails.firstName).toBe('Janet');
    expect((await alice.get(`/addresses/${ADDRESS_ID}`)).status).toBe(404);
    const carol = complyCube(sandbox, 'test_shared_seed_carol');
    for (const other of [bob, carol]) {
      expect((await other.get(`/clients/${JANE_DOE_ID}`)).body).toEqual(JANE);
      expect((await other.get(`/addresses/${ADDRESS_ID}`)).body).toEqual(ADDRESS);
      const listed = await other.get('/clients?email=jane@example.com');
      expect(listed.body.items).toEqual([JANE]);
    }
  });
});
