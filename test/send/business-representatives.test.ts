import { launch, type TestSandbox } from '../helpers/sandbox.js';
import {
  IMAGE,
  MACHNET_ID,
  accountOperator,
  expectOk,
  newBusiness,
  newIndividual,
  register,
  sendApi,
  verify,
  type SendApi,
} from '../helpers/send.js';

const DOCS = 'paas.docs.machnetinc.com/api-references/user/business-representatives';

let sandbox: TestSandbox;
let api: SendApi;
beforeAll(async () => {
  sandbox = await launch({ vendors: ['send'], clients: 2 });
  api = sendApi(sandbox);
});
afterAll(() => sandbox.stop());

const pathOf = (userId: string, id?: string) => `/users/${userId}/business-representative${id ? `/${id}` : ''}`;

describe(`docs: Business Representatives Object (${DOCS}/business-representatives-object)`, () => {
  // The object's "Required: Yes" rows, written out from the page.
  const REQUIRED = ['first_name', 'last_name', 'date_of_birth', 'address_line1', 'city', 'state', 'country', 'zipcode', 'email', 'br_type'];
  const ROLES = ['account_operator', 'beneficial_owner', 'compliance', 'primary_controller'];

  it.each(REQUIRED)('refuses a representative without %s, naming it', async (field) => {
    const response = await api.post(pathOf(MACHNET_ID), { ...accountOperator, [field]: undefined });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ success: false, error: { code: 'VALIDATION_ERROR', message: `${field} is required`, field } });
  });

  it.each(ROLES)('requires br_type.%s, true or false', async (role) => {
    const response = await api.post(pathOf(MACHNET_ID), { ...accountOperator, br_type: { ...accountOperator.br_type, [role]: undefined } });
    expect(response.body.error).toEqual({ code: 'VALIDATION_ERROR', message: `br_type.${role} is required`, field: `br_type.${role}` });
    const notBoolean = await api.post(pathOf(MACHNET_ID), { ...accountOperator, br_type: { ...accountOperator.br_type, [role]: 'yes' } });
    expect(notBoolean.body.error.field).toBe(`br_type.${role}`);
  });

  it('accepts middle_name null, and the deprecated type beside br_type, without answering either', async () => {
    const added = expectOk(await api.post(pathOf(MACHNET_ID), { ...accountOperator, middle_name: null, type: 'ACCOUNT_OPERATOR' }));
    expect(added).not.toHaveProperty('middle_name');
    expect(added).not.toHaveProperty('type');
    expect((await api.post(pathOf(MACHNET_ID), { ...accountOperator, type: 'OWNER' })).body.error.field).toBe('type');
  });
});

describe(`docs: Add Business Representatives (${DOCS}/add-business-representatives)`, () => {
  it('answers at the singular path only: the plural one is no route', async () => {
    const user = expectOk(await api.post('/users', newBusiness()));
    expect((await api.post(pathOf(user.id), accountOperator)).status).toBe(200);
    const plural = await api.post(`/users/${user.id}/business-representatives`, accountOperator);
    expect(plural.status).toBe(404);
    expect(plural.body.error.code).toBe('NOT_FOUND');
  });

  it('answers the representative as the response sample shows it: no images, SSN masked, ownership_percentage 0', async () => {
    const user = expectOk(await api.post('/users', newBusiness()));
    const added = expectOk(
      await api.post(pathOf(user.id), {
        ...accountOperator,
        gender: 'male',
        mobile_phone: '5417543010',
        title: 'CEO',
        virtual_documents: [{ document_value: '111111111', document_type: 'SSN', country: 'US', state: 'CA', issue_date: '2018-01-01', id_issuing_authority: 'POTUS' }],
        physical_documents: [{ document_value: IMAGE, document_value_back: IMAGE, document_type: 'PASSPORT', country: 'US', state: 'CA', expiry_date: '2023-11-11' }],
      }),
    );
    expect(added).toEqual({
      address_line1: '2 Market St',
      br_type: { account_operator: true, beneficial_owner: false, compliance: false, primary_controller: false },
      city: 'San Francisco',
      country: 'US',
      date_of_birth: '1984-03-02',
      email: 'rin.tamang@example.com',
      first_name: 'Rin',
      gender: 'male',
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      last_name: 'Tamang',
      mobile_phone: '5417543010',
      ownership_percentage: 0,
      physical_documents: [{ country: 'US', document_type: 'PASSPORT', expiry_date: '2023-11-11', id: expect.any(String), state: 'CA' }],
      state: 'CA',
      title: 'CEO',
      virtual_documents: [
        { country: 'US', document_type: 'SSN', document_value: '*****1111', id: expect.any(String), id_issuing_authority: 'POTUS', issue_date: '2018-01-01', state: 'CA' },
      ],
      zipcode: '94105',
    });
  });

  it('adds representatives to business send users only', async () => {
    const individual = expectOk(await api.post('/users', newIndividual()));
    const refused = await api.post(pathOf(individual.id), accountOperator);
    expect(refused.status).toBe(400);
    expect(refused.body.error).toEqual({
      code: 'NOT_A_BUSINESS_USER',
      message: 'Only business send users have business representatives: this user is an individual',
      field: 'user_id',
    });
    const unknownUser = await api.post(pathOf('00000000-0000-4000-8000-000000000000'), accountOperator);
    expect(unknownUser.body).toEqual({ success: false, error: { code: 'USER_NOT_FOUND', message: 'User not found' } });
  });
});

describe(`docs: Update Business Representatives (${DOCS}/update-business-representatives)`, () => {
  /** The page's table "Updatable fields for business representative", row for row: [field, send user verified, not verified]. */
  const TABLE: [string, 'Yes' | 'No', 'Yes' | 'No'][] = [
    ['first_name', 'Yes', 'Yes'],
    ['middle_name', 'Yes', 'Yes'],
    ['last_name', 'Yes', 'Yes'],
    ['date_of_birth', 'Yes', 'Yes'],
    ['address_line1', 'Yes', 'Yes'],
    ['city', 'Yes', 'Yes'],
    ['state', 'Yes', 'Yes'],
    ['country', 'No', 'No'],
    ['zipcode', 'Yes', 'Yes'],
    ['br_type', 'No', 'No'],
    ['virtual_documents', 'Yes', 'Yes'],
    ['physical_documents', 'Yes', 'Yes'],
  ];
  const NEW_VALUES: Record<string, unknown> = {
    first_name: 'Pasang',
    middle_name: 'Lhamu',
    last_name: 'Sherpa',
    date_of_birth: '1990-09-09',
    address_line1: '9 Mission St',
    city: 'Oakland',
    state: 'NY',
    country: 'CA',
    zipcode: '10001',
    br_type: { account_operator: true, beneficial_owner: true, compliance: false, primary_controller: false },
    virtual_documents: [{ document_value: '222222222', document_type: 'SSN' }],
    physical_documents: [{ document_value: IMAGE, document_type: 'DRIVING_LICENCE' }],
  };
  const cases = TABLE.flatMap(([field, verified, unverified]) => [
    { field, state: 'verified', allowed: verified === 'Yes' },
    { field, state: 'not verified', allowed: unverified === 'Yes' },
  ]);

  const users: Record<string, { id: string; representative: any }> = {};
  beforeAll(async () => {
    for (const state of ['verified', 'not verified']) {
      const user = await register(api, newBusiness());
      if (state === 'verified') expect((await verify(sandbox, api, user.id)).status).toBe('VERIFIED');
      const { result } = expectOk(await api.get(pathOf(user.id)));
      users[state] = { id: user.id, representative: result[0] };
    }
  });

  it.each(cases)('send user $state: $field may change: $allowed', async ({ field, state, allowed }) => {
    const { id, representative } = users[state]!;
    const before = expectOk(await api.get(pathOf(id))).result.find((r: { id: string }) => r.id === representative.id);
    const response = await api.patch(pathOf(id, representative.id), { [field]: NEW_VALUES[field] });
    if (allowed) {
      expect(response.status).toBe(200);
      if (field === 'virtual_documents') expect(response.body.virtual_documents).toContainEqual(expect.objectContaining({ document_value: '*****2222' }));
      else if (field !== 'physical_documents') expect(response.body[field]).toEqual(NEW_VALUES[field]);
    } else {
      expect(response.status).toBe(400);
      expect(response.body).toEqual({ success: false, error: { code: 'FIELD_NOT_UPDATABLE', message: `${field} cannot be updated`, field } });
      expect(expectOk(await api.get(pathOf(id))).result.find((r: { id: string }) => r.id === representative.id)).toEqual(before);
    }
  });

  it('accepts country and br_type sent with the values they have (the documented request sends country)', async () => {
    const { id, representative } = users['verified']!;
    const response = await api.patch(pathOf(id, representative.id), { country: representative.country, br_type: representative.br_type, city: 'Reno' });
    expect(response.status).toBe(200);
    expect(response.body.city).toBe('Reno');
  });

  it('adds a new copy of a physical document and archives the older one', async () => {
    const user = expectOk(await api.post('/users', newBusiness()));
    const added = expectOk(await api.post(pathOf(user.id), { ...accountOperator, physical_documents: [{ document_value: IMAGE, document_type: 'PASSPORT' }] }));
    const updated = expectOk(await api.patch(pathOf(user.id, added.id), { physical_documents: [{ document_value: IMAGE, document_type: 'PASSPORT' }] }));
    expect(updated.physical_documents).toEqual([{ id: expect.any(String), document_type: 'PASSPORT' }]);
    expect(updated.physical_documents[0].id).not.toBe(added.physical_documents[0].id);
    expect(updated.archived_physical_documents).toEqual([
      { ...added.physical_documents[0], archived_at: expect.any(String), replaced_by: updated.physical_documents[0].id },
    ]);
  });

  it('refuses the deprecated type unless br_type already has that role, and answers 404 for a representative of another user', async () => {
    const { id, representative } = users['not verified']!;
    expect((await api.patch(pathOf(id, representative.id), { type: 'ACCOUNT_OPERATOR' })).status).toBe(200);
    const role = await api.patch(pathOf(id, representative.id), { type: 'COMPLIANCE' });
    expect(role.body.error).toEqual({
      code: 'FIELD_NOT_UPDATABLE',
      message: "type cannot be updated: it names a role, and the representative's roles (br_type) cannot change",
      field: 'type',
    });
    const foreign = await api.patch(pathOf(MACHNET_ID, representative.id), { city: 'Reno' });
    expect(foreign.status).toBe(404);
    expect(foreign.body).toEqual({ success: false, error: { code: 'REPRESENTATIVE_NOT_FOUND', message: 'Business representative not found' } });
  });
});

describe(`docs: Get Business Representatives (${DOCS}/get-business-representatives)`, () => {
  it("lists a business's representatives, oldest first, the fixture's account operator included", async () => {
    const client = sendApi(sandbox);
    const fixture = expectOk(await client.get(pathOf(MACHNET_ID)));
    expect(fixture.result).toEqual([expect.objectContaining({ first_name: 'Ashish', br_type: expect.objectContaining({ account_operator: true }) })]);
    const added = expectOk(await client.post(pathOf(MACHNET_ID), accountOperator));
    expect(expectOk(await client.get(pathOf(MACHNET_ID))).result).toEqual([fixture.result[0], added]);
  });
});
