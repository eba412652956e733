import { launch, type TestSandbox } from '../helpers/sandbox.js';
import { IMAGE, MACHNET_ID, TENZIN_ID, accountOperator, expectOk, newIndividual, register, sendApi, type SendApi } from '../helpers/send.js';

const DOCS = 'paas.docs.machnetinc.com/api-references/user';

let sandbox: TestSandbox;
let api: SendApi;
beforeAll(async () => {
  sandbox = await launch({ vendors: ['send'], clients: 2 });
  api = sendApi(sandbox);
});
afterAll(() => sandbox.stop());

const individual = (overrides: Record<string, unknown> = {}) => ({
  type: 'RECEIVE',
  send_user_id: TENZIN_ID,
  first_name: 'Edmund',
  last_name: 'Hillary',
  mobile_phone: '9879879870',
  city: 'Santa Clara',
  country: 'US',
  ...overrides,
});
const business = (overrides: Record<string, unknown> = {}) => ({
  type: 'RECEIVE',
  send_user_id: MACHNET_ID,
  business: true,
  first_name: 'Everest pvt Ltd',
  mobile_phone: '5433456478',
  address_line1: 'Cra.23 No.20B-01, El Retiro',
  city: 'Antioquia',
  zipcode: '95053',
  country: 'CO',
  virtual_documents: [{ document_value: '12345', document_type: 'EIN_NUMBER' }],
  ...overrides,
});

describe(`docs: Receive User Object (${DOCS}/receive-user-object)`, () => {
  it.each([
    ['mobile_phone', individual],
    ['first_name', individual],
    ['city', individual],
    ['country', individual],
    ['last_name', individual],
    ['address_line1', business],
    ['zipcode', business],
    ['send_user_id', individual],
  ] as const)('requires %s', async (field, make) => {
    const response = await api.post('/users', make({ [field]: undefined }));
    expect(response.status).toBe(400);
    expect(response.body.error).toEqual({ code: 'VALIDATION_ERROR', message: `${field} is required`, field });
  });

  it('links a receive user to a send user of the same client only, and keeps verification to send users', async () => {
    const stranger = await api.post('/users', individual({ send_user_id: '00000000-0000-4000-8000-000000000000' }));
    expect(stranger.body.error).toEqual({
      code: 'VALIDATION_ERROR',
      message: 'send_user_id must be the id of a send user of this client',
      field: 'send_user_id',
    });
    const receiver = expectOk(await api.post('/users', individual()));
    expect((await api.post('/users', individual({ send_user_id: receiver.id }))).body.error.field).toBe('send_user_id');
    for (const response of [await api.post(`/users/${receiver.id}/kyc`), await api.get(`/users/${receiver.id}/cip-info`)]) {
      expect(response.status).toBe(400);
      expect(response.body.error).toEqual({
        code: 'NOT_A_SEND_USER',
        message: 'Verification applies to send users only: this user is a receive user',
        field: 'user_id',
      });
    }
    const receivingBusiness = expectOk(await api.post('/users', business()));
    expect((await api.post(`/users/${receivingBusiness.id}/business-representative`, accountOperator)).body.error).toEqual({
      code: 'NOT_A_BUSINESS_USER',
      message: 'Only business send users have business representatives: this user is a receive user',
      field: 'user_id',
    });
    expect((await api.post('/users', individual({ user_scope: 'FINANCE' }))).body.error).toEqual({
      code: 'VALIDATION_ERROR',
      message: 'user_scope is not a field of receive users',
      field: 'user_scope',
    });
  });
});

describe(`docs: Update a Receive User (${DOCS}/update-a-receive-user)`, () => {
  type Updatable = 'Yes' | 'No' | 'Can only be updated if not provided earlier';
  /** The page's two tables, row for row (its `last_number` is last_name, its `mobile_number` mobile_phone). */
  const INDIVIDUAL: [string, Updatable, unknown][] = [
    ['first_name', 'Yes', 'Tenzing'],
    ['middle_name', 'Yes', 'P'],
    ['last_name', 'Yes', 'Norgay'],
    ['gender', 'Can only be updated if not provided earlier', 'male'],
    ['mobile_phone', 'Yes', '2376538019'],
    ['date_of_birth', 'Yes', '2000-01-02'],
    ['email', 'Yes', 'raman@example.com'],
    ['occupation', 'Can only be updated if not provided earlier', 'Pilot'],
    ['user_relationship', 'Can only be updated if not provided earlier', 'FRIEND'],
    ['address_line1', 'Yes', '1 Elm St'],
    ['address_line2', 'Yes', 'Apt 2'],
    ['city', 'Yes', 'Reno'],
    ['state', 'Yes', 'NV'],
    ['country', 'No', 'MX'],
    ['zipcode', 'Yes', '89501'],
    ['physical_documents', 'Yes', [{ document_value: IMAGE, document_type: 'PASSPORT' }]],
    ['virtual_documents', 'Yes', [{ document_value: 'X1', document_type: 'PASSPORT' }]],
  ];
  const BUSINESS: [string, Updatable, unknown][] = [
    ['first_name', 'Yes', 'Everest Holdings'],
    ['mobile_phone', 'Yes', '5433456400'],
    ['virtual_documents', 'No', [{ document_value: '67890', document_type: 'EIN_NUMBER' }]],
    ['physical_documents', 'Yes', [{ document_value: IMAGE, document_type: 'BANK_STATEMENT' }]],
    ['address_line1', 'Yes', 'Cra. 24'],
    ['address_line2', 'Yes', 'Of. 3'],
    ['state', 'Yes', 'AN'],
    ['city', 'Yes', 'Medellin'],
    ['zipcode', 'Yes', '050001'],
    ['country', 'No', 'PE'],
  ];

  const cases = [
    ...INDIVIDUAL.map(([field, updatable, value]) => ({ kind: 'individual', field, updatable, value })),
    ...BUSINESS.map(([field, updatable, value]) => ({ kind: 'business', field, updatable, value })),
  ];

  it.each(cases)('$kind receive user: $field: $updatable', async ({ kind, field, updatable, value }) => {
    const made = kind === 'business' ? business() : individual();
    const receiver = expectOk(await api.post('/users', made));
    const response = await api.patch(`/users/${receiver.id}`, { [field]: value });
    if (updatable === 'Yes') {
      expect(response.status).toBe(200);
      return;
    }
    if (updatable === 'No') {
      expect(response.body).toEqual({ success: false, error: { code: 'FIELD_NOT_UPDATABLE', message: `${field} cannot be updated`, field } });
      return;
    }
    // Not provided at creation, so it may be set once; then it is locked.
    expect(response.status).toBe(200);
    const again = await api.patch(`/users/${receiver.id}`, { [field]: field === 'gender' ? 'female' : 'Other' });
    expect(again.body.error).toEqual({ code: 'FIELD_NOT_UPDATABLE', message: `${field} can only be updated if not provided earlier`, field });
  });
});

// No stored copy of the Get Receive User List page has its text: its path is the one under which Get Receive
// Accounts nests a receive user's accounts, GET /users/{{user_id}}/receive-users/{{receive_user_id}}/accounts
// (paas.docs.machnetinc.com/api-references/funds/get-receive-accounts), and its answer a bare array as Get User
// Funding Account's response sample shows SEND's lists (…/funds/get-user-funding-account). The rest is the
// listReceiveUsers operation's x-sandbox-assumption in openapi/send.yaml.
describe(`docs (NAV): Get Receive User List, at ${DOCS.replace('/user', '/funds')}/get-receive-accounts's path`, () => {
  it("lists the send user's receive users, oldest first, as Add a Receive User answered them, and no one else's", async () => {
    const sender = await register(api, newIndividual());
    expect(expectOk(await api.get(`/users/${sender.id}/receive-users`))).toEqual([]);
    const first = expectOk(await api.post('/users', individual({ send_user_id: sender.id })));
    expectOk(await api.post('/users', individual({ first_name: 'Tenzing' })));
    const second = expectOk(await api.post('/users', business({ send_user_id: sender.id })));
    const list = await api.get(`/users/${sender.id}/receive-users`);
    expect(list.status).toBe(200);
    expect(list.body).toEqual([first, second]);
    expect(list.body.map((user: { first_name: string }) => user.first_name)).toEqual(['edmund', 'everest pvt ltd']);
    const updated = expectOk(await api.patch(`/users/${first.id}`, { city: 'Reno' }));
    expect(expectOk(await api.get(`/users/${sender.id}/receive-users`))).toEqual([updated, second]);
  });

  it('refuses the id of a receive user, and an id the client does not have', async () => {
    const receiver = expectOk(await api.post('/users', individual()));
    expect((await api.get(`/users/${receiver.id}/receive-users`)).body).toEqual({
      success: false,
      error: { code: 'NOT_A_SEND_USER', message: 'Only send users have receive users: this user is a receive user', field: 'user_id' },
    });
    const unknown = await api.get('/users/00000000-0000-4000-8000-000000000000/receive-users');
    expect([unknown.status, unknown.body]).toEqual([404, { success: false, error: { code: 'USER_NOT_FOUND', message: 'User not found' } }]);
  });

  it("shows a client none of another client's receive users, even with the same client id", async () => {
    const mine = expectOk(await api.post('/users', individual()));
    expect(expectOk(await api.get(`/users/${TENZIN_ID}/receive-users`))).toContainEqual(mine);
    for (const other of [sendApi(sandbox), sendApi(sandbox, api.clientId)]) {
      expect(expectOk(await other.get(`/users/${TENZIN_ID}/receive-users`))).toEqual([]);
    }
  });
});
