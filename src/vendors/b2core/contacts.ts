import type { OperationContext, OperationHandler } from '../contract.js';
import { sessionOf } from './auth.js';
import { envelope, refuseUnknownFilters, sortRecords } from './lists.js';
import { addressesOf, addressView, canSee, clientsOf, phonesOf, phoneView } from './records.js';
import type { operations } from './generated/openapi.js';

/** Phones and addresses are listed with the same query. */
type ListContext = OperationContext<operations['listPhones']> | OperationContext<operations['listAddresses']>;

type Contact = { id: number; clientId: number; createTime: string; updateTime: string };

const SORT_KEYS: Record<ListContext['query']['sort_by'], (record: Contact) => string | number> = {
  id: (record) => record.id,
  createTime: (record) => record.createTime,
  updateTime: (record) => record.updateTime,
};

/** Phones or addresses of the clients this admin may see, optionally of one client. */
function listOf<T extends Contact, V>(context: ListContext, records: readonly T[], view: (record: T) => V) {
  const { query } = context;
  refuseUnknownFilters(query, ['clientId']);
  const { admin } = sessionOf(context);
  const clients = clientsOf(context.partition);
  const clientId = query['filter[clientId]'];
  const matching = records.filter((record) => {
    if (clientId !== undefined && record.clientId !== clientId) return false;
    const client = clients.get(record.clientId);
    return client !== undefined && canSee(admin, client);
  });
  const sorted = sortRecords(matching, SORT_KEYS[query.sort_by], query.sort_order);
  return { status: 200 as const, body: envelope(sorted, query, (page) => page.map(view)) };
}

const listPhones: OperationHandler<operations['listPhones']> = (context) => listOf(context, phonesOf(context.partition).values(), phoneView);
const listAddresses: OperationHandler<operations['listAddresses']> = (context) => listOf(context, addressesOf(context.partition).values(), addressView);

export const contactHandlers = { listPhones, listAddresses };
