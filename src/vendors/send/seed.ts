import type { SeedContext } from '../contract.js';
import { representativesOf, timestamp, usersOf, type Representative, type SendUser } from './model.js';
import { decide, submittedCip } from './verification.js';
import { fixturesOf, SEEDED_HISTORY_MS } from '../kit.js';
import { compacted } from '../../seeding/compacted.js';

const TINY_IMAGE = 'data:image/png;base64,iVBORw0KGgo=';
const TINY_PDF = 'data:application/pdf;base64,JVBERi0xLjQK';
// The facts' proposals: no real lists are public.
const BUSINESS_TYPES = ['LLC', 'CORPORATION', 'PARTNERSHIP', 'SOLE_PROPRIETORSHIP', 'NON_PROFIT'];
const SCOPES = ['ARTS_ENTERTAINMENT', 'COMPUTER_TECHNOLOGY', 'FINANCE', 'HEALTHCARE', 'RETAIL'];
const EMPLOYEES = ['BETWEEN_1_TO_10', 'BETWEEN_10_TO_25', 'BETWEEN_25_TO_50', 'BETWEEN_50_TO_100', 'ABOVE_100'];
const FREQUENCIES = ['DAILY', 'WEEKLY', 'MONTHLY', 'QUARTERLY', 'YEARLY'];

type FixtureUser = Omit<SendUser, 'cip'>;

let fixtures: { users: FixtureUser[]; representatives: Representative[] } | undefined;

/** The source page's users (Tenzin Norgay and Machnet Technologies Inc), in every partition. */
function loadFixtures() {
  const files = fixturesOf('send');
  fixtures ??= { users: files.json<FixtureUser[]>('users.json'), representatives: files.json<Representative[]>('representatives.json') };
  return fixtures;
}

/** A seeded user: every one has an email and an address. */
type SeededUser = SendUser & Required<Pick<SendUser, 'email' | 'address_line1' | 'city' | 'state' | 'country' | 'zipcode'>>;

function fakeUser(context: SeedContext, index: number, createdAt: Date): SeededUser {
  const { faker, random } = context;
  const business = faker.number.int({ min: 1, max: 10 }) > 7;
  const address = {
    address_line1: faker.location.streetAddress(),
    city: faker.location.city(),
    state: faker.location.state({ abbreviated: true }),
    country: 'US',
    zipcode: faker.location.zipCode('#####'),
  };
  const common = {
    id: random.uuid(),
    type: 'SEND' as const,
    business,
    status: 'UNVERIFIED' as const,
    created_at: timestamp(createdAt),
    // The index keeps seeded emails and phones unique within the partition, as registration requires.
    mobile_phone: `${faker.number.int({ min: 2, max: 9 })}${faker.string.numeric(5)}${String(index).padStart(4, '0')}`,
    ...address,
    ip_address: faker.internet.ipv4(),
    user_scope: faker.helpers.arrayElement(SCOPES),
    archived_physical_documents: [],
    cip: {},
  };
  let user: SeededUser;
  if (business) {
    const name = faker.company.name();
    user = {
      ...common,
      first_name: name,
      email: `compliance.${index}@${faker.internet.domainWord()}.example.com`,
      date_of_birth: faker.date.past({ years: 30, refDate: createdAt }).toISOString().slice(0, 10),
      business_type: faker.helpers.arrayElement(BUSINESS_TYPES),
      company_website: `www.${faker.internet.domainWord()}.example.com`,
      number_of_employee: faker.helpers.arrayElement(EMPLOYEES),
      mailing_address: { ...address },
      number_of_transaction_per_month: faker.number.int({ min: 1, max: 500 }),
      transaction_frequency: faker.helpers.arrayElement(FREQUENCIES),
      physical_documents: [{ id: random.uuid(), document_type: 'EIN', document_value: TINY_PDF }],
      virtual_documents: [{ id: random.uuid(), document_type: 'EIN', document_value: faker.string.numeric(9) }],
    };
  } else {
    // The draw `faker.person.sexType()` makes, typed as two of the document's genders.
    const sex = faker.helpers.arrayElement(['female', 'male'] as const);
    const firstName = faker.person.firstName(sex);
    const lastName = faker.person.lastName();
    user = {
      ...common,
      first_name: firstName,
      last_name: lastName,
      email: `${firstName}.${lastName}.${index}@example.com`.toLowerCase().replace(/[^a-z0-9.@]/g, ''),
      date_of_birth: faker.date.birthdate({ mode: 'age', min: 18, max: 85 }).toISOString().slice(0, 10),
      gender: sex,
      occupation: faker.person.jobTitle(),
      physical_documents: [{ id: random.uuid(), document_type: 'STATE_ID', document_value: TINY_IMAGE, country: 'US', state: address.state }],
      virtual_documents: [{ id: random.uuid(), document_type: 'SSN', document_value: faker.string.numeric(9), country: 'US' }],
    };
  }
  if (faker.datatype.boolean()) return { ...user, ...decide(user) };
  return { ...user, cip: submittedCip(user) };
}

function accountOperator(context: SeedContext, user: SeededUser): Representative {
  const { faker } = context;
  const firstName = faker.person.firstName();
  const lastName = faker.person.lastName();
  return {
    id: context.random.uuid(),
    user_id: user.id,
    first_name: firstName,
    last_name: lastName,
    email: `${firstName}.${lastName}@${user.email.split('@')[1]}`.toLowerCase().replace(/[^a-z0-9.@-]/g, ''),
    title: faker.person.jobTitle(),
    date_of_birth: faker.date.birthdate({ mode: 'age', min: 25, max: 75 }).toISOString().slice(0, 10),
    address_line1: user.address_line1,
    city: user.city,
    state: user.state,
    country: user.country,
    zipcode: user.zipcode,
    ownership_percentage: 0,
    br_type: { account_operator: true, beneficial_owner: faker.datatype.boolean(), compliance: false, primary_controller: false },
    physical_documents: [],
    archived_physical_documents: [],
    virtual_documents: [],
  };
}

export function seedSend(context: SeedContext): void {
  const users = usersOf(context.partition);
  const representatives = representativesOf(context.partition);
  const { users: fixtureUsers, representatives: fixtureRepresentatives } = loadFixtures();
  for (const fixture of fixtureUsers) {
    const user = structuredClone(fixture);
    users.put({ ...user, cip: submittedCip({ ...user, cip: {} }) });
  }
  for (const representative of fixtureRepresentatives) representatives.put(structuredClone(representative));

  const start = context.referenceDate.getTime() - SEEDED_HISTORY_MS;
  const step = SEEDED_HISTORY_MS / Math.max(context.clients, 1);
  for (let index = 0; index < context.clients; index++) {
    const createdAt = new Date(start + Math.floor(step * index));
    const user = fakeUser(context, index, createdAt);
    users.put(compacted(user));
    // KYB cannot start without an account operator, so every seeded business has one.
    if (user.business) representatives.put(compacted(accountOperator(context, user)));
  }
}
