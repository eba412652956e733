import type { Partition } from '../contract.js';
import { REFERENCES, countryByCode, type Admin, type Reference } from './references.js';

export interface StoredClient {
  id: number;
  email: string;
  nickname: string | null;
  locale: string;
  firstName: string;
  middleName: string | null;
  lastName: string;
  /** `YYYY-MM-DD`. */
  birthday: string | null;
  city: string | null;
  /** Numeric ISO 3166 code, as the fixture's country list writes it (`784`). */
  countryCode: string | null;
  company: { shortName: string | null; fullName: string | null };
  statusId: number;
  typeId: number;
  internalTypeId: number | null;
  verificationLevelId: number;
  riskLevelId: number | null;
  managerId: number | null;
  tagIds: number[];
  createTime: string;
  updateTime: string;
  lastLoginTime: string | null;
}

export interface StoredPhone {
  id: number;
  clientId: number;
  number: string;
  confirmed: boolean;
  createTime: string;
  updateTime: string;
}

export interface StoredAddress {
  id: number;
  clientId: number;
  address: string | null;
  city: string | null;
  state: string | null;
  postcode: string | null;
  countryCode: string | null;
  createTime: string;
  updateTime: string;
}

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

const reference = (list: Map<number, Reference>, id: number | null) => {
  if (id === null) return null;
  const found = list.get(id)!;
  return { id: found.id, name: found.name };
};

function countryView(code: string | null) {
  const country = code === null ? undefined : countryByCode(code);
  if (!country) return null;
  return { id: Number(country.numericCode), ...country };
}

export const phoneView = (phone: StoredPhone) => ({
  id: phone.id,
  clientId: phone.clientId,
  number: phone.number,
  confirmed: phone.confirmed,
  createTime: phone.createTime,
  updateTime: phone.updateTime,
});

export const addressView = (address: StoredAddress) => ({
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

export function clientView(client: StoredClient, phones: StoredPhone[], addresses: StoredAddress[]) {
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
    internalType: reference(REFERENCES.internalTypes, client.internalTypeId),
    verificationLevel: reference(REFERENCES.verificationLevels, client.verificationLevelId),
    riskLevel: reference(REFERENCES.riskLevels, client.riskLevelId),
    manager: reference(REFERENCES.managers, client.managerId),
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
