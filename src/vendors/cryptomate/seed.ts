import type { SeedContext } from '../contract.js';
import { BUSINESS_TYPES } from './clients.js';
import { BUSINESS_INDUSTRIES, COUNTRY_LIST, fixture, identificationsOf, type Country } from './lookups.js';
import {
  banksOf,
  clientsOf,
  linksOf,
  personsOf,
  setCompanyId,
  timestamp,
  type Address,
  type AssociatedPerson,
  type BankAccount,
  type ClientStatus,
  type CryptoMateClient,
  type ProviderLink,
} from './model.js';
import { SEEDED_HISTORY_MS } from '../kit.js';
import { compacted } from '../../seeding/compacted.js';


/**
 * The records the docs' examples name, so that their requests work as written in every company: John
 * Doe as "Get client by ID" shows him, with the Bridge link and the Chase account of the provider and
 * bank pages, and the create-business example's TechStartup with Jane Smith. John carries no phone, so
 * that the create-client example, which sends the phone his page shows, still creates a client. The files
 * leave out `company_id`: each company's records carry its own.
 */
const DOCUMENTED_CLIENTS = fixture<Omit<CryptoMateClient, 'company_id'>[]>('clients.json');
const DOCUMENTED_PERSONS = fixture<AssociatedPerson[]>('associated-persons.json');
const DOCUMENTED_LINKS = fixture<ProviderLink[]>('provider-links.json');
const DOCUMENTED_BANK_ACCOUNTS = fixture<Omit<BankAccount, 'company_id'>[]>('bank-accounts.json');

function address(context: SeedContext, country: Country): Address {
  const { faker } = context;
  return {
    street_line_1: faker.location.streetAddress(),
    city: faker.location.city(),
    postal_code: faker.location.zipCode(country.postal_code_format.replace(/@/g, '?')).toUpperCase(),
    state: faker.helpers.arrayElement(country.subdivisions).code,
    country: country.alpha3,
  };
}

function status(context: SeedContext): ClientStatus {
  const roll = context.faker.number.int({ min: 1, max: 10 });
  return roll <= 7 ? 'ACTIVE' : roll <= 9 ? 'PENDING' : 'REJECTED';
}

function individual(context: SeedContext, country: Country): Partial<CryptoMateClient> {
  const { faker } = context;
  const sex = faker.person.sexType();
  const firstName = faker.person.firstName(sex);
  const lastName = faker.person.lastName();
  const identification = identificationsOf(country)[0];
  const fields: Partial<CryptoMateClient> = {
    first_name: firstName,
    last_name: lastName,
    gender: sex,
    email: faker.internet.email({ firstName, lastName, provider: 'example.com' }).toLowerCase(),
    birth_date: faker.date.birthdate({ mode: 'age', min: 18, max: 80 }).toISOString().slice(0, 10),
    address: address(context, country),
    username: faker.internet.username({ firstName, lastName }).toLowerCase(),
  };
  if (identification) {
    fields.individual_identification_type = identification.type;
    fields.individual_identification = faker.string.numeric(9);
  }
  if (faker.datatype.boolean()) {
    fields.document_type = faker.helpers.arrayElement(['PASSPORT', 'DRIVERS_LICENSE']);
    fields.document_number = faker.string.alphanumeric({ length: 9, casing: 'upper' });
    fields.expiration_date = faker.date.future({ years: 8 }).toISOString().slice(0, 10);
  }
  return fields;
}

function business(context: SeedContext, country: Country): Partial<CryptoMateClient> {
  const { faker } = context;
  const name = faker.company.name();
  const domain = `${faker.internet.domainWord()}.example.com`;
  return {
    business_legal_name: `${name} ${faker.helpers.arrayElement(['Inc.', 'LLC', 'S.A.', 'Ltd'])}`,
    business_trade_name: name,
    business_description: faker.company.catchPhrase(),
    business_type: faker.helpers.arrayElement(BUSINESS_TYPES),
    business_industry: [faker.helpers.arrayElement(BUSINESS_INDUSTRIES).code],
    is_dao: false,
    email: `compliance@${domain}`,
    registered_address: address(context, country),
    identifying_information: [{ type: 'ein', issuing_country: country.alpha3, number: faker.string.numeric(9) }],
    high_risk_activities: [],
    primary_website: `https://www.${domain}`,
  };
}

function seedPersons(context: SeedContext, client: CryptoMateClient, country: Country): void {
  const { faker } = context;
  const count = faker.number.int({ min: 1, max: 2 });
  for (let index = 0; index < count; index++) {
    const firstName = faker.person.firstName();
    const lastName = faker.person.lastName();
    // The first person is the one every business must have: in control, and a signer.
    const principal = index === 0;
    personsOf(context).put(compacted({
      id: `ap_${context.random.uuid()}`,
      business_client_id: client.id,
      first_name: firstName,
      last_name: lastName,
      email: faker.internet.email({ firstName, lastName, provider: 'example.com' }).toLowerCase(),
      birth_date: faker.date.birthdate({ mode: 'age', min: 25, max: 75 }).toISOString().slice(0, 10),
      residential_address: address(context, country),
      has_ownership: principal || faker.datatype.boolean(),
      has_control: principal,
      is_signer: principal,
      is_director: faker.datatype.boolean(),
      created_at: client.created_at,
      updated_at: client.created_at,
    }));
  }
}

export function seedCryptoMate(context: SeedContext): void {
  const { faker } = context;
  const companyId = `comp_${context.random.uuid()}`;
  setCompanyId(context, companyId);
  const phones = new Set<string>();
  const start = context.referenceDate.getTime() - SEEDED_HISTORY_MS;
  const step = SEEDED_HISTORY_MS / Math.max(context.clients, 1);
  for (let index = 0; index < context.clients; index++) {
    const country = faker.helpers.arrayElement(COUNTRY_LIST);
    const type = faker.number.int({ min: 1, max: 10 }) <= 7 ? 'individual' : 'business';
    let phone: number;
    do phone = Number(faker.string.numeric({ length: 10, allowLeadingZeros: false }));
    while (phones.has(`${country.dial_code}:${phone}`));
    phones.add(`${country.dial_code}:${phone}`);
    const created = new Date(start + Math.floor(step * index + faker.number.int({ min: 0, max: step - 1 })));
    const at = timestamp(created);
    const client: CryptoMateClient = {
      id: `client_${context.random.uuid()}`,
      company_id: companyId,
      type,
      status: status(context),
      phone_country_code: country.dial_code,
      phone_number: phone,
      ...(type === 'individual' ? individual(context, country) : business(context, country)),
      otp: faker.datatype.boolean(),
      sms: faker.datatype.boolean(),
      whatsapp: faker.datatype.boolean(),
      telegram: faker.datatype.boolean(),
      wallet_ids: [],
      created_at: at,
      updated_at: at,
    };
    if (client.status === 'REJECTED') {
      client.rejection_code = 'REJECTED_BY_PROVIDER';
      client.rejection_description = 'Sanctions match';
    }
    clientsOf(context).put(compacted(client));
    if (type === 'business') seedPersons(context, client, country);
  }
  // After the generated history, which ends before the docs' 2026-04-15, so that lists keep creation order.
  for (const client of DOCUMENTED_CLIENTS) clientsOf(context).put({ ...structuredClone(client), company_id: companyId });
  for (const person of DOCUMENTED_PERSONS) personsOf(context).put(structuredClone(person));
  for (const link of DOCUMENTED_LINKS) linksOf(context).put(structuredClone(link));
  for (const account of DOCUMENTED_BANK_ACCOUNTS) banksOf(context).put({ ...structuredClone(account), company_id: companyId });
}
