import type { OperationContext, OperationHandler, PathContext, VendorServices } from '../contract.js';
import { sessionOf } from './auth.js';
import { clientNotFound, forbidden, validationFailed, type FieldErrors } from './errors.js';
import { envelope, parseIdList, refuseUnknownFilters, sortRecords } from './lists.js';
import {
  addressesOf,
  allocateIds,
  b2coreTime,
  canSee,
  clientsOf,
  contactsOf,
  phonesOf,
  type StoredAddress,
  type StoredClient,
  type StoredPhone,
} from './records.js';
import { COUNTRIES, REFERENCES, countryByCode, type Reference } from './references.js';
import type { operations } from './generated/openapi.js';
const MINIMUM_AGE = 18;
/** The back office knows only the countries of its fixture list, so the message names them. */
const UNKNOWN_COUNTRY = `This value is not the numeric code of a country the back office knows. Choose one of: ${COUNTRIES.map(
  (country) => `${country.numericCode} (${country.countryName})`,
).join(', ')}.`;
const choices = (list: Map<number, Reference>) => [...list.values()].map((entry) => `${entry.id} (${entry.name})`).join(', ');
const tagList = (ids: number[], separator: string) =>
  ids.map((id) => `${REFERENCES.tags.get(id)?.name ?? 'unknown'} (${id})`).join(separator);
/** New profiles start Active, Individual, Unverified. */
const NEW_CLIENT = { statusId: 1, typeId: 1, verificationLevelId: 1 };
const DEFAULT_LOCALE = 'en_US';

const fullNames = (client: StoredClient) => [
  [client.firstName, client.middleName, client.lastName].filter(Boolean).join(' '),
  `${client.firstName} ${client.lastName}`,
];

type ClientQuery = OperationContext<operations['listClients']>['query'];

/** The filters of the client list, by the name inside `filter[…]`. */
type FilterOf<Query> = keyof Query extends infer Name ? (Name extends `filter[${infer Filter}]` ? Filter : never) : never;
/** Every filter but `clientId` takes text: a substring, or a list of ids. */
type TextFilter = Exclude<FilterOf<ClientQuery>, 'clientId'>;

const TEXT_FILTERS: [TextFilter, (client: StoredClient) => (string | null)[]][] = [
  ['email', (client) => [client.email]],
  // The documented curl example spells it `filter[emails]`; the parameter list says `email`.
  ['emails', (client) => [client.email]],
  ['name', fullNames],
  ['nickname', (client) => [client.nickname]],
  ['city', (client) => [client.city]],
  ['companyShortName', (client) => [client.company.shortName]],
  ['companyFullName', (client) => [client.company.fullName]],
];

const ID_FILTERS: [TextFilter, (client: StoredClient) => number | null][] = [
  ['managerIds', (client) => client.managerId],
  ['countryCodes', (client) => (client.countryCode === null ? null : Number(client.countryCode))],
  ['statusIds', (client) => client.statusId],
  ['internalTypeIds', (client) => client.internalTypeId],
  ['riskLevelIds', (client) => client.riskLevelId],
  ['typeIds', (client) => client.typeId],
  ['verificationLevelIds', (client) => client.verificationLevelId],
];

const CLIENT_FILTERS = ['clientId', ...TEXT_FILTERS.map(([name]) => name), ...ID_FILTERS.map(([name]) => name)];

const SORT_KEYS: Record<ClientQuery['sort_by'], (client: StoredClient) => string | number | null> = {
  clientId: (client) => client.id,
  createTime: (client) => client.createTime,
  updateTime: (client) => client.updateTime,
  email: (client) => client.email,
  firstName: (client) => client.firstName,
  lastName: (client) => client.lastName,
  nickname: (client) => client.nickname,
};

function clientFilters(query: ClientQuery): ((client: StoredClient) => boolean)[] {
  const filters: ((client: StoredClient) => boolean)[] = [];
  const clientId = query['filter[clientId]'];
  if (clientId !== undefined) filters.push((client) => client.id === clientId);
  for (const [name, values] of TEXT_FILTERS) {
    const wanted = query[`filter[${name}]`]?.trim().toLowerCase();
    if (!wanted) continue;
    filters.push((client) => values(client).some((value) => value?.toLowerCase().includes(wanted)));
  }
  for (const [name, value] of ID_FILTERS) {
    const text = query[`filter[${name}]`];
    if (text === undefined) continue;
    const ids = parseIdList(text);
    filters.push((client) => {
      const id = value(client);
      return id !== null && ids.has(id);
    });
  }
  return filters;
}

/** The client, if this admin may see it: 404 when there is none, 403 when it is outside the admin's tags. */
function requireVisibleClient(context: PathContext<{ clientId: number }>): StoredClient {
  const client = clientsOf(context.partition).get(context.params.clientId);
  if (!client) throw clientNotFound();
  const { admin } = sessionOf(context);
  if (!canSee(admin, client)) {
    throw forbidden(`this admin sees only clients tagged ${tagList(admin.limitedToTagIds, ' or ')}, and client ${client.id} has none of those tags`);
  }
  return client;
}

const showClient = (context: Pick<VendorServices, 'partition'>, client: StoredClient) => contactsOf(context.partition, [client.id])(client);

function ageAt(birthday: Date, now: Date): number {
  const [month, day] = [birthday.getUTCMonth(), birthday.getUTCDate()];
  const birthdayPassed = now.getUTCMonth() > month || (now.getUTCMonth() === month && now.getUTCDate() >= day);
  return now.getUTCFullYear() - birthday.getUTCFullYear() - (birthdayPassed ? 0 : 1);
}

/** The calendar date of a `birthday` (date or date-time, as written), or an error for the field. */
function checkBirthday(birthday: string, now: Date, field: string, errors: FieldErrors): string | undefined {
  const date = birthday.slice(0, 10);
  const parsed = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== date) {
    errors[field] = [`This value is not a valid date: ${date} does not exist.`];
    return undefined;
  }
  if (ageAt(parsed, now) < MINIMUM_AGE) {
    errors[field] = [`The client must be at least ${MINIMUM_AGE} years old.`];
    return undefined;
  }
  return date;
}

function checkEmailFree(context: Pick<VendorServices, 'partition'>, email: string, self: number | undefined, errors: FieldErrors): void {
  const wanted = email.toLowerCase();
  const taken = clientsOf(context.partition).values().some((client) => client.id !== self && client.email.toLowerCase() === wanted);
  if (taken) errors.email = ['This email address is already used by another client.'];
}


const createClient: OperationHandler<operations['createClient']> = (context) => {
  const body = context.body;
  const { admin } = sessionOf(context);
  const now = context.now();
  const errors: FieldErrors = {};
  checkEmailFree(context, body.email, undefined, errors);
  const birthday = body.info.birthday == null ? null : checkBirthday(body.info.birthday, now, 'info.birthday', errors);
  const addressEntries = Object.entries(body.addresses ?? {});
  for (const [key, entry] of addressEntries) {
    if (!countryByCode(entry.country_code)) errors[`addresses.${key}.country_code`] = [UNKNOWN_COUNTRY];
  }
  if (Object.keys(errors).length > 0) throw validationFailed(errors);

  const stamp = b2coreTime(now);
  const id = allocateIds(context.partition, 'clients');
  const addresses: StoredAddress[] = addressEntries.map(([, entry]) => ({
    id: allocateIds(context.partition, 'addresses'),
    clientId: id,
    address: entry.address ?? null,
    city: entry.city ?? null,
    state: entry.state ?? null,
    postcode: entry.postcode ?? null,
    countryCode: entry.country_code,
    createTime: stamp,
    updateTime: stamp,
  }));
  const phones: StoredPhone[] = Object.values(body.phones ?? {}).map((entry) => ({
    id: allocateIds(context.partition, 'phones'),
    clientId: id,
    number: entry.phone,
    confirmed: false,
    createTime: stamp,
    updateTime: stamp,
  }));
  const client: StoredClient = {
    id,
    email: body.email,
    nickname: null,
    locale: DEFAULT_LOCALE,
    firstName: body.info.givenName,
    middleName: body.info.middleName ?? null,
    lastName: body.info.familyName,
    birthday: birthday ?? null,
    city: addresses[0]?.city ?? null,
    countryCode: addresses[0]?.countryCode ?? null,
    company: { shortName: null, fullName: null },
    ...NEW_CLIENT,
    internalTypeId: null,
    riskLevelId: null,
    managerId: null,
    // An admin limited to tags must be able to see the client it has just registered.
    tagIds: [...admin.limitedToTagIds],
    createTime: stamp,
    updateTime: stamp,
    lastLoginTime: null,
  };
  clientsOf(context.partition).put(client);
  for (const address of addresses) addressesOf(context.partition).put(address);
  for (const phone of phones) phonesOf(context.partition).put(phone);
  return { status: 201, body: showClient(context, client) };
};

const getClient: OperationHandler<operations['getClient']> = (context) => ({ status: 200, body: showClient(context, requireVisibleClient(context)) });

type UpdateBody = OperationContext<operations['updateClient']>['body'];

type ReferenceField = 'statusId' | 'typeId' | 'internalTypeId' | 'verificationLevelId' | 'riskLevelId' | 'managerId';

const REFERENCE_FIELDS: [ReferenceField & keyof UpdateBody & keyof StoredClient, Map<number, Reference>][] = [
  ['statusId', REFERENCES.statuses],
  ['typeId', REFERENCES.types],
  ['internalTypeId', REFERENCES.internalTypes],
  ['verificationLevelId', REFERENCES.verificationLevels],
  ['riskLevelId', REFERENCES.riskLevels],
  ['managerId', REFERENCES.managers],
];

const updateClient: OperationHandler<operations['updateClient']> = (context) => {
  const current = requireVisibleClient(context);
  const body = context.body;
  const { admin } = sessionOf(context);
  const now = context.now();
  const errors: FieldErrors = {};
  if (body.email !== undefined) checkEmailFree(context, body.email, current.id, errors);
  let birthday = current.birthday;
  if (body.info?.birthday === null) birthday = null;
  else if (body.info?.birthday !== undefined) birthday = checkBirthday(body.info.birthday, now, 'info.birthday', errors) ?? null;
  for (const [field, list] of REFERENCE_FIELDS) {
    const id = body[field];
    if (id !== undefined && id !== null && !list.has(id)) errors[field] = [`The value you selected is not a valid choice. Choose one of: ${choices(list)}.`];
  }
  const unknownTag = body.tagIds?.find((tag) => !REFERENCES.tags.has(tag));
  if (unknownTag !== undefined) errors.tagIds = [`Tag ${unknownTag} does not exist. Choose from: ${choices(REFERENCES.tags)}.`];
  if (Object.keys(errors).length > 0) throw validationFailed(errors);
  const limited = admin.limitedToTagIds;
  const foreignTag = limited.length > 0 ? body.tagIds?.find((tag) => !limited.includes(tag)) : undefined;
  if (foreignTag !== undefined) {
    throw forbidden(`this admin may only give its own tags, ${tagList(limited, ' and ')}, not ${tagList([foreignTag], '')}`);
  }

  const next: StoredClient = { ...current, company: { ...current.company, ...body.company } };
  for (const field of ['email', 'nickname', 'locale', 'city', 'tagIds'] as const) {
    if (body[field] !== undefined) Object.assign(next, { [field]: body[field] });
  }
  for (const [field] of REFERENCE_FIELDS) if (body[field] !== undefined) Object.assign(next, { [field]: body[field] });
  const info = body.info ?? {};
  next.firstName = info.givenName ?? info.firstName ?? current.firstName;
  next.lastName = info.familyName ?? info.lastName ?? current.lastName;
  if (info.middleName !== undefined) next.middleName = info.middleName;
  next.birthday = birthday;
  const stamp = b2coreTime(now);
  next.updateTime = stamp > current.updateTime ? stamp : current.updateTime;
  clientsOf(context.partition).put(next);
  return { status: 200, body: showClient(context, next) };
};

const deleteClient: OperationHandler<operations['deleteClient']> = (context) => {
  const client = requireVisibleClient(context);
  for (const phone of phonesOf(context.partition).values()) if (phone.clientId === client.id) phonesOf(context.partition).delete(phone.id);
  for (const address of addressesOf(context.partition).values()) {
    if (address.clientId === client.id) addressesOf(context.partition).delete(address.id);
  }
  clientsOf(context.partition).delete(client.id);
  return { status: 204 };
};

const listClients: OperationHandler<operations['listClients']> = (context) => {
  const { query } = context;
  refuseUnknownFilters(query, CLIENT_FILTERS);
  const { admin } = sessionOf(context);
  const filters = clientFilters(query);
  const matching = clientsOf(context.partition)
    .values()
    .filter((client) => canSee(admin, client) && filters.every((matches) => matches(client)));
  const sorted = sortRecords(matching, SORT_KEYS[query.sort_by], query.sort_order);
  const body = envelope(sorted, query, (page) => page.map(contactsOf(context.partition, page.map((client) => client.id))));
  return { status: 200, body };
};

export const clientHandlers = {
  listClients,
  createClient,
  getClient,
  updateClient,
  replaceClient: updateClient,
  deleteClient,
};
