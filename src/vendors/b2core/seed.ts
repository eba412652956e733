import type { SeedContext } from '../contract.js';
import {
  addressesOf,
  allocateIds,
  b2coreTime,
  clientsOf,
  phonesOf,
  reserveIds,
  type StoredAddress,
  type StoredClient,
  type StoredPhone,
} from './records.js';
import { COUNTRIES, readFixture } from './references.js';
import { SEEDED_HISTORY_MS } from '../kit.js';
import { compacted } from '../../seeding/compacted.js';

type FixtureClient = StoredClient & {
  phones: Pick<StoredPhone, 'number' | 'confirmed'>[];
  addresses: Pick<StoredAddress, 'address' | 'city' | 'state' | 'postcode' | 'countryCode'>[];
};

const FIXTURE_CLIENTS = readFixture<FixtureClient[]>('clients.json');
/** Fake clients live in real countries only; the documentation example's country is the fixture client's. */
const REAL_COUNTRIES = COUNTRIES.filter((country) => Number(country.numericCode) >= 4);
const LOCALES = ['en_US', 'en_US', 'en_US', 'de_DE', 'es_ES', 'fr_FR', 'ja_JP'];
const STATUS_WEIGHTS = [
  { weight: 14, value: 1 },
  { weight: 3, value: 2 },
  { weight: 2, value: 3 },
  { weight: 1, value: 4 },
];

function putContacts(context: SeedContext, client: StoredClient, contacts: Pick<FixtureClient, 'phones' | 'addresses'>): void {
  const stamp = { createTime: client.createTime, updateTime: client.createTime };
  for (const phone of contacts.phones) {
    phonesOf(context.partition).put(compacted({ id: allocateIds(context.partition, 'phones'), clientId: client.id, ...phone, ...stamp }));
  }
  for (const address of contacts.addresses) {
    addressesOf(context.partition).put(compacted({ id: allocateIds(context.partition, 'addresses'), clientId: client.id, ...address, ...stamp }));
  }
}

function fakeClient(context: SeedContext, id: number, createdAt: Date, takenEmails: Set<string>): FixtureClient {
  const { faker } = context;
  const sex = faker.person.sexType();
  const firstName = faker.person.firstName(sex);
  const lastName = faker.person.lastName();
  const corporate = faker.number.int({ min: 1, max: 4 }) === 1;
  const country = faker.helpers.arrayElement(REAL_COUNTRIES);
  const city = faker.location.city();
  let email = faker.internet.email({ firstName, lastName, provider: 'example.org' }).toLowerCase();
  if (takenEmails.has(email)) email = email.replace('@', `.${id}@`);
  takenEmails.add(email);
  const companyName = corporate ? faker.company.name() : null;
  const updatedAt = faker.date.between({ from: createdAt, to: context.referenceDate });
  const maybe = <T>(value: () => T) => (faker.datatype.boolean({ probability: 0.7 }) ? value() : null);
  const client: StoredClient = {
    id,
    email,
    nickname: maybe(() => faker.internet.username({ firstName, lastName }).toLowerCase()),
    locale: faker.helpers.arrayElement(LOCALES),
    firstName,
    middleName: faker.datatype.boolean({ probability: 0.2 }) ? faker.person.middleName(sex) : null,
    lastName,
    birthday: faker.date.birthdate({ mode: 'age', min: 18, max: 80 }).toISOString().slice(0, 10),
    city,
    countryCode: country.numericCode,
    company: { shortName: companyName?.split(/[ ,]/)[0] ?? null, fullName: companyName },
    statusId: faker.helpers.weightedArrayElement(STATUS_WEIGHTS),
    typeId: corporate ? 2 : 1,
    internalTypeId: maybe(() => faker.number.int({ min: 1, max: 3 })),
    verificationLevelId: faker.number.int({ min: 1, max: 3 }),
    riskLevelId: maybe(() => faker.number.int({ min: 1, max: 3 })),
    managerId: maybe(() => faker.number.int({ min: 1, max: 3 })),
    tagIds: [1, 2, 3].filter(() => faker.datatype.boolean({ probability: 0.3 })),
    createTime: b2coreTime(createdAt),
    updateTime: b2coreTime(updatedAt),
    lastLoginTime: maybe(() => b2coreTime(faker.date.between({ from: createdAt, to: context.referenceDate }))),
  };
  const phones = Array.from({ length: faker.number.int({ min: 1, max: 2 }) }, () => ({
    number: faker.phone.number({ style: 'international' }),
    confirmed: faker.datatype.boolean(),
  }));
  const addresses = [{
    address: faker.location.streetAddress(),
    city,
    state: maybe(() => faker.location.state({ abbreviated: true })),
    postcode: faker.location.zipCode(),
    countryCode: country.numericCode,
  }];
  return { ...client, phones, addresses };
}

export function seedB2Core(context: SeedContext): void {
  const clients = clientsOf(context.partition);
  const takenEmails = new Set<string>();
  for (const { phones, addresses, ...client } of FIXTURE_CLIENTS) {
    clients.put(structuredClone(client));
    takenEmails.add(client.email);
    putContacts(context, client, { phones, addresses });
  }
  reserveIds(context.partition, 'clients', Math.max(0, ...FIXTURE_CLIENTS.map((client) => client.id)));
  // Creation times rise with the id, as they would in a real back office.
  const start = context.referenceDate.getTime() - SEEDED_HISTORY_MS;
  const step = Math.floor(SEEDED_HISTORY_MS / Math.max(context.clients, 1));
  for (let index = 0; index < context.clients; index++) {
    const createdAt = new Date(start + step * index + context.faker.number.int({ min: 0, max: step - 1 }));
    const { phones, addresses, ...client } = fakeClient(context, allocateIds(context.partition, 'clients'), createdAt, takenEmails);
    clients.put(compacted(client));
    putContacts(context, client, { phones, addresses });
  }
}
