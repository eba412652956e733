import { fixturesOf } from '../kit.js';
import type { components } from './generated/openapi.js';

export type Reference = components['schemas']['Reference'];

/** A country of the fixture list: the document's `Country` without the `id`, which is its numeric code. */
export type Country = Omit<components['schemas']['Country'], 'id'>;

export interface Admin {
  id: number;
  email: string;
  password: string;
  name: string;
  /** Empty: the admin sees every client. Otherwise only clients carrying one of these tags. */
  limitedToTagIds: number[];
}

interface ReferenceFile {
  statuses: Reference[];
  types: Reference[];
  internalTypes: Reference[];
  verificationLevels: Reference[];
  riskLevels: Reference[];
  managers: Reference[];
  tags: Reference[];
  countries: Country[];
}

const readFixture = <T>(file: string): T => fixturesOf('b2core').json<T>(file);

const file = readFixture<ReferenceFile>('references.json');
const byId = (list: Reference[]) => new Map(list.map((reference) => [reference.id, reference]));

/** The back office's configured lists, the same in every partition: nothing in the API changes them. */
export const REFERENCES = {
  statuses: byId(file.statuses),
  types: byId(file.types),
  internalTypes: byId(file.internalTypes),
  verificationLevels: byId(file.verificationLevels),
  riskLevels: byId(file.riskLevels),
  managers: byId(file.managers),
  tags: byId(file.tags),
};

export const COUNTRIES = file.countries;
const countriesByCode = new Map(COUNTRIES.map((country) => [country.numericCode, country]));

/** A country by its three-digit numeric code (`784`), as the create body documents it. */
export const countryByCode = (code: string): Country | undefined => countriesByCode.get(code);

export const ADMINS = readFixture<Admin[]>('admins.json');
export const ADMINS_BY_ID = new Map(ADMINS.map((admin) => [admin.id, admin]));

export { readFixture };
