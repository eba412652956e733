import { createHash } from 'node:crypto';
import type { OperationHandler } from '../contract.js';
import { invalidRequest, notFound } from './errors.js';
import { decodeUpload, imageTypeOf } from './files.js';
import { collections, type CompanyRecord } from './records.js';
import type { components, operations } from './generated/openapi.js';
import { fixturesOf } from '../kit.js';

const NO_MATCH = 'nomatch';
const SUFFIXES = ['LIMITED', 'HOLDINGS LIMITED', 'SERVICES LTD'];
const CITIES: Record<string, string> = { GB: 'London', US: 'New York', FR: 'Paris', DE: 'Berlin', IE: 'Dublin', ES: 'Madrid', IT: 'Rome' };
const SCREENING_LISTS = [
  'OFAC Specially Designated Nationals (SDN) List',
  'OFAC Consolidated Sanctions List',
  'UN Security Council Consolidated List',
  'EU Consolidated Financial Sanctions List',
  'UK HM Treasury Consolidated List',
  'Interpol Red Notices',
  'FBI Most Wanted',
  'World Bank Debarred Firms',
];
const SUPPORTED_DOCUMENTS: components['schemas']['DocumentType'][] = ['passport', 'driving_license', 'national_identity_card', 'residence_permit', 'visa'];

const digest = (...parts: string[]) => createHash('sha256').update(parts.join('\0')).digest('hex');
const cityOf = (country: string) => CITIES[country] ?? 'Capital City';

type Autofill = components['schemas']['Autofill'];
let autofillSample: Autofill | undefined;
const loadAutofillSample = () => (autofillSample ??= fixturesOf('complycube').json<Autofill>('autofill.json'));

/** Matches made up from the name searched: the same search always finds the same companies and ids. */
const searchCompanies: OperationHandler<operations['searchCompanies']> = (context) => {
  const { companyName, incorporationCountry } = context.body;
  if (companyName.toLowerCase().includes(NO_MATCH)) return { status: 200, body: [] };
  const base = companyName.trim().toUpperCase().replace(/\s+(LTD|LIMITED|PLC|INC)\.?$/, '');
  const companies: CompanyRecord[] = SUFFIXES.map((suffix, index) => {
    const hash = digest(base, incorporationCountry, String(index));
    return {
      id: hash.slice(0, 24),
      name: `${base} ${suffix}`,
      registrationNumber: String(parseInt(hash.slice(24, 32), 16) % 100_000_000).padStart(8, '0'),
      incorporationCountry,
      incorporationType: 'private_limited_company',
      active: index !== 2,
      incorporationDate: `${2000 + (parseInt(hash.slice(32, 34), 16) % 24)}-0${1 + (index % 9)}-15`,
      address: { line: `${index + 1} High Street`, city: cityOf(incorporationCountry), postalCode: 'AB1 2CD', country: incorporationCountry },
      officers: [{ name: `DIRECTOR ${hash.slice(34, 38).toUpperCase()}`, role: 'director' }],
    };
  });
  const store = collections(context.partition).companies;
  for (const company of companies) if (!store.has(company.id)) store.put(company);
  return {
    status: 200,
    body: companies.map(({ id, name, registrationNumber, incorporationCountry: country, incorporationType, active }) => ({
      id,
      name,
      registrationNumber,
      incorporationCountry: country,
      incorporationType,
      active,
    })),
  };
};

const getCompanyDetails: OperationHandler<operations['getCompanyDetails']> = (context) => {
  const company = collections(context.partition).companies.get(context.params.id);
  if (!company) throw notFound('company', context.params.id);
  return { status: 200, body: company };
};

const searchAddresses: OperationHandler<operations['searchAddresses']> = (context) => {
  const { line, postalCode, country } = context.body;
  if (line.toLowerCase().includes(NO_MATCH)) return { status: 200, body: [] };
  const city = cityOf(country);
  return {
    status: 200,
    body: ['1', '2', '3'].map((propertyNumber) => ({ propertyNumber, line, city, postalCode: postalCode.toUpperCase(), country })),
  };
};

const listScreeningLists: OperationHandler<operations['listScreeningLists']> = () => ({ status: 200, body: SCREENING_LISTS });
const listSupportedDocuments: OperationHandler<operations['listSupportedDocuments']> = () => ({ status: 200, body: SUPPORTED_DOCUMENTS });

const performAutofill: OperationHandler<operations['performAutofill']> = (context) => {
  const bytes = decodeUpload(context.body.data);
  if (!imageTypeOf(bytes)) throw invalidRequest("'data' must be a JPG or PNG image", 'data');
  return { status: 200, body: loadAutofillSample() };
};

export const lookupHandlers = {
  searchCompanies,
  getCompanyDetails,
  searchAddresses,
  listScreeningLists,
  listSupportedDocuments,
  performAutofill,
};
