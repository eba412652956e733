import type { TestSandbox } from './sandbox.js';
import { vendorClient } from './vendor-client.js';

/** The client id of CryptoMate's examples: the docs' John Doe, seeded in every company. */
export const DOCUMENTED_CLIENT_ID = 'client_a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';

/** The docs' business TechStartup Solutions Inc., seeded in every company, still pending. */
export const DOCUMENTED_BUSINESS_ID = 'client_b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e';

/** A well-formed client id that no company has, for the documented 404s. */
export const UNKNOWN_CLIENT_ID = 'client_00000000-0000-4000-8000-000000000000';

export const UNAUTHORIZED_MESSAGE = 'Access denied. The API Key is not authorized to do this operation.';

export const TRACE_ID = /^[0-9a-f]{32}$/;

/** A CryptoMate caller with its own key, and so its own company. */
export function cryptoMate(sandbox: TestSandbox, apiKey = `key_${Math.random().toString(36).slice(2)}`) {
  return { apiKey, ...vendorClient(sandbox, '/management', { 'X-API-KEY': apiKey }) };
}

let phoneSequence = 5550100;

/** A fresh phone number, so that clients do not collide on the company's one-client-per-phone rule. */
export const nextPhone = () => 4150000000 + phoneSequence++;

/** The create-client page's example request, with a phone of its own. */
export const newIndividual = (overrides: Record<string, unknown> = {}) => ({
  phone_country_code: 1,
  phone_number: nextPhone(),
  username: 'johndoe123',
  first_name: 'John',
  last_name: 'Doe',
  email: 'john.doe@example.com',
  birth_date: '1990-05-15',
  otp: true,
  sms: true,
  address: { street_line_1: '123 Main Street', city: 'San Francisco', postal_code: '94102', state: 'USA-CA', country: 'USA' },
  individual_identification: '123-45-6789',
  individual_identification_type: 'SSN',
  ...overrides,
});

export const associatedPerson = (overrides: Record<string, unknown> = {}) => ({
  first_name: 'Jane',
  last_name: 'Smith',
  email: 'jane.smith@techstartup.io',
  birth_date: '1985-02-20',
  residential_address: { street_line_1: '456 Oak Ave', city: 'San Francisco', postal_code: '94102', state: 'USA-CA', country: 'USA' },
  has_ownership: true,
  has_control: true,
  is_signer: true,
  identifying_information: [{ type: 'ssn', issuing_country: 'USA', number: '123-45-6789', image_front: 'data:image/png;base64,AAAA' }],
  ...overrides,
});

/** The create-business-client page's example request. */
export const newBusiness = (overrides: Record<string, unknown> = {}) => ({
  email: 'business@techstartup.io',
  business_legal_name: 'TechStartup Solutions Inc.',
  business_trade_name: 'TechStartup',
  business_description: 'Software development company specializing in fintech solutions',
  business_type: 'corporation',
  business_industry: ['541511'],
  registered_address: { street_line_1: '123 Main Street', city: 'San Francisco', postal_code: '94102', state: 'USA-CA', country: 'USA' },
  associated_persons: [associatedPerson()],
  identifying_information: [{ type: 'ein', issuing_country: 'USA', number: '12-3456789' }],
  high_risk_activities: [],
  primary_website: 'https://www.techstartup.io',
  ...overrides,
});
