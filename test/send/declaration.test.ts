// Declaration (Declaration Object, Declaration): no stored copy of the pages has their text. The sandbox takes
// the object Machnet documents for the same purpose in its RaaS API, User Agreement
// (raas.docs.machnetinc.com/api-references/sender/user-agreement): user_agreement, ip_address, user_agent and
// agreement_date_time, all required, "details cannot be updated once the user has agreed". What is assumed
// beyond it (path, answer, refusals) is the operation's x-sandbox-assumption in openapi/send.yaml.
import { launch, type TestSandbox } from '../helpers/sandbox.js';
import { TENZIN_ID, expectOk, newBusiness, newIndividual, register, sendApi, verify, type SendApi } from '../helpers/send.js';

let sandbox: TestSandbox;
let api: SendApi;
beforeAll(async () => {
  sandbox = await launch({ vendors: ['send'], clients: 2 });
  api = sendApi(sandbox);
});
afterAll(() => sandbox.stop());

const BROWSER = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0.0.0 Safari/537.36';
const APP = "Deviceid: 4BE42863-77A5-4EE6-B08D-CEC25A27F59E, appVersion: '1.2.8', platfom: 'ios', buildID: '23B81', bundleiD: 'com.abc.pay'";

const agreement = (overrides: Record<string, unknown> = {}) => ({
  user_agreement: true,
  ip_address: '73.85.79.9',
  user_agent: BROWSER,
  agreement_date_time: '2023-11-20 10:15:30',
  ...overrides,
});

const declare = (id: string, body: unknown, client = api) => client.post(`/users/${id}/declaration`, body);

describe('docs (RaaS): User Agreement, its fields (raas.docs.machnetinc.com/api-references/sender/user-agreement)', () => {
  it('records the declaration and answers it with the user id, keys in alphabetical order', async () => {
    const user = await register(api, newIndividual());
    const response = await declare(user.id, agreement());
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      agreement_date_time: '2023-11-20 10:15:30',
      ip_address: '73.85.79.9',
      user_agent: BROWSER,
      user_agreement: true,
      user_id: user.id,
    });
    expect(Object.keys(response.body)).toEqual(['agreement_date_time', 'ip_address', 'user_agent', 'user_agreement', 'user_id']);
  });

  it("takes a mobile app's fingerprint as the user agent, and a business's declaration", async () => {
    const user = await register(api, newBusiness());
    const response = await declare(user.id, agreement({ user_agent: APP, ip_address: '2001:db8::1' }));
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ user_agent: APP, ip_address: '2001:db8::1', user_id: user.id });
  });

  it.each(['user_agreement', 'ip_address', 'user_agent', 'agreement_date_time'])('requires %s', async (field) => {
    const user = await register(api, newIndividual());
    const response = await declare(user.id, agreement({ [field]: undefined }));
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ success: false, error: { code: 'VALIDATION_ERROR', message: `${field} is required`, field } });
  });

  it.each([
    ['user_agreement', 'yes', 'user_agreement must be of type boolean'],
    ['ip_address', 'localhost', 'ip_address must be an IPv4 or IPv6 address'],
    ['user_agent', '', 'user_agent must not be empty'],
    ['agreement_date_time', '2023-11-20T10:15:30', 'agreement_date_time must be a date and time in the format YYYY-MM-DD HH:MM:SS, such as 2023-11-20 10:15:30'],
    ['agreement_date_time', '2023-13-20 10:15:30', 'agreement_date_time must be a date and time in the format YYYY-MM-DD HH:MM:SS, such as 2023-11-20 10:15:30'],
    ['agreement_date_time', '2023-11-20 24:00:00', 'agreement_date_time must be a date and time in the format YYYY-MM-DD HH:MM:SS, such as 2023-11-20 10:15:30'],
    ['signed_by', 'Tenzin', 'signed_by is not a recognised field'],
  ])('refuses %s %j', async (field, value, message) => {
    const user = await register(api, newIndividual());
    const response = await declare(user.id, agreement({ [field]: value }));
    expect(response.body).toEqual({ success: false, error: { code: 'VALIDATION_ERROR', message, field } });
    // Nothing was recorded: the user may still decline.
    expect((await declare(user.id, agreement({ user_agreement: false }))).status).toBe(200);
  });
});

describe('docs (RaaS): "Details cannot be updated once the user has agreed to the user agreement"', () => {
  it.each([
    ['user_agreement', false],
    ['ip_address', '10.0.0.1'],
    ['user_agent', APP],
    ['agreement_date_time', '2024-01-01 00:00:00'],
  ])('refuses a new %s once the user has agreed, and keeps the declaration as it was', async (field, value) => {
    const user = await register(api, newIndividual());
    const first = expectOk(await declare(user.id, agreement()));
    const response = await declare(user.id, agreement({ [field]: value }));
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      success: false,
      error: { code: 'FIELD_NOT_UPDATABLE', message: `${field} cannot be updated once the user has agreed`, field },
    });
    expect(expectOk(await declare(user.id, agreement()))).toEqual(first);
  });

  it('names the first field that differs, in the order sent', async () => {
    const user = await register(api, newIndividual());
    expectOk(await declare(user.id, agreement()));
    const response = await declare(user.id, { agreement_date_time: '2024-01-01 00:00:00', user_agreement: true, ip_address: '10.0.0.1', user_agent: BROWSER });
    expect(response.body.error.field).toBe('agreement_date_time');
  });

  it('lets a user who declined agree later, with the details of its agreement', async () => {
    const user = await register(api, newIndividual());
    expectOk(await declare(user.id, agreement({ user_agreement: false, agreement_date_time: '2023-11-01 09:00:00' })));
    const later = expectOk(await declare(user.id, agreement({ ip_address: '10.0.0.1', agreement_date_time: '2023-11-20 10:15:30' })));
    expect(later).toEqual({ agreement_date_time: '2023-11-20 10:15:30', ip_address: '10.0.0.1', user_agent: BROWSER, user_agreement: true, user_id: user.id });
  });
});

describe('who declares (assumed: see submitDeclaration in openapi/send.yaml)', () => {
  it('refuses a receive user, an unknown user and a suspended user', async () => {
    const receiver = expectOk(
      await api.post('/users', { type: 'RECEIVE', send_user_id: TENZIN_ID, first_name: 'Edmund', last_name: 'Hillary', mobile_phone: '9879879870', city: 'Santa Clara', country: 'US' }),
    );
    expect((await declare(receiver.id, agreement())).body).toEqual({
      success: false,
      error: { code: 'NOT_A_SEND_USER', message: 'Only send users make a declaration: this user is a receive user', field: 'user_id' },
    });
    const unknown = await declare('00000000-0000-4000-8000-000000000000', agreement());
    expect([unknown.status, unknown.body]).toEqual([404, { success: false, error: { code: 'USER_NOT_FOUND', message: 'User not found' } }]);
    const suspended = await register(api, newIndividual({ last_name: 'SUSPEND' }));
    expect((await verify(sandbox, api, suspended.id)).status).toBe('SUSPENDED');
    expect((await declare(suspended.id, agreement())).body).toEqual({
      success: false,
      error: { code: 'USER_SUSPENDED', message: 'User is suspended: no activity is allowed' },
    });
  });

  it('keeps each client its own declarations', async () => {
    const other = sendApi(sandbox);
    expectOk(await declare(TENZIN_ID, agreement()));
    const theirs = await declare(TENZIN_ID, agreement({ user_agent: APP }), other);
    expect([theirs.status, theirs.body.user_agent]).toEqual([200, APP]);
    const sameIdOtherSecret = sendApi(sandbox, api.clientId);
    expect((await declare(TENZIN_ID, agreement({ ip_address: '10.9.9.9' }), sameIdOtherSecret)).status).toBe(200);
  });

  it("gates nothing: SEND's Initiate Verification page names no declaration, so KYC starts without one", async () => {
    const user = await register(api, newIndividual());
    expect(expectOk(await api.post(`/users/${user.id}/kyc`))).toEqual({ success: true, status: 'INITIATED' });
  });
});
