import type { OperationContext, OperationHandler } from '../contract.js';
import { actorOf, audit } from './audit.js';
import { requireClient } from './clients.js';
import { notFound } from './errors.js';
import { emit, payloadOf } from './events.js';
import { pageOf } from './pagination.js';
import { collections, laterThan, type Address } from './records.js';
import { ordered, withChanges } from '../kit.js';
import type { operations } from './generated/openapi.js';

const FIELD_ORDER = [
  'id', 'clientId', 'type', 'propertyNumber', 'buildingName', 'line', 'city', 'state', 'postalCode', 'country',
  'fromDate', 'toDate', 'createdAt', 'updatedAt',
] as const;
const FILTERABLE = ['clientId', 'type', 'propertyNumber', 'buildingName', 'line', 'city', 'state', 'postalCode', 'country', 'fromDate', 'toDate'];

const addressesOf = (context: Pick<OperationContext, 'partition'>) => collections(context.partition).addresses;

export function requireAddress(context: OperationContext, id: string): Address {
  const address = addressesOf(context).get(id);
  if (!address) throw notFound('address', id);
  return address;
}

const createAddress: OperationHandler<operations['createAddress']> = (context) => {
  const { lastActionBy: _member, ...fields } = context.body;
  requireClient(context, fields.clientId);
  const memberId = actorOf(context);
  const now = context.nowIso();
  const created: Address = { ...fields, id: context.random.hex(24), createdAt: now, updatedAt: now };
  const address = ordered(created, FIELD_ORDER);
  addressesOf(context).put(address);
  audit(context, memberId, { resourceType: 'address', resourceId: address.id, clientId: address.clientId, action: 'create', after: address });
  emit(context, 'address.created', 'address', payloadOf(address));
  return { status: 200, body: address };
};

const getAddress: OperationHandler<operations['getAddress']> = (context) => ({ status: 200, body: requireAddress(context, context.params.id) });

const updateAddress: OperationHandler<operations['updateAddress']> = (context) => {
  const current = requireAddress(context, context.params.id);
  const { lastActionBy: _member, ...changes } = context.body;
  const memberId = actorOf(context);
  const next = { ...withChanges(current, changes), updatedAt: laterThan(context.nowIso(), current.updatedAt) };
  const address = addressesOf(context).put(ordered(next, FIELD_ORDER));
  audit(context, memberId, { resourceType: 'address', resourceId: address.id, clientId: address.clientId, action: 'update', before: current, after: address });
  emit(context, 'address.updated', 'address', payloadOf(address));
  return { status: 200, body: address };
};

const deleteAddress: OperationHandler<operations['deleteAddress']> = (context) => {
  const address = requireAddress(context, context.params.id);
  addressesOf(context).delete(address.id);
  audit(context, null, { resourceType: 'address', resourceId: address.id, clientId: address.clientId, action: 'delete', before: address });
  emit(context, 'address.deleted', 'address', payloadOf(address));
  return { status: 204 };
};

const listAddresses: OperationHandler<operations['listAddresses']> = (context) => {
  return { status: 200, body: pageOf(addressesOf(context), context.query, FILTERABLE) };
};

export const addressHandlers = { createAddress, getAddress, updateAddress, deleteAddress, listAddresses };
