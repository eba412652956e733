import { launch, type TestSandbox } from '../helpers/sandbox.js';
import {
  MACHNET_ID,
  TENZIN_ID,
  accountOperator,
  cipOf,
  expectOk,
  newBusiness,
  newIndividual,
  register,
  sendApi,
  verify,
  type SendApi,
} from '../helpers/send.js';
import { CIP_TAGS } from '../../src/vendors/send/verification.js';

const CHECK_DELAY_MS = 60_000;

let sandbox: TestSandbox;
let api: SendApi;
beforeAll(async () => {
  // A long delay, so that only advanceClock moves verifications on and each step can be seen.
  sandbox = await launch({ vendors: ['send'], checkDelayMs: CHECK_DELAY_MS, clients: 4 });
  api = sendApi(sandbox);
});
afterAll(() => sandbox.stop());

const statusOf = async (id: string) => expectOk(await api.get(`/users/${id}`)).status;
const allTags = (kind: 'individual' | 'business', status: string) =>
  Object.fromEntries(CIP_TAGS[kind].map(({ tag }) => [tag, status]));

describe('individual KYC', () => {
  it('moves UNVERIFIED → IN_PROGRESS → VERIFIED, with cip-info following each step', async () => {
    const user = await register(api, newIndividual());
    expect(user.status).toBe('UNVERIFIED');
    expect(await cipOf(api, user.id)).toEqual(allTags('individual', 'SUBMIT'));

    const initiated = await api.post(`/users/${user.id}/kyc`);
    expect(initiated.status).toBe(200);
    expect(initiated.body).toEqual({ success: true, status: 'INITIATED' });
    expect(await statusOf(user.id)).toBe('IN_PROGRESS');
    expect(await cipOf(api, user.id)).toEqual(allTags('individual', 'REVIEWING'));
    // Initiating again while it runs changes nothing.
    expect(expectOk(await api.post(`/users/${user.id}/kyc`))).toEqual({ success: true, status: 'INITIATED' });

    sandbox.sandbox.advanceClock(CHECK_DELAY_MS / 2);
    expect(await statusOf(user.id)).toBe('IN_PROGRESS');
    sandbox.sandbox.advanceClock(CHECK_DELAY_MS / 2);
    expect(await statusOf(user.id)).toBe('VERIFIED');
    expect(await cipOf(api, user.id)).toEqual(allTags('individual', 'VERIFIED'));
    expect(expectOk(await api.get(`/users/${user.id}/cip-info`)).result.map((r: { tag: string }) => r.tag)).toEqual([
      'NAME',
      'DATE_OF_BIRTH',
      'GENDER',
      'ADDRESS',
      'EMAIL',
      'PHONE',
    ]);

    // A verified user may initiate again after an allowed update; it stays verified.
    expectOk(await api.patch(`/users/${user.id}`, { city: 'Oakland' }));
    expect(expectOk(await api.post(`/users/${user.id}/kyc`))).toEqual({ success: true, status: 'INITIATED' });
    sandbox.sandbox.completePendingTasks();
    expect(await statusOf(user.id)).toBe('VERIFIED');
  });

  it('goes to RETRY for the magic last name RETRY, and to VERIFIED once the name is corrected', async () => {
    const user = await register(api, newIndividual({ last_name: 'Retry' }));
    const retried = await verify(sandbox, api, user.id);
    expect(retried.status).toBe('RETRY');
    expect(await cipOf(api, user.id)).toEqual({ ...allTags('individual', 'VERIFIED'), NAME: 'FAILED' });

    expectOk(await api.patch(`/users/${user.id}`, { last_name: 'Sherpa' }));
    expect(await cipOf(api, user.id)).toEqual({ ...allTags('individual', 'VERIFIED'), NAME: 'SUBMIT' });
    expect((await verify(sandbox, api, user.id)).status).toBe('VERIFIED');
  });

  it('goes to RETRY with the missing information REQUESTED', async () => {
    const { gender: _gender, date_of_birth: _dob, ...partial } = newIndividual();
    const user = await register(api, partial);
    // Changed to the documented fact: information never submitted has no tag until a verification requests it.
    const { GENDER: _g, DATE_OF_BIRTH: _d, ...submitted } = allTags('individual', 'SUBMIT');
    expect(await cipOf(api, user.id)).toEqual(submitted);
    expect((await verify(sandbox, api, user.id)).status).toBe('RETRY');
    expect(await cipOf(api, user.id)).toEqual({ ...allTags('individual', 'VERIFIED'), GENDER: 'REQUESTED', DATE_OF_BIRTH: 'REQUESTED' });

    expectOk(await api.patch(`/users/${user.id}`, { gender: 'other', date_of_birth: '1991-01-01' }));
    expect((await verify(sandbox, api, user.id)).status).toBe('VERIFIED');
  });

  it('goes to SUSPENDED for the magic last name SUSPEND, after which no activity is allowed', async () => {
    const user = await register(api, newIndividual({ last_name: 'SUSPEND' }));
    const suspended = await verify(sandbox, api, user.id);
    expect(suspended.status).toBe('SUSPENDED');
    expect((await cipOf(api, user.id)).NAME).toBe('FAILED');
    const suspendedError = { success: false, error: { code: 'USER_SUSPENDED', message: 'User is suspended: no activity is allowed' } };
    const kyc = await api.post(`/users/${user.id}/kyc`);
    expect(kyc.status).toBe(400);
    expect(kyc.body).toEqual(suspendedError);
    const update = await api.patch(`/users/${user.id}`, { city: 'Oakland' });
    expect(update.status).toBe(400);
    expect(update.body).toEqual(suspendedError);
    expect(expectOk(await api.get(`/users/${user.id}`))).toEqual(suspended);
  });

  it("verifies the page's Tenzin Norgay after the documented update", async () => {
    const client = sendApi(sandbox);
    expect((await verify(sandbox, client, TENZIN_ID)).status).toBe('VERIFIED');
    const locked = await client.patch(`/users/${TENZIN_ID}`, { email: 'tenzin@example.org' });
    expect(locked.body.error.code).toBe('FIELD_NOT_UPDATABLE');
  });
});

describe('business KYB', () => {
  it('moves UNVERIFIED → IN_PROGRESS → REVIEW_PENDING → VERIFIED', async () => {
    const user = await register(api, newBusiness());
    expect(await cipOf(api, user.id)).toEqual(allTags('business', 'SUBMIT'));
    expectOk(await api.post(`/users/${user.id}/kyc`));
    expect(await statusOf(user.id)).toBe('IN_PROGRESS');
    sandbox.sandbox.advanceClock(CHECK_DELAY_MS);
    expect(await statusOf(user.id)).toBe('REVIEW_PENDING');
    expect(await cipOf(api, user.id)).toEqual(allTags('business', 'REVIEWING'));
    sandbox.sandbox.advanceClock(CHECK_DELAY_MS);
    expect(await statusOf(user.id)).toBe('VERIFIED');
    expect(await cipOf(api, user.id)).toEqual(allTags('business', 'VERIFIED'));
  });

  it('needs an account operator before KYB can start', async () => {
    const user = expectOk(await api.post('/users', newBusiness()));
    const refused = await api.post(`/users/${user.id}/kyc`);
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({
      success: false,
      error: {
        code: 'ACCOUNT_OPERATOR_REQUIRED',
        message: 'An account operator must be added before KYB can be initiated: add a business representative whose br_type.account_operator is true',
      },
    });
    expect(await statusOf(user.id)).toBe('UNVERIFIED');
    const owner = { ...accountOperator, br_type: { ...accountOperator.br_type, account_operator: false, beneficial_owner: true } };
    expectOk(await api.post(`/users/${user.id}/business-representative`, owner));
    expect((await api.post(`/users/${user.id}/kyc`)).status).toBe(400);
    expectOk(await api.post(`/users/${user.id}/business-representative`, accountOperator));
    expect((await verify(sandbox, api, user.id)).status).toBe('VERIFIED');
  });

  it('goes to RETRY without the EIN, with EIN_NUMBER and EIN_DOCUMENT REQUESTED', async () => {
    const user = await register(api, newBusiness({ virtual_documents: [], physical_documents: [] }));
    expect((await verify(sandbox, api, user.id)).status).toBe('RETRY');
    expect(await cipOf(api, user.id)).toEqual({ ...allTags('business', 'VERIFIED'), EIN_NUMBER: 'REQUESTED', EIN_DOCUMENT: 'REQUESTED' });
  });

  it('goes to RETRY or SUSPENDED for the magic business names RETRY and SUSPEND', async () => {
    const retry = await register(api, newBusiness({ first_name: 'RETRY' }));
    expect((await verify(sandbox, api, retry.id)).status).toBe('RETRY');
    expect((await cipOf(api, retry.id)).COMPANY_NAME).toBe('FAILED');
    const suspend = await register(api, newBusiness({ first_name: 'suspend' }));
    expect((await verify(sandbox, api, suspend.id)).status).toBe('SUSPENDED');
  });

  it("sends the page's business to RETRY: it lacks a business type and the EIN", async () => {
    const client = sendApi(sandbox);
    expect((await verify(sandbox, client, MACHNET_ID)).status).toBe('RETRY');
    const cip = await cipOf(client, MACHNET_ID);
    expect(Object.entries(cip).filter(([, status]) => status === 'REQUESTED').map(([tag]) => tag)).toEqual([
      'BUSINESS_TYPE',
      'EIN_NUMBER',
      'EIN_DOCUMENT',
    ]);
  });
});
