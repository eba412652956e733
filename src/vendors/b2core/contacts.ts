import type { OperationContext, OperationHandler } from '../contract.js';
import { sessionOf } from './auth.js';
import { envelope, refuseUnknownFilters, sortRecords } from './lists.js';
import { addressesOf, addressView, canSee, clientsOf, phonesOf, phoneView } from './records.js';

type Contact = { id: number; clientId: number; createTime: string; updateTime: string };

const SORT_KEYS: Record<string, (record: Contact) => string | number> = {
  id: (record) => record.id,
  createTime: (record) => record.createTime,
  updateTime: (record) => record.updateTime,
};

/** Phones or addresses of the clients this admin may see, optionally of one client. */
function listOf<T extends Contact>(context: OperationContext, records: readonly T[], view: (record: T) => unknown) {
  const { query } = context;
  refuseUnknownFilters(query, ['clientId']);
  const { admin } = sessionOf(context);
  const clients = clientsOf(context.partition);
  const clientId = query['filter[clientId]'] as number | undefined;
  const matching = records.filter((record) => {
    if (clientId !== undefined && record.clientId !== clientId) return false;
    const client = clients.get(record.clientId);
    return client !== undefined && canSee(admin, client);
  });
  const sorted = sortRecords(matching, SORT_KEYS[query.sort_by as string]!, query.sort_order as 'asc' | 'desc');
  return { status: 200, body: envelope(sorted, query, (page) => page.map(view)) };
}

const listPhones: OperationHandler = (context) => listOf(context, phonesOf(context.partition).values(), phoneView);
const listAddresses: OperationHandler = (context) => listOf(context, addressesOf(context.partition).values(), addressView);

export const contactHandlers = { listPhones, listAddresses };
