import { launch, type TestSandbox } from '../helpers/sandbox.js';
import { cryptoMate, newIndividual, TRACE_ID } from '../helpers/cryptomate.js';

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await launch();
});
afterAll(() => sandbox.stop());

const PAGES = 'docs.cryptomate.me/api-reference/management/clients/bank-accounts';
const NO_BRIDGE_CUSTOMER = { code: 'NOT_FOUND', message: 'Client does not have a customer ID for provider BRIDGE' };

/** A new client of its own company, linked to a Bridge customer as bank accounts need. */
async function bridgeClient(api = cryptoMate(sandbox)) {
  const { body: client } = await api.post('/clients', newIndividual());
  const link = await api.post(`/clients/${client.id}/providers`, { provider: 'BRIDGE', customer_id: 'cust_bridge_1' });
  expect(link.status).toBe(200);
  return { api, client };
}

describe(`docs: Create US bank account (${PAGES}/create-us-bank-account)`, () => {
  it('answers the ACH account, account type in lower case, with the company and client ids', async () => {
    const { api, client } = await bridgeClient();
    const created = await api.post(`/clients/${client.id}/banks/us`, {
      bank_name: 'Chase Bank',
      account_alias: 'Primary Checking',
      bank_holder_name: 'John Michael Doe',
      account_number: '123456789',
      routing_number: '021000021',
      account_type: 'SAVINGS',
    });
    expect(created.status).toBe(200);
    expect(created.headers.get('x-trace-id')).toMatch(TRACE_ID);
    expect(created.body).toEqual({
      id: expect.stringMatching(/^ba_[0-9a-f-]{36}$/),
      company_id: client.company_id,
      client_id: client.id,
      bank_name: 'Chase Bank',
      bank_holder_name: 'John Michael Doe',
      account_alias: 'Primary Checking',
      type: 'ACH',
      currency: 'USD',
      account_number: '123456789',
      routing_number: '021000021',
      account_type: 'savings',
    });
  });

  it('answers the documented 404 for a client without a Bridge customer id, and refuses another account type', async () => {
    const api = cryptoMate(sandbox);
    const { body: client } = await api.post('/clients', newIndividual());
    const refused = await api.post(`/clients/${client.id}/banks/us`, { bank_name: 'Chase Bank' });
    expect(refused.status).toBe(404);
    expect(refused.body).toMatchObject(NO_BRIDGE_CUSTOMER);
    // A link to another provider is not the Bridge customer id.
    await api.post(`/clients/${client.id}/providers`, { provider: 'REAP', customer_id: 'reap_1' });
    expect((await api.post(`/clients/${client.id}/banks/us`, {})).body).toMatchObject(NO_BRIDGE_CUSTOMER);

    const linked = await bridgeClient(api);
    const wrongType = await api.post(`/clients/${linked.client.id}/banks/us`, { account_type: 'BROKERAGE' });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body).toMatchObject({ code: 'BAD_REQUEST', message: 'account_type: must be one of CHECKING, SAVINGS' });
    expect((await api.get(`/clients/${linked.client.id}/banks`)).body).toEqual([]);
  });

  it('needs an access level 3 key', async () => {
    const { client } = await bridgeClient(cryptoMate(sandbox, 'bank-levels'));
    const refused = await cryptoMate(sandbox, 'level2_bank-levels').post(`/clients/${client.id}/banks/us`, {});
    expect(refused.status).toBe(401);
    expect(refused.body.code).toBe('API_ERROR');
  });
});

describe(`docs: Create SPEI bank account (${PAGES}/create-spei-bank-account)`, () => {
  it('shows the CLABE sent as account_number as clabe, in MXN', async () => {
    const { api, client } = await bridgeClient();
    const created = await api.post(`/clients/${client.id}/banks/spei`, {
      bank_name: 'BBVA Bancomer',
      bank_holder_name: 'Juan Carlos Rodriguez',
      account_number: '012180001234567897',
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ type: 'SPEI', currency: 'MXN', clabe: '012180001234567897', bank_holder_name: 'Juan Carlos Rodriguez' });
    expect(created.body.account_number).toBeUndefined();
  });
});

describe(`docs: Create SEPA bank account (${PAGES}/create-sepa-bank-account)`, () => {
  it('shows the IBAN sent as account_number as iban, with the BIC, in EUR', async () => {
    const { api, client } = await bridgeClient();
    const created = await api.post(`/clients/${client.id}/banks/sepa`, {
      bank_name: 'Deutsche Bank',
      bank_holder_first_name: 'Hans',
      bank_holder_last_name: 'Mueller',
      account_number: 'DE89370400440532013000',
      bic: 'DEUTDEFF',
      country: 'DE',
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ type: 'SEPA', currency: 'EUR', iban: 'DE89370400440532013000', bic: 'DEUTDEFF' });
    expect(created.body.account_number).toBeUndefined();
  });
});

describe(`docs: Create PIX bank account (${PAGES}/create-pix-bank-account)`, () => {
  it('shows the PIX key and document number, in BRL', async () => {
    const { api, client } = await bridgeClient();
    const created = await api.post(`/clients/${client.id}/banks/pix`, { pix_key: 'customer@example.com', document_number: '12345678900' });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ type: 'PIX', currency: 'BRL', pix_key: 'customer@example.com', document_number: '12345678900' });
  });
});

describe(`docs: List, Get and Delete bank account (${PAGES}/list-bank-accounts, get-bank-account, delete-bank-account)`, () => {
  it("lists the client's accounts, reads one, deletes it answering the account, then answers the documented 404", async () => {
    const { api, client } = await bridgeClient();
    const us = (await api.post(`/clients/${client.id}/banks/us`, { bank_name: 'Chase Bank', account_type: 'CHECKING' })).body;
    const pix = (await api.post(`/clients/${client.id}/banks/pix`, { pix_key: 'k' })).body;
    expect((await api.get(`/clients/${client.id}/banks`)).body).toEqual([us, pix]);
    expect((await api.get(`/clients/${client.id}/banks/${us.id}`)).body).toEqual(us);

    const deleted = await api.delete(`/clients/${client.id}/banks/${us.id}`);
    expect(deleted.status).toBe(200);
    expect(deleted.body).toEqual(us);
    const gone = { code: 'NOT_FOUND', message: `Bank account ${us.id} for company ${client.company_id} not found` };
    expect((await api.get(`/clients/${client.id}/banks/${us.id}`)).body).toMatchObject(gone);
    expect((await api.delete(`/clients/${client.id}/banks/${us.id}`)).status).toBe(404);
    expect((await api.get(`/clients/${client.id}/banks`)).body).toEqual([pix]);

    // Another client's account is not found through this one.
    const other = await bridgeClient(api);
    const missing = await api.get(`/clients/${other.client.id}/banks/${pix.id}`);
    expect(missing.status).toBe(404);
    expect(missing.body.message).toBe(`Bank account ${pix.id} for company ${client.company_id} not found`);
  });

  it("goes with its client when the client is deleted, and is each company's own", async () => {
    const { api, client } = await bridgeClient();
    const account = (await api.post(`/clients/${client.id}/banks/us`, {})).body;
    expect((await cryptoMate(sandbox).get(`/clients/${client.id}/banks/${account.id}`)).status).toBe(404);
    await api.delete(`/clients/${client.id}`);
    expect((await api.get(`/clients/${client.id}/banks`)).body).toEqual([]);
    expect((await api.get(`/clients/${client.id}/banks/${account.id}`)).status).toBe(404);
  });
});
