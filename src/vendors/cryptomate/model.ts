import type { Collection, Partition } from '../contract.js';
import { ordered } from '../kit.js';
import type { components } from './generated/openapi.js';

type Schemas = components['schemas'];

export type Address = Schemas['Address'];
export type ClientStatus = Schemas['Client']['status'];
export type BusinessType = NonNullable<Schemas['Client']['business_type']>;
export type ProviderLink = Schemas['ProviderLink'];

/** Body fields the operation accepts that the documented record does not list: kept, never shown. */
type RequestOnly<Input, Shown> = { [Field in Exclude<keyof Input, keyof Shown>]?: NonNullable<Input[Field]> };

/** Identity images are write-only: CryptoMate lists identifying information "without images". */
type WithImages<Shown> = Omit<Shown, 'identifying_information'> & {
  identifying_information?: Schemas['IdentifyingInformationInput'][];
};

/**
 * A company client as stored: the documented client, plus the request-only fields (`bank_ramp`,
 * `occupation`, …) that CryptoMate accepts but its client object does not list.
 */
export type CryptoMateClient = WithImages<Schemas['Client']> &
  RequestOnly<Schemas['IndividualClientInput'], Schemas['Client']> &
  RequestOnly<Omit<Schemas['BusinessClientInput'], 'associated_persons'>, Schemas['Client']>;

export type AssociatedPerson = WithImages<Schemas['AssociatedPerson']> &
  RequestOnly<Schemas['AssociatedPersonInput'], Schemas['AssociatedPerson']>;

/** The holder's split name, the address and the country are taken, not shown. */
export type BankAccount = Schemas['BankAccount'] &
  RequestOnly<Schemas['SepaBankAccountInput'] & Schemas['PixBankAccountInput'], Schemas['BankAccount']>;

interface CompanyRecord {
  id: 'company';
  company_id: string;
}

const CLIENT_FIELDS: (keyof Schemas['Client'])[] = [
  'id', 'company_id', 'type', 'status', 'phone_country_code', 'phone_number', 'first_name', 'second_name', 'last_name',
  'gender', 'email', 'birth_date', 'address', 'document_type', 'document_number', 'expiration_date',
  'individual_identification_type', 'individual_identification', 'otp', 'sms', 'whatsapp', 'telegram', 'username',
  'wallet_ids', 'created_at', 'updated_at', 'business_legal_name', 'business_trade_name', 'business_description',
  'business_type', 'business_industry', 'is_dao', 'registered_address', 'physical_address', 'identifying_information',
  'has_material_intermediary_ownership', 'ownership_threshold', 'signed_agreement_id', 'account_purpose',
  'source_of_funds', 'estimated_annual_revenue_usd', 'expected_monthly_payments_usd', 'operates_in_prohibited_countries',
  'high_risk_activities', 'conducts_money_services', 'acting_as_intermediary', 'primary_website', 'other_websites',
  'rejection_code', 'rejection_description', 'documents',
];

const PERSON_FIELDS: (keyof Schemas['AssociatedPerson'])[] = [
  'id', 'business_client_id', 'person_client_id', 'person_bridge_id', 'first_name', 'middle_name', 'last_name', 'email',
  'phone', 'birth_date', 'residential_address', 'has_ownership', 'has_control', 'is_signer', 'is_director', 'title',
  'relationship_established_at', 'identifying_information', 'created_at', 'updated_at',
];

const withoutImages = (items: Schemas['IdentifyingInformationInput'][]): Schemas['IdentifyingInformation'][] =>
  items.map(({ image_front: _front, image_back: _back, ...shown }) => shown);

/** The client as the API shows it: the documented fields, in the documented order. */
export function publicClient(client: CryptoMateClient): Schemas['Client'] {
  const { identifying_information } = client;
  const shown: Schemas['Client'] = ordered(client, CLIENT_FIELDS);
  if (identifying_information !== undefined) shown.identifying_information = withoutImages(identifying_information);
  return shown;
}

export function publicPerson(person: AssociatedPerson): Schemas['AssociatedPerson'] {
  const { identifying_information } = person;
  const shown: Schemas['AssociatedPerson'] = ordered(person, PERSON_FIELDS);
  if (identifying_information !== undefined) shown.identifying_information = withoutImages(identifying_information);
  return shown;
}

/**
 * The named fields of a body that were sent: a null counts as not sent, as in CryptoMate's Java backend, and
 * fields the operation does not know are left out.
 */
export function present<Body extends object, Field extends keyof Body>(
  body: Body,
  fields: readonly Field[],
): { [Name in Field]?: NonNullable<Body[Name]> } {
  const sent: { [Name in Field]?: NonNullable<Body[Name]> } = {};
  for (const field of fields) {
    const value = body[field];
    if (value !== undefined && value !== null) sent[field] = value;
  }
  return sent;
}

/** CryptoMate's client timestamps carry no zone: `2026-04-15T10:30:00`. */
export function timestamp(at: Date): string {
  return at.toISOString().slice(0, 19);
}

type Stored = Pick<{ partition: Partition }, 'partition'>;

export const clientsOf = (context: Stored): Collection<CryptoMateClient> => context.partition.collection('clients');
export const personsOf = (context: Stored): Collection<AssociatedPerson> => context.partition.collection('associated_persons');
export const linksOf = (context: Stored): Collection<ProviderLink> => context.partition.collection('provider_links');
export const banksOf = (context: Stored): Collection<BankAccount> => context.partition.collection('bank_accounts');

const companyOf = (context: Stored) => context.partition.collection<CompanyRecord>('company');

/** The key's company id, drawn once when the partition is seeded. */
export function companyId(context: Stored): string {
  const company = companyOf(context).get('company');
  if (!company) throw new Error('the CryptoMate partition has no company: it was not seeded');
  return company.company_id;
}

export function setCompanyId(context: Stored, id: string): void {
  companyOf(context).put({ id: 'company', company_id: id });
}

/** The country code and number together, as `by-phone-whatsapp` takes them. */
export function fullPhone(client: Pick<Schemas['Client'], 'phone_country_code' | 'phone_number'>): string | undefined {
  if (client.phone_country_code === undefined || client.phone_number === undefined) return undefined;
  return `${client.phone_country_code}${client.phone_number}`;
}
