import { launch, type TestSandbox } from '../helpers/sandbox.js';
import {
  IMAGE,
  PDF,
  expectOk,
  newBusiness,
  newIndividual,
  register,
  sendApi,
  unique,
  uniquePhone,
  verify,
  type SendApi,
} from '../helpers/send.js';
import type { UserKind } from '../../src/vendors/send/model.js';
import { CONDITIONAL, PAGE_TABLES } from './update-matrix.table.js';

let sandbox: TestSandbox;
let api: SendApi;
beforeAll(async () => {
  sandbox = await launch({ vendors: ['send'], clients: 2 });
  api = sendApi(sandbox);
});
afterAll(() => sandbox.stop());

type Entry = Record<string, unknown>;
const documentOf = (field: string, type: string): Entry =>
  field === 'physical_documents'
    ? { document_type: type, document_value: type === 'BANK_STATEMENT' || type === 'STATE_ID' ? IMAGE : PDF }
    : { document_type: type, document_value: type === 'SSN' || type === 'EIN' ? '987654321' : 'Z7654321' };

/** A value for each field that differs from what the test users are registered with. */
const NEW_VALUES: Record<UserKind, Record<string, () => unknown>> = {
  individual: {
    first_name: () => 'Dawa',
    middle_name: () => 'Lhamo',
    last_name: () => 'Bhutia',
    mobile_phone: uniquePhone,
    email: () => `dawa.${unique()}@example.com`,
    address_line1: () => '9 Mission St',
    address_line2: () => 'Suite 5',
    city: () => 'Oakland',
    state: () => 'NY',
    country: () => 'CA',
    zipcode: () => '10001',
    date_of_birth: () => '1985-02-02',
    gender: () => 'MALE',
    user_scope: () => 'FINANCE',
    occupation: () => 'Banker',
    type: () => 'RECEIVE',
    physical_documents: () => [{ ...documentOf('physical_documents', 'STATE_ID'), country: 'US', state: 'NY' }],
    virtual_documents: () => [documentOf('virtual_documents', 'SSN')],
    company_details: () => ({ company_name: 'ACME', address: '123 address st', phone_number: '222222222' }),
  },
  business: {
    first_name: () => 'Acme Holdings Inc',
    mobile_phone: uniquePhone,
    email: () => `ops.${unique()}@acme.example.com`,
    address_line1: () => '9 Mission St',
    address_line2: () => 'Floor 3',
    city: () => 'Oakland',
    state: () => 'NY',
    country: () => 'MX',
    zipcode: () => '10001',
    date_of_birth: () => '2016-01-01',
    business: () => false,
    business_type: () => 'CORPORATION',
    user_scope: () => 'FINANCE',
    company_website: () => 'www.acme-holdings.example.com',
    number_of_employee: () => 'ABOVE_100',
    mailing_address: () => ({ city: 'Oakland', zipcode: '94607' }),
    virtual_documents: () => [documentOf('virtual_documents', 'EIN')],
    physical_documents: () => [documentOf('physical_documents', 'EIN')],
    user_relationship: () => 'PARTNER',
    number_of_transaction_per_month: () => '122',
    transaction_frequency: () => 'MONTHLY',
  },
};

interface Case {
  kind: UserKind;
  field: string;
  verified: boolean;
  state: 'verified' | 'not verified';
  allowed: boolean;
  value: () => unknown;
  message?: string;
  label: string;
}

/** Every cell of the page's two tables; a conditional cell is its allowed part and each locked type. */
const CELLS: Case[] = (Object.keys(PAGE_TABLES) as UserKind[]).flatMap((kind) =>
  PAGE_TABLES[kind].flatMap(([field, whenVerified, whenNotVerified]) =>
    [false, true].flatMap((verified): Case[] => {
      const cell = verified ? whenVerified : whenNotVerified;
      const base = { kind, field, verified, state: verified ? ('verified' as const) : ('not verified' as const) };
      if (cell === 'Yes') return [{ ...base, allowed: true, value: NEW_VALUES[kind][field]!, label: 'may change' }];
      if (cell === 'No') {
        const never = whenNotVerified === 'No';
        return [
          {
            ...base,
            allowed: false,
            value: NEW_VALUES[kind][field]!,
            message: never ? `${field} cannot be updated` : `${field} cannot be updated once user is verified`,
            label: never ? 'never changes' : 'is locked',
          },
        ];
      }
      const { locked, stillUpdatable } = CONDITIONAL[kind];
      return [
        { ...base, allowed: true, value: () => [documentOf(field, stillUpdatable)], label: `may change a ${stillUpdatable}` },
        ...locked.map((type) => ({
          ...base,
          allowed: false,
          value: () => [documentOf(field, type)],
          message: `${field} of type ${type} cannot be updated once user is verified`,
          label: `is locked for ${type}`,
        })),
      ];
    }),
  ),
);

async function userFor(kind: UserKind, verified: boolean): Promise<any> {
  const user = await register(api, kind === 'business' ? newBusiness() : newIndividual());
  if (!verified) return user;
  const after = await verify(sandbox, api, user.id);
  expect(after.status).toBe('VERIFIED');
  return after;
}

const shownValue = (field: string, value: unknown) =>
  field === 'gender' ? String(value).toLowerCase() : field === 'number_of_transaction_per_month' ? Number(value) : value;

function expectApplied(field: string, value: unknown, before: any, after: any): void {
  if (field === 'physical_documents') {
    for (const entry of value as Entry[]) {
      const old = before.physical_documents?.find((d: Entry) => d.document_type === entry.document_type);
      const copy = after.physical_documents.find((d: Entry) => d.document_type === entry.document_type);
      const { document_value: _image, ...shown } = entry;
      expect(copy).toEqual({ id: expect.any(String), ...shown });
      expect(copy.document_value).toBeUndefined();
      if (old) {
        expect(copy.id).not.toBe(old.id);
        expect(after.archived_physical_documents).toContainEqual({ ...old, archived_at: expect.any(String), replaced_by: copy.id });
      }
    }
    return;
  }
  if (field === 'virtual_documents') {
    for (const entry of value as Entry[]) {
      const document = after.virtual_documents.find((d: Entry) => d.document_type === entry.document_type);
      const digits = String(entry.document_value);
      expect(document.document_value).toBe(entry.document_type === 'SSN' ? `*****${digits.slice(-4)}` : digits);
    }
    return;
  }
  if (field === 'mailing_address' || field === 'company_details') {
    expect(after[field]).toEqual({ ...before[field], ...(value as Entry) });
    return;
  }
  expect(after[field]).toEqual(shownValue(field, value));
}

describe('docs: Update User, updatable fields (paas.docs.machnetinc.com/api-references/user/user-kyc)', () => {
  test.each(CELLS)('$kind user, $state: $field $label', async ({ kind, field, verified, allowed, value, message }) => {
    const before = await userFor(kind, verified);
    expect(before.status).toBe(verified ? 'VERIFIED' : 'UNVERIFIED');
    const sent = value();
    const response = await api.patch(`/users/${before.id}`, { [field]: sent });
    const after = expectOk(await api.get(`/users/${before.id}`));
    if (allowed) {
      expect(response.status).toBe(200);
      expect(response.body).toEqual(after);
      expectApplied(field, sent, before, after);
      expect(after.status).toBe(before.status);
    } else {
      expect(response.status).toBe(400);
      expect(response.body).toEqual({ success: false, error: { code: 'FIELD_NOT_UPDATABLE', message, field } });
      expect(after).toEqual(before);
    }
  });
});

describe('a refused update applies nothing', () => {
  it('refuses the whole request when one field is locked, whatever else it changes', async () => {
    const before = await userFor('individual', true);
    const response = await api.patch(`/users/${before.id}`, { city: 'Oakland', occupation: 'Pilot', last_name: 'Bhutia' });
    expect(response.status).toBe(400);
    expect(response.body.error).toEqual({
      code: 'FIELD_NOT_UPDATABLE',
      message: 'last_name cannot be updated once user is verified',
      field: 'last_name',
    });
    expect(expectOk(await api.get(`/users/${before.id}`))).toEqual(before);
  });

  it('refuses an SSN change sent with an allowed document, keeping both as they were', async () => {
    const before = await userFor('individual', true);
    const response = await api.patch(`/users/${before.id}`, {
      virtual_documents: [documentOf('virtual_documents', 'PASSPORT'), documentOf('virtual_documents', 'SSN')],
      physical_documents: [documentOf('physical_documents', 'STATE_ID')],
    });
    expect(response.status).toBe(400);
    expect(response.body.error.field).toBe('virtual_documents');
    expect(expectOk(await api.get(`/users/${before.id}`))).toEqual(before);
  });

  it('accepts a locked field sent with the value it already has, changing nothing of it', async () => {
    const before = await userFor('individual', true);
    const ssn = { document_value: '123456789', document_type: 'SSN', country: 'US', state: 'CA' };
    const response = await api.patch(`/users/${before.id}`, {
      id: before.id,
      first_name: before.first_name,
      country: 'US',
      type: 'SEND',
      virtual_documents: [ssn],
      city: 'Oakland',
    });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ ...before, city: 'Oakland' });
  });

  it("refuses another user's id, and fields of the other kind of user", async () => {
    const individual = await userFor('individual', false);
    const idChange = await api.patch(`/users/${individual.id}`, { id: '00000000-0000-4000-8000-000000000000' });
    expect(idChange.body.error).toEqual({ code: 'FIELD_NOT_UPDATABLE', message: 'id cannot be updated', field: 'id' });
    const foreign = await api.patch(`/users/${individual.id}`, { business_type: 'LLC' });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error).toEqual({
      code: 'VALIDATION_ERROR',
      message: 'business_type is not a field of individual users',
      field: 'business_type',
    });
    const business = await userFor('business', false);
    const lastName = await api.patch(`/users/${business.id}`, { last_name: 'Inc' });
    expect(lastName.body.error.message).toBe('last_name is not a field of business users');
    expect(expectOk(await api.get(`/users/${individual.id}`))).toEqual(individual);
  });

  it('lets ip_address change in either state (the page does not list it)', async () => {
    const user = await userFor('business', true);
    const response = await api.patch(`/users/${user.id}`, { ip_address: '10.0.10.9' });
    expect(response.status).toBe(200);
    expect(response.body.ip_address).toBe('10.0.10.9');
  });
});
