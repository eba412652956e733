import type { Partition } from '../contract.js';
import { REFERENCES, countryByCode, type Admin, type Reference } from './references.js';
import type { components } from './generated/openapi.js';

type Schemas = components['schemas'];

/**
 * A client as the back office keeps it: the profile's own fields as the document has them, and the ids of
 * what the profile shows expanded (its status, type, levels, manager, tags and country).
 */
export type StoredClient = Pick<
  Schemas['Client'],
  'email' | 'nickname' | 'locale' | 'firstName' | 'middleName' | 'lastName' | 'city' | 'company' | 'createTime' | 'updateTime' | 'lastLoginTime'
> & {
  id: number;
  /** `YYYY-MM-DD`. */
  birthday: string | null;
  /** Numeric ISO 3166 code, as the fixture's country list writes it (`784`). */
  countryCode: string | null;
  statusId: number;
  typeId: number;
  internalTypeId: number | null;
  verificationLevelId: number;
  riskLevelId: number | null;
  managerId: number | null;
  tagIds: number[];
};

export type StoredPhone = Schemas['Phone'];

/** An address as kept: its country by numeric code, shown expanded. */
export type StoredAddress = Omit<Schemas['Address'], 'country'> & { countryCode: string | null };

interface Counter {
  id: string;
  last: number;
}

export const clientsOf = (partition: Partition) => partition.collection<StoredClient>('clients');
export const phonesOf = (partition: Partition) => partition.collection<StoredPhone>('phones');
export const addressesOf = (partition: Partition) => partition.collection<StoredAddress>('addresses');

/**
 * The first of `count` new integer ids of a kind. The last id handed out is kept in the partition,
 * so ids go on rising after deletes and restarts, as database sequences do.
 */
export function allocateIds(partition: Partition, kind: string, count = 1): number {
  const counters = partition.collection<Counter>('counters');
  const last = counters.get(kind)?.last ?? 0;
  counters.put({ id: kind, last: last + count });
  return last + 1;
}

/** Makes sure the next id of a kind is above `atLeast` (fixtures come with their own ids). */
export function reserveIds(partition: Partition, kind: string, atLeast: number): void {
  const counters = partition.collection<Counter>('counters');
  if ((counters.get(kind)?.last ?? 0) < atLeast) counters.put({ id: kind, last: atLeast });
}

/** B2Core's timestamps: seconds, with an explicit offset (`2022-01-01T00:00:00+00:00`). */
export const b2coreTime = (date: Date) => `${date.toISOString().slice(0, 19)}+00:00`;

export function canSee(admin: Admin, client: Pick<StoredClient, 'tagIds'>): boolean {
  return admin.limitedToTagIds.length === 0 || client.tagIds.some((tag) => admin.limitedToTagIds.includes(tag));
}

/** The entry of a configured list that a stored id names: every id stored was checked against its list. */
function reference(list: Map<number, Reference>, id: number): Schemas['Reference'] {
  const found = list.get(id);
  if (found === undefined) throw new Error(`the back office's list has no entry ${id}`);
  return { id: found.id, name: found.name };
}

const optionalReference = (list: Map<number, Reference>, id: number | null) => (id === null ? null : reference(list, id));

function countryView(code: string | null): Schemas['Country'] | null {
  const country = code === null ? undefined : countryByCode(code);
  if (!country) return null;
  return { id: Number(country.numericCode), ...country };
}

export const phoneView = (phone: StoredPhone): Schemas['Phone'] => ({
  id: phone.id,
  clientId: phone.clientId,
  number: phone.number,
  confirmed: phone.confirmed,
  createTime: phone.createTime,
  updateTime: phone.updateTime,
});

export const addressView = (address: StoredAddress): Schemas['Address'] => ({
  id: address.id,
  clientId: address.clientId,
  address: address.address,
  city: address.city,
  state: address.state,
  postcode: address.postcode,
  country: countryView(address.countryCode),
  createTime: address.createTime,
  updateTime: address.updateTime,
});

const birthdayView = (birthday: string | null) => (birthday === null ? null : `${birthday}T00:00:00+00:00`);

export function clientView(client: StoredClient, phones: StoredPhone[], addresses: StoredAddress[]): Schemas['Client'] {
  const birthday = birthdayView(client.birthday);
  return {
    clientId: client.id,
    email: client.email,
    nickname: client.nickname,
    locale: client.locale,
    firstName: client.firstName,
    middleName: client.middleName,
    lastName: client.lastName,
    birthday,
    info: { firstName: client.firstName, middleName: client.middleName, lastName: client.lastName, birthday },
    city: client.city,
    country: countryView(client.countryCode),
    company: { ...client.company },
    status: reference(REFERENCES.statuses, client.statusId),
    type: reference(REFERENCES.types, client.typeId),
    internalType: optionalReference(REFERENCES.internalTypes, client.internalTypeId),
    verificationLevel: reference(REFERENCES.verificationLevels, client.verificationLevelId),
    riskLevel: optionalReference(REFERENCES.riskLevels, client.riskLevelId),
    manager: optionalReference(REFERENCES.managers, client.managerId),
    tags: client.tagIds.map((id) => reference(REFERENCES.tags, id)),
    phones: phones.map(phoneView),
    addresses: addresses.map(addressView),
    createTime: client.createTime,
    updateTime: client.updateTime,
    lastLoginTime: client.lastLoginTime,
  };
}

/** The phones and addresses of the given clients, read in one pass over each collection. */
export function contactsOf(partition: Partition, clientIds: number[]) {
  const wanted = new Set(clientIds);
  const phones = new Map<number, StoredPhone[]>();
  const addresses = new Map<number, StoredAddress[]>();
  for (const phone of phonesOf(partition).values()) {
    if (wanted.has(phone.clientId)) phones.set(phone.clientId, [...(phones.get(phone.clientId) ?? []), phone]);
  }
  for (const address of addressesOf(partition).values()) {
    if (wanted.has(address.clientId)) addresses.set(address.clientId, [...(addresses.get(address.clientId) ?? []), address]);
  }
  return (client: StoredClient) => clientView(client, phones.get(client.id) ?? [], addresses.get(client.id) ?? []);
}
