import type { OperationContext, OperationHandler } from '../contract.js';
import { deleteBankAccountsOf } from './banks.js';
import { badRequest, clientNotFound, notFound, validationFailed } from './errors.js';
import { INDUSTRY_CODES, PENDING_DOCUMENTS, stateBelongsToCountry } from './lookups.js';
import {
  clientsOf,
  companyId,
  fullPhone,
  personsOf,
  linksOf,
  present,
  publicClient,
  publicPerson,
  timestamp,
  type Address,
  type BusinessType,
  type CryptoMateClient,
} from './model.js';
import { ok } from './respond.js';
import { scheduleScreening, screenAtCreation } from './screening.js';
import type { components, operations } from './generated/openapi.js';

type Schemas = components['schemas'];

const INDIVIDUAL_FIELDS = [
  'phone_country_code', 'phone_number', 'username', 'first_name', 'second_name', 'last_name', 'otp', 'sms', 'whatsapp',
  'telegram', 'email', 'gender', 'birth_date', 'expiration_date', 'address', 'individual_identification',
  'individual_identification_type', 'bank_ramp', 'credit_card_ramp', 'individual_cards', 'occupation', 'annual_salary',
  'account_purpose', 'expected_monthly_volume', 'documents',
] as const satisfies readonly (keyof Schemas['IndividualClientInput'])[];

const BUSINESS_FIELDS = [
  'email', 'business_legal_name', 'business_trade_name', 'business_description', 'business_industry',
  'is_dao', 'registered_address', 'physical_address', 'identifying_information', 'has_material_intermediary_ownership',
  'ownership_threshold', 'account_purpose', 'account_purpose_other', 'source_of_funds', 'source_of_funds_description',
  'estimated_annual_revenue_usd', 'expected_monthly_payments_usd', 'operates_in_prohibited_countries',
  'high_risk_activities', 'high_risk_activities_explanation', 'conducts_money_services',
  'conducts_money_services_using_platform', 'conducts_money_services_description', 'compliance_screening_explanation',
  'acting_as_intermediary', 'regulated_activity', 'primary_website', 'other_websites', 'business_documents',
  'phone_country_code', 'phone_number', 'username', 'otp', 'sms', 'whatsapp', 'telegram',
] as const satisfies readonly (keyof Schemas['BusinessClientInput'])[];

/** The person's fields besides the names every person has. */
const PERSON_FIELDS = [
  'middle_name', 'email', 'phone', 'birth_date', 'residential_address', 'has_ownership', 'has_control', 'is_signer',
  'is_director', 'title', 'relationship_established_at', 'identifying_information', 'documents',
] as const satisfies readonly (keyof Schemas['AssociatedPersonInput'])[];

export const BUSINESS_TYPES: readonly BusinessType[] = ['corporation', 'llc', 'partnership', 'sole_proprietorship', 'non_profit', 'trust', 'other'];

export function requireClient(context: OperationContext, id: string): CryptoMateClient {
  const client = clientsOf(context).get(id);
  if (!client) throw clientNotFound(id);
  return client;
}

function checkAddress(address: Address | undefined, label: string): void {
  const { state, country } = address ?? {};
  if (state === undefined || country === undefined || stateBelongsToCountry(state, country)) return;
  throw validationFailed(`${label} validation failed: state '${state}' does not belong to country '${country}'`);
}

/** A company holds one client per phone number. */
function checkPhoneFree(context: OperationContext, candidate: Parameters<typeof fullPhone>[0], exceptId?: string): void {
  if (fullPhone(candidate) === undefined) return;
  const taken = clientsOf(context)
    .values()
    .some(
      (client) =>
        client.id !== exceptId &&
        client.phone_country_code === candidate.phone_country_code &&
        client.phone_number === candidate.phone_number,
    );
  if (taken) throw validationFailed('Company client already exists for this company and phone number');
}

type ClientFields = Omit<CryptoMateClient, 'id' | 'company_id' | 'type' | 'status' | 'created_at' | 'updated_at'>;

function newClient(context: OperationContext, type: CryptoMateClient['type'], fields: ClientFields): CryptoMateClient {
  const now = timestamp(context.now());
  return {
    id: `client_${context.random.uuid()}`,
    company_id: companyId(context),
    type,
    status: 'PENDING',
    otp: false,
    sms: false,
    whatsapp: false,
    telegram: false,
    wallet_ids: [],
    ...fields,
    created_at: now,
    updated_at: now,
  };
}

const createClient: OperationHandler<operations['createClient']> = (context) => {
  const fields = present(context.body, INDIVIDUAL_FIELDS);
  checkAddress(fields.address, 'Address');
  checkPhoneFree(context, fields);
  screenAtCreation({ type: 'individual', ...fields });
  const client = clientsOf(context).put(newClient(context, 'individual', fields));
  scheduleScreening(context, client);
  return ok(context, publicClient(client));
};

const isBusinessType = (type: string): type is BusinessType => BUSINESS_TYPES.some((known) => known === type);

/** The body's business type, once the business is known to be one CryptoMate registers. */
function checkBusiness(body: Schemas['BusinessClientInput']): BusinessType {
  const { business_legal_name: legalName, business_type: type, business_industry: industries } = body;
  if (typeof legalName !== 'string' || legalName.trim() === '') {
    throw validationFailed('Business legal name is required for business clients');
  }
  if (!isBusinessType(type)) throw validationFailed(`Invalid business type: ${type}. Valid values are: ${BUSINESS_TYPES.join(', ')}`);
  if (!industries?.length) throw validationFailed('At least one business industry is required');
  const unknown = industries.find((code) => !INDUSTRY_CODES.has(code));
  if (unknown !== undefined) throw validationFailed(`Invalid business industry code: ${unknown}`);
  if (body.high_risk_activities == null) throw validationFailed('High risk activities selection is required');
  if (!body.associated_persons.some((person) => person.has_control === true)) {
    throw validationFailed('At least one associated person must have control');
  }
  if (!body.associated_persons.some((person) => person.is_signer === true)) {
    throw validationFailed('At least one associated person must be a signer');
  }
  checkAddress(body.registered_address, 'Registered address');
  return type;
}

const createBusinessClient: OperationHandler<operations['createBusinessClient']> = (context) => {
  const body = context.body;
  const fields = { ...present(body, BUSINESS_FIELDS), business_type: checkBusiness(body) };
  checkPhoneFree(context, fields);
  screenAtCreation({ type: 'business', ...fields });

  const client = clientsOf(context).put(newClient(context, 'business', fields));
  const people = personsOf(context);
  for (const person of body.associated_persons) {
    people.put({
      id: `ap_${context.random.uuid()}`,
      business_client_id: client.id,
      first_name: person.first_name,
      last_name: person.last_name,
      has_ownership: false,
      has_control: false,
      is_signer: false,
      is_director: false,
      ...present(person, PERSON_FIELDS),
      created_at: client.created_at,
      updated_at: client.created_at,
    });
  }
  scheduleScreening(context, client);
  return ok(context, publicClient(client));
};

const getClient: OperationHandler<operations['getClient']> = (context) => ok(context, publicClient(requireClient(context, context.params.id)));

const CREATION_ONLY: readonly string[] = ['bank_ramp', 'credit_card_ramp', 'individual_cards'];
const UPDATE_FIELDS = INDIVIDUAL_FIELDS.filter((field) => !CREATION_ONLY.includes(field));

const updateClient: OperationHandler<operations['updateClient']> = (context) => {
  const current = requireClient(context, context.params.id);
  // `company_id` is accepted, as documented, but a key cannot move a client to another company.
  const changes = present(context.body, UPDATE_FIELDS);
  if (changes.address !== undefined) checkAddress(changes.address, 'Address');
  const next: CryptoMateClient = { ...current, ...changes, updated_at: timestamp(context.now()) };
  if (fullPhone(next) !== fullPhone(current)) checkPhoneFree(context, next, current.id);
  return ok(context, publicClient(clientsOf(context).put(next)));
};

/** Deleting a client deletes its data for good: its provider links, bank accounts and associated persons go with it. */
const deleteClient: OperationHandler<operations['deleteClient']> = (context) => {
  const client = requireClient(context, context.params.id);
  deleteBankAccountsOf(context, client.id);
  for (const link of linksOf(context).values()) if (link.client_id === client.id) linksOf(context).delete(link.id);
  for (const person of personsOf(context).values()) {
    if (person.business_client_id === client.id) personsOf(context).delete(person.id);
  }
  clientsOf(context).delete(client.id);
  return ok(context, {});
};

const enableOtp: OperationHandler<operations['enableOtp']> = (context) => {
  const current = requireClient(context, context.params.id);
  const next: CryptoMateClient = { ...current, otp: true, updated_at: timestamp(context.now()) };
  return ok(context, publicClient(clientsOf(context).put(next)));
};

const CHANNELS = ['otp', 'sms', 'whatsapp', 'telegram'] as const;

const listClients: OperationHandler<operations['listClients']> = (context) => {
  const wanted = CHANNELS.filter((channel) => context.query[channel] !== undefined);
  const clients = clientsOf(context)
    .values()
    .filter((client) => wanted.every((channel) => (client[channel] === true) === context.query[channel]));
  return ok(context, clients.map(publicClient));
};

const getClientByWhatsAppPhone: OperationHandler<operations['getClientByWhatsAppPhone']> = (context) => {
  // The docs name the parameter `full_phone_number`; their own curl example sends `fullPhoneNumber`.
  const raw = context.query.full_phone_number ?? context.query.fullPhoneNumber;
  if (raw === undefined) throw badRequest("Required request parameter 'full_phone_number' is not present");
  const phone = String(raw).replace(/[^0-9]/g, '');
  const client = clientsOf(context)
    .values()
    .find((candidate) => candidate.whatsapp === true && fullPhone(candidate) === phone);
  if (!client) throw notFound('Company client not found with phone number and WhatsApp enabled');
  return ok(context, publicClient(client));
};

const getPendingDocuments: OperationHandler<operations['getPendingDocuments']> = (context) => {
  const id = context.params.clientId;
  const client = clientsOf(context).get(id);
  if (!client) throw notFound(`Client not found: ${id}`);
  if (client.status !== 'PENDING') throw validationFailed(`No pending documents for client, due to status: ${client.status}`);
  return ok(context, { documents: PENDING_DOCUMENTS.map((document) => ({ ...document, issue_reasons: [] })) });
};

const listAssociatedPersons: OperationHandler<operations['listAssociatedPersons']> = (context) => {
  const client = requireClient(context, context.params.clientId);
  const persons = personsOf(context)
    .values()
    .filter((person) => person.business_client_id === client.id);
  return ok(context, persons.map(publicPerson));
};

export const clientHandlers = {
  listClients,
  createClient,
  createBusinessClient,
  getClient,
  updateClient,
  deleteClient,
  enableOtp,
  getClientByWhatsAppPhone,
  getPendingDocuments,
  listAssociatedPersons,
};
