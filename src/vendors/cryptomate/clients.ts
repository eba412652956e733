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
  publicClient,
  publicPerson,
  timestamp,
  type Address,
  type AssociatedPerson,
  type CryptoMateClient,
} from './model.js';
import { ok } from './respond.js';
import { scheduleScreening, screenAtCreation } from './screening.js';
import type { operations } from './generated/openapi.js';

type Body = Record<string, unknown>;

const INDIVIDUAL_FIELDS = [
  'phone_country_code', 'phone_number', 'username', 'first_name', 'second_name', 'last_name', 'otp', 'sms', 'whatsapp',
  'telegram', 'email', 'gender', 'birth_date', 'expiration_date', 'address', 'individual_identification',
  'individual_identification_type', 'bank_ramp', 'credit_card_ramp', 'individual_cards', 'occupation', 'annual_salary',
  'account_purpose', 'expected_monthly_volume', 'documents',
];

const BUSINESS_FIELDS = [
  'email', 'business_legal_name', 'business_trade_name', 'business_description', 'business_type', 'business_industry',
  'is_dao', 'registered_address', 'physical_address', 'identifying_information', 'has_material_intermediary_ownership',
  'ownership_threshold', 'account_purpose', 'account_purpose_other', 'source_of_funds', 'source_of_funds_description',
  'estimated_annual_revenue_usd', 'expected_monthly_payments_usd', 'operates_in_prohibited_countries',
  'high_risk_activities', 'high_risk_activities_explanation', 'conducts_money_services',
  'conducts_money_services_using_platform', 'conducts_money_services_description', 'compliance_screening_explanation',
  'acting_as_intermediary', 'regulated_activity', 'primary_website', 'other_websites', 'business_documents',
  'phone_country_code', 'phone_number', 'username', 'otp', 'sms', 'whatsapp', 'telegram',
];

const PERSON_FIELDS = [
  'first_name', 'middle_name', 'last_name', 'email', 'phone', 'birth_date', 'residential_address', 'has_ownership',
  'has_control', 'is_signer', 'is_director', 'title', 'relationship_established_at', 'identifying_information', 'documents',
];

export const BUSINESS_TYPES = ['corporation', 'llc', 'partnership', 'sole_proprietorship', 'non_profit', 'trust', 'other'];

/**
 * The fields of the body this operation knows; a null counts as not sent, as in CryptoMate's Java
 * backend, and fields it does not know are ignored.
 */
function pick(body: Body, fields: string[]): Body {
  const picked: Body = {};
  for (const field of fields) if (body[field] !== undefined && body[field] !== null) picked[field] = body[field];
  return picked;
}

export function requireClient(context: OperationContext, id: string): CryptoMateClient {
  const client = clientsOf(context).get(id);
  if (!client) throw clientNotFound(id);
  return client;
}

function checkAddress(address: unknown, label: string): void {
  const { state, country } = (address ?? {}) as Address;
  if (state === undefined || country === undefined || stateBelongsToCountry(state, country)) return;
  throw validationFailed(`${label} validation failed: state '${state}' does not belong to country '${country}'`);
}

/** A company holds one client per phone number. */
function checkPhoneFree(context: OperationContext, candidate: Body, exceptId?: string): void {
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

function newClient(context: OperationContext, type: CryptoMateClient['type'], fields: Body): CryptoMateClient {
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
  const fields = pick(context.body, INDIVIDUAL_FIELDS);
  checkAddress(fields.address, 'Address');
  checkPhoneFree(context, fields);
  screenAtCreation({ type: 'individual', ...fields });
  const client = clientsOf(context).put(newClient(context, 'individual', fields));
  scheduleScreening(context, client);
  return ok(context, publicClient(client));
};

function checkBusiness(fields: Body, persons: Body[]): void {
  if (typeof fields.business_legal_name !== 'string' || fields.business_legal_name.trim() === '') {
    throw validationFailed('Business legal name is required for business clients');
  }
  if (!BUSINESS_TYPES.includes(fields.business_type as string)) {
    throw validationFailed(`Invalid business type: ${String(fields.business_type)}. Valid values are: ${BUSINESS_TYPES.join(', ')}`);
  }
  const industries = (fields.business_industry ?? []) as string[];
  if (industries.length === 0) throw validationFailed('At least one business industry is required');
  const unknown = industries.find((code) => !INDUSTRY_CODES.has(code));
  if (unknown !== undefined) throw validationFailed(`Invalid business industry code: ${unknown}`);
  if (fields.high_risk_activities === undefined) throw validationFailed('High risk activities selection is required');
  if (!persons.some((person) => person.has_control === true)) {
    throw validationFailed('At least one associated person must have control');
  }
  if (!persons.some((person) => person.is_signer === true)) {
    throw validationFailed('At least one associated person must be a signer');
  }
  checkAddress(fields.registered_address, 'Registered address');
}

const createBusinessClient: OperationHandler<operations['createBusinessClient']> = (context) => {
  const body = context.body;
  const fields = pick(body, BUSINESS_FIELDS);
  const persons = body.associated_persons.map((person) => pick(person, PERSON_FIELDS));
  checkBusiness(fields, persons);
  checkPhoneFree(context, fields);
  screenAtCreation({ type: 'business', ...fields });

  const client = clientsOf(context).put(newClient(context, 'business', fields));
  const people = personsOf(context);
  for (const person of persons) {
    people.put({
      id: `ap_${context.random.uuid()}`,
      business_client_id: client.id,
      has_ownership: false,
      has_control: false,
      is_signer: false,
      is_director: false,
      ...person,
      created_at: client.created_at,
      updated_at: client.created_at,
    });
  }
  scheduleScreening(context, client);
  return ok(context, publicClient(client));
};

const getClient: OperationHandler<operations['getClient']> = (context) => ok(context, publicClient(requireClient(context, context.params.id)));

const UPDATE_FIELDS = INDIVIDUAL_FIELDS.filter((field) => !['bank_ramp', 'credit_card_ramp', 'individual_cards'].includes(field));

const updateClient: OperationHandler<operations['updateClient']> = (context) => {
  const current = requireClient(context, context.params.id);
  // `company_id` is accepted, as documented, but a key cannot move a client to another company.
  const changes = pick(context.body, UPDATE_FIELDS);
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
    .filter((person: AssociatedPerson) => person.business_client_id === client.id);
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
