import type { Collection, Partition } from '../contract.js';

type ClientType = 'individual' | 'business';
export type ClientStatus = 'PENDING' | 'ACTIVE' | 'REJECTED';

export interface Address {
  street_line_1?: string;
  street_line_2?: string;
  city?: string;
  postal_code?: string;
  state?: string;
  country?: string;
}

interface IdentifyingInformation {
  type: string;
  issuing_country: string;
  number: string;
  description?: string;
  expiration?: string;
  image_front?: string;
  image_back?: string;
}

/**
 * A company client as stored: every field the API returns, plus the request-only fields
 * (`bank_ramp`, `occupation`, …) that CryptoMate accepts but its client object does not list.
 */
export interface CryptoMateClient {
  id: string;
  company_id: string;
  type: ClientType;
  status: ClientStatus;
  [field: string]: unknown;
  created_at: string;
  updated_at: string;
}

export interface AssociatedPerson {
  id: string;
  business_client_id: string;
  [field: string]: unknown;
  created_at: string;
  updated_at: string;
}

export interface ProviderLink {
  id: string;
  client_id: string;
  provider: string;
  customer_id: string;
  status: 'active';
  created_at: string;
  updated_at: string;
}

export interface BankAccount {
  id: string;
  company_id: string;
  client_id: string;
  type: 'ACH' | 'SPEI' | 'SEPA' | 'PIX';
  currency: string;
  [field: string]: unknown;
}

interface CompanyRecord {
  id: 'company';
  company_id: string;
}

const CLIENT_FIELDS = [
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

const PERSON_FIELDS = [
  'id', 'business_client_id', 'person_client_id', 'person_bridge_id', 'first_name', 'middle_name', 'last_name', 'email',
  'phone', 'birth_date', 'residential_address', 'has_ownership', 'has_control', 'is_signer', 'is_director', 'title',
  'relationship_established_at', 'identifying_information', 'created_at', 'updated_at',
];

function project(record: Record<string, unknown>, fields: string[]): Record<string, unknown> {
  const shown: Record<string, unknown> = {};
  for (const field of fields) if (record[field] !== undefined) shown[field] = record[field];
  return shown;
}

/** Identity images are write-only: CryptoMate lists identifying information "without images". */
function withoutImages(items: unknown): unknown {
  if (!Array.isArray(items)) return items;
  return items.map(({ image_front: _front, image_back: _back, ...rest }: IdentifyingInformation) => rest);
}

/** The client as the API shows it: the documented fields, in the documented order. */
export function publicClient(client: CryptoMateClient): Record<string, unknown> {
  const shown = project(client, CLIENT_FIELDS);
  if (shown.identifying_information !== undefined) shown.identifying_information = withoutImages(shown.identifying_information);
  return shown;
}

export function publicPerson(person: AssociatedPerson): Record<string, unknown> {
  const shown = project(person, PERSON_FIELDS);
  if (shown.identifying_information !== undefined) shown.identifying_information = withoutImages(shown.identifying_information);
  return shown;
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
  return companyOf(context).get('company')!.company_id;
}

export function setCompanyId(context: Stored, id: string): void {
  companyOf(context).put({ id: 'company', company_id: id });
}

/** The country code and number together, as `by-phone-whatsapp` takes them. */
export function fullPhone(client: Record<string, unknown>): string | undefined {
  if (client.phone_country_code === undefined || client.phone_number === undefined) return undefined;
  return `${String(client.phone_country_code)}${String(client.phone_number)}`;
}
