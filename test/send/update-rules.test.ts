// The Update User page's tables (paas.docs.machnetinc.com/api-references/user/user-kyc) and the Update a
// Receive User page's, cell by cell, against the rule that decides an update (docs/vendors/send.md, "Update
// matrix" and "Receive users"): a field that may not change is refused naming it, the first in the order
// sent; sending the value a user has is no change; ip_address may always change, id never; a field of the
// other kind is a VALIDATION_ERROR. The tables are written out from the pages, not read from the code: Update
// User's in ./update-matrix.table.ts (which test/send/update-matrix.test.ts checks through the API), Update a
// Receive User's below.
import { isFieldOf, refusalFor } from '../../src/vendors/send/update-matrix.js';
import type { SendUser, UserKind } from '../../src/vendors/send/model.js';
import { IMAGE } from '../helpers/send.js';
import { CONDITIONAL, PAGE_TABLES } from './update-matrix.table.js';

const document = (field: string, type: string) =>
  field === 'physical_documents' ? { document_type: type, document_value: IMAGE } : { document_type: type, document_value: '987654321', country: 'US' };

function userOf(kind: UserKind, status: SendUser['status'], type: SendUser['type'] = 'SEND'): SendUser {
  const common = {
    id: 'u-1',
    type,
    status,
    created_at: '2024-01-01T00:00:00.000000',
    mobile_phone: '2106603032',
    email: 'someone@example.com',
    address_line1: '1 Main St',
    city: 'Austin',
    state: 'TX',
    country: 'US',
    zipcode: '73301',
    date_of_birth: '1990-01-01',
    user_scope: 'PERSONAL',
    archived_physical_documents: [],
    cip: {},
  };
  if (kind === 'individual') {
    return {
      ...common,
      business: false,
      first_name: 'Tenzin',
      last_name: 'Norgay',
      gender: 'male',
      occupation: 'Guide',
      company_details: { company_name: 'ACME', address: '1 Main St', phone_number: '2222222222' },
      physical_documents: [{ id: 'p-1', document_type: 'STATE_ID', document_value: IMAGE, country: 'US', state: 'TX' }],
      virtual_documents: [
        { id: 'v-0', document_type: 'PASSPORT', document_value: 'Z1234567', country: 'US' },
        { id: 'v-1', document_type: 'SSN', document_value: '111111111', country: 'US' },
      ],
    } as unknown as SendUser;
  }
  return {
    ...common,
    business: true,
    first_name: 'Machnet Technologies Inc',
    business_type: 'LLC',
    company_website: 'www.example.com',
    number_of_employee: '1-10',
    mailing_address: { city: 'Austin', zipcode: '73301' },
    user_relationship: 'SELF',
    number_of_transaction_per_month: 5,
    transaction_frequency: 'DAILY',
    physical_documents: [{ id: 'p-1', document_type: 'EIN', document_value: IMAGE }],
    virtual_documents: [{ id: 'v-1', document_type: 'EIN', document_value: '111111111', country: 'US' }],
  } as unknown as SendUser;
}

/** A value different from what `userOf` gives, for each field. */
const NEW_VALUES: Record<string, unknown> = {
  first_name: 'Dawa',
  middle_name: 'Lhamo',
  last_name: 'Bhutia',
  mobile_phone: '4155550100',
  email: 'other@example.com',
  address_line1: '9 Mission St',
  address_line2: 'Suite 5',
  city: 'Oakland',
  state: 'CA',
  country: 'CA',
  zipcode: '94607',
  date_of_birth: '1985-02-02',
  gender: 'FEMALE',
  user_scope: 'FINANCE',
  occupation: 'Banker',
  type: 'RECEIVE',
  company_details: { company_name: 'Other' },
  business: false,
  business_type: 'CORPORATION',
  company_website: 'www.other.example.com',
  number_of_employee: 'ABOVE_100',
  mailing_address: { city: 'Oakland' },
  user_relationship: 'PARTNER',
  number_of_transaction_per_month: '122',
  transaction_frequency: 'MONTHLY',
};

const refused = (field: string, message: string) => ({ code: 'FIELD_NOT_UPDATABLE', field, message });

describe('docs: Update User, every cell of the tables', () => {
  const cells = (Object.keys(PAGE_TABLES) as UserKind[]).flatMap((kind) =>
    PAGE_TABLES[kind].flatMap(([field, whenVerified, whenNot]) =>
      (['VERIFIED', 'UNVERIFIED'] as const).map((status) => ({ kind, field, status, cell: status === 'VERIFIED' ? whenVerified : whenNot, never: whenNot === 'No' })),
    ),
  );

  it.each(cells)('$kind $status: $field is $cell', ({ kind, field, status, cell, never }) => {
    const user = userOf(kind, status);
    if (cell === 'Yes') {
      const value = field.endsWith('_documents') ? [document(field, 'PASSPORT')] : NEW_VALUES[field];
      expect(refusalFor(user, { [field]: value })).toBeUndefined();
      return;
    }
    if (cell === 'No') {
      const value = field.endsWith('_documents') ? [document(field, 'PASSPORT')] : NEW_VALUES[field];
      const message = never ? `${field} cannot be updated` : `${field} cannot be updated once user is verified`;
      expect(refusalFor(user, { [field]: value })).toEqual(refused(field, message));
      return;
    }
    const { locked, stillUpdatable } = CONDITIONAL[kind];
    expect(refusalFor(user, { [field]: [document(field, stillUpdatable)] })).toBeUndefined();
    for (const type of locked) {
      expect(refusalFor(user, { [field]: [document(field, stillUpdatable), document(field, type)] })).toEqual(
        refused(field, `${field} of type ${type} cannot be updated once user is verified`),
      );
    }
  });
});

describe('what counts as a change', () => {
  it('accepts a locked field sent with the value it has, gender in any case, a count as a string', () => {
    const individual = userOf('individual', 'VERIFIED');
    expect(refusalFor(individual, { first_name: 'Tenzin', country: 'US', type: 'SEND', gender: 'MALE', id: 'u-1' })).toBeUndefined();
    const business = userOf('business', 'VERIFIED');
    expect(refusalFor(business, { business: true, user_relationship: 'SELF', number_of_transaction_per_month: '5' })).toBeUndefined();
    expect(refusalFor(business, { business_type: 'LLC', first_name: 'Machnet Technologies Inc' })).toBeUndefined();
  });

  it('accepts an SSN sent as it is stored, and refuses one that differs in any value', () => {
    const user = userOf('individual', 'VERIFIED');
    expect(refusalFor(user, { virtual_documents: [{ document_type: 'SSN', document_value: '111111111', country: 'US' }] })).toBeUndefined();
    const message = 'virtual_documents of type SSN cannot be updated once user is verified';
    expect(refusalFor(user, { virtual_documents: [{ document_type: 'SSN', document_value: '111111111', country: 'CA' }] })).toEqual(
      refused('virtual_documents', message),
    );
    expect(refusalFor(user, { virtual_documents: [{ document_type: 'SSN', document_value: '111111111' }] })).toEqual(refused('virtual_documents', message));
  });

  it('takes a locked physical document as a change even when sent as it is: it is always a new copy', () => {
    const user = userOf('business', 'VERIFIED');
    expect(refusalFor(user, { physical_documents: [{ document_type: 'EIN', document_value: IMAGE }] })).toEqual(
      refused('physical_documents', 'physical_documents of type EIN cannot be updated once user is verified'),
    );
    // A verified business's virtual documents are locked whole, whatever their type; sent as they are, no change.
    expect(refusalFor(user, { virtual_documents: [{ document_type: 'EIN', document_value: '111111111', country: 'US' }] })).toBeUndefined();
    expect(refusalFor(user, { virtual_documents: [{ document_type: 'EIN', document_value: '222222222', country: 'US' }] })).toEqual(
      refused('virtual_documents', 'virtual_documents cannot be updated once user is verified'),
    );
  });

  it('takes a physical document as a new copy even when a virtual one of its type holds the same values', () => {
    const user = userOf('business', 'VERIFIED');
    (user as unknown as { virtual_documents: object[] }).virtual_documents = [{ id: 'v-1', document_type: 'EIN', document_value: IMAGE }];
    expect(refusalFor(user, { physical_documents: [{ document_type: 'EIN', document_value: IMAGE }] })).toEqual(
      refused('physical_documents', 'physical_documents of type EIN cannot be updated once user is verified'),
    );
  });

  it('adds nothing by sending an object field with nothing new, even a field of the other kind', () => {
    expect(refusalFor(userOf('individual', 'VERIFIED'), { mailing_address: {} })).toBeUndefined();
    expect(refusalFor(userOf('business', 'UNVERIFIED'), { company_details: {} })).toBeUndefined();
    expect(refusalFor(userOf('business', 'UNVERIFIED'), { company_details: { company_name: 'ACME' } })).toEqual({
      code: 'VALIDATION_ERROR',
      field: 'company_details',
      message: 'company_details is not a field of business users',
    });
    // A receive user has no company details: sending some is refused, sending none is nothing.
    const receive = userOf('individual', 'UNVERIFIED', 'RECEIVE');
    expect(refusalFor(receive, { mailing_address: {} })).toBeUndefined();
    expect(refusalFor(receive, { mailing_address: { city: 'Oakland' } })).toEqual({
      code: 'VALIDATION_ERROR',
      field: 'mailing_address',
      message: 'mailing_address is not a field of receive users',
    });
  });

  it('knows which fields each kind of user has', () => {
    expect(isFieldOf('individual', 'last_name')).toBe(true);
    expect(isFieldOf('business', 'last_name')).toBe(false);
    expect(isFieldOf('business', 'business_type')).toBe(true);
    expect(isFieldOf('individual', 'business_type')).toBe(false);
    expect(isFieldOf('individual', 'ip_address')).toBe(true);
    expect(isFieldOf('business', 'id')).toBe(true);
  });

  it('refuses the first locked field in the order sent', () => {
    const user = userOf('individual', 'VERIFIED');
    expect(refusalFor(user, { city: 'Oakland', last_name: 'Bhutia', email: 'x@example.com' })).toEqual(
      refused('last_name', 'last_name cannot be updated once user is verified'),
    );
    expect(refusalFor(user, { email: 'x@example.com', last_name: 'Bhutia' })?.field).toBe('email');
  });

  it('lets ip_address change always, and refuses another id', () => {
    for (const kind of ['individual', 'business'] as const) {
      for (const status of ['VERIFIED', 'UNVERIFIED'] as const) {
        expect(refusalFor(userOf(kind, status), { ip_address: '10.0.10.9' })).toBeUndefined();
        expect(refusalFor(userOf(kind, status), { id: 'u-2' })).toEqual(refused('id', 'id cannot be updated'));
      }
    }
  });

  it('refuses a field of the other kind of user as a validation error', () => {
    expect(refusalFor(userOf('individual', 'UNVERIFIED'), { business_type: 'LLC' })).toEqual({
      code: 'VALIDATION_ERROR',
      field: 'business_type',
      message: 'business_type is not a field of individual users',
    });
    expect(refusalFor(userOf('business', 'UNVERIFIED'), { last_name: 'Inc' })).toEqual({
      code: 'VALIDATION_ERROR',
      field: 'last_name',
      message: 'last_name is not a field of business users',
    });
  });
});

describe('docs: Update a Receive User, its tables', () => {
  // [field, individual, business]; "—" where the business table has no row (so it may not change).
  const RECEIVE: [string, string, string][] = [
    ['first_name', 'Yes', 'Yes'],
    ['mobile_phone', 'Yes', 'Yes'],
    ['address_line1', 'Yes', 'Yes'],
    ['address_line2', 'Yes', 'Yes'],
    ['city', 'Yes', 'Yes'],
    ['state', 'Yes', 'Yes'],
    ['zipcode', 'Yes', 'Yes'],
    ['physical_documents', 'Yes', 'Yes'],
    ['middle_name', 'Yes', '—'],
    ['last_name', 'Yes', '—'],
    ['date_of_birth', 'Yes', '—'],
    ['email', 'Yes', '—'],
    ['virtual_documents', 'Yes', 'No'],
    ['gender', 'if not provided earlier', '—'],
    ['occupation', 'if not provided earlier', '—'],
    ['user_relationship', 'if not provided earlier', '—'],
    ['country', 'No', 'No'],
  ];

  it.each(RECEIVE)('%s: individual %s, business %s', (field, individual, business) => {
    for (const [kind, cell] of [['individual', individual], ['business', business]] as const) {
      const user = userOf(kind, 'UNVERIFIED', 'RECEIVE');
      const value = field.endsWith('_documents') ? [document(field, 'PASSPORT')] : NEW_VALUES[field];
      const answer = refusalFor(user, { [field]: value });
      if (cell === 'Yes') expect([kind, answer]).toEqual([kind, undefined]);
      else if (cell === 'if not provided earlier') {
        // The test users have gender and occupation; an individual without user_relationship may be given one.
        const had = (user as unknown as Record<string, unknown>)[field] !== undefined;
        expect([kind, answer]).toEqual([kind, had ? refused(field, `${field} can only be updated if not provided earlier`) : undefined]);
      } else expect([kind, answer]).toEqual([kind, refused(field, `${field} cannot be updated`)]);
    }
  });

  it('sets a field that may be given once, and then refuses to change it', () => {
    const user = userOf('individual', 'UNVERIFIED', 'RECEIVE');
    expect(refusalFor(user, { user_relationship: 'FRIEND' })).toBeUndefined();
    const given = { ...user, user_relationship: 'FRIEND' } as SendUser;
    expect(refusalFor(given, { user_relationship: 'FAMILY' })).toEqual(refused('user_relationship', 'user_relationship can only be updated if not provided earlier'));
    expect(refusalFor(given, { user_relationship: 'FRIEND' })).toBeUndefined();
  });

  it('lets ip_address change, takes values it has as no change, and refuses what a receive user has not', () => {
    const user = userOf('business', 'UNVERIFIED', 'RECEIVE');
    expect(refusalFor(user, { ip_address: '10.0.0.1', country: 'US', virtual_documents: [{ document_type: 'EIN', document_value: '111111111', country: 'US' }] })).toBeUndefined();
    expect(refusalFor(user, { company_website: 'www.x.example.com' })).toEqual({
      code: 'VALIDATION_ERROR',
      field: 'company_website',
      message: 'company_website is not a field of receive users',
    });
    expect(refusalFor(user, { id: 'u-9' })).toEqual(refused('id', 'id cannot be updated'));
    expect(refusalFor(user, { physical_documents: [] })).toBeUndefined();
  });

  it('refuses a change to what a receive user has but no table lists: business, type, its send user', () => {
    const user = { ...userOf('individual', 'UNVERIFIED', 'RECEIVE'), send_user_id: 's-1' } as SendUser;
    expect(refusalFor(user, { business: true })).toEqual(refused('business', 'business cannot be updated'));
    expect(refusalFor(user, { type: 'SEND' })).toEqual(refused('type', 'type cannot be updated'));
    expect(refusalFor(user, { send_user_id: 's-2' })).toEqual(refused('send_user_id', 'send_user_id cannot be updated'));
    expect(refusalFor(user, { business: false, type: 'RECEIVE', send_user_id: 's-1' })).toBeUndefined();
  });
});
