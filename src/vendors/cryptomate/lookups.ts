import type { HandlersOf } from '../contract.js';
import type { components, operations } from './generated/openapi.js';
import { notFound } from './errors.js';
import { ok } from './respond.js';
import { fixturesOf } from '../kit.js';

export interface Country {
  name: string;
  alpha3: string;
  /** The key of the identification lists, which take alpha-2 codes (`US`); not served. */
  alpha2: string;
  /** For seeded phone numbers. */
  dial_code: number;
  postal_code_format: string;
  subdivisions: { code: string; name: string }[];
}

type Schemas = components['schemas'];
type TypeList = operations['listIdentifications']['responses'][200]['content']['application/json'];
type CodeList = operations['listOccupationCodes']['responses'][200]['content']['application/json'];
/** A pending document as the fixture lists it: the client's own `issue_reasons` are added when served. */
type DocumentRequirement = Omit<Schemas['PendingDocuments']['documents'][number], 'issue_reasons'>;

/** A file of `fixtures/cryptomate/`. */
export const fixture = <T>(name: string): T => fixturesOf('cryptomate').json<T>(name);

const COUNTRIES = fixture<Country[]>('countries.json');
const IDENTIFICATIONS = fixture<Record<string, TypeList>>('identifications.json');
const BUSINESS_IDENTIFICATIONS = fixture<Record<string, TypeList>>('business-identifications.json');
const OCCUPATION_CODES = fixture<CodeList>('occupation-codes.json');
export const BUSINESS_INDUSTRIES = fixture<CodeList>('business-industries.json');
const CHECKLISTS = new Map(fixture<Schemas['Checklist'][]>('documentation-checklists.json').map((checklist) => [checklist.id, checklist]));
export const PENDING_DOCUMENTS = fixture<DocumentRequirement[]>('pending-documents.json');

export const INDUSTRY_CODES = new Set(BUSINESS_INDUSTRIES.map((industry) => industry.code));
export const COUNTRY_LIST: readonly Country[] = COUNTRIES;
export const identificationsOf = (country: Country) => IDENTIFICATIONS[country.alpha2] ?? [];

// The served list leaves out `alpha2` and `dial_code`, which only seeding uses.
const COUNTRIES_BODY = {
  count: COUNTRIES.length,
  data: COUNTRIES.map(({ name, alpha3, postal_code_format, subdivisions }) => ({ name, alpha3, postal_code_format, subdivisions })),
};

const COUNTRY_BY_CODE = new Map(COUNTRIES.map((country) => [country.alpha3, country]));

/**
 * Whether the state is one of the country's subdivisions, written as CryptoMate documents them:
 * `USA-CA` in `USA`. A bare `CA` or an alpha-2 `US` fails, as in the docs' own 412 example.
 */
export function stateBelongsToCountry(state: string, country: string): boolean {
  return COUNTRY_BY_CODE.get(country)?.subdivisions.some(({ code }) => code === state) ?? false;
}

const byCountry = (table: Record<string, TypeList>, code: string) => table[code.toUpperCase()] ?? [];

export const lookupHandlers = {
  listIdentifications: (context) => ok(context, byCountry(IDENTIFICATIONS, context.params.countryCode)),
  listBusinessIdentifications: (context) => ok(context, byCountry(BUSINESS_IDENTIFICATIONS, context.params.countryCode)),
  listOccupationCodes: (context) => ok(context, OCCUPATION_CODES),
  listBusinessIndustries: (context) => ok(context, BUSINESS_INDUSTRIES),
  listCountries: (context) => ok(context, COUNTRIES_BODY),
  getDocumentationChecklist: (context) => {
    const id = context.params.checklistId;
    const checklist = CHECKLISTS.get(id);
    if (!checklist) {
      throw notFound(`Checklist '${id}' not found in CheckDoc service. Please ensure the checklist is configured.`);
    }
    return ok(context, checklist);
  },
} satisfies Partial<HandlersOf<operations>>;
