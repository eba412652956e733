import type { OperationContext, OperationHandler, PathContext } from '../contract.js';
import { notFound, validationFailed } from './errors.js';
import { requireClient } from './clients.js';
import { linksOf, timestamp, type ProviderLink } from './model.js';
import { ok } from './respond.js';
import type { operations } from './generated/openapi.js';

function linkOf(context: OperationContext, clientId: string, provider: string): ProviderLink | undefined {
  return linksOf(context)
    .values()
    .find((link) => link.client_id === clientId && link.provider === provider);
}

function requireLink(context: PathContext<{ clientId: string; id: string }>): ProviderLink {
  const link = linksOf(context).get(context.params.id);
  if (!link || link.client_id !== context.params.clientId) throw notFound('ClientProviderCustomer not found');
  return link;
}

const createProviderCustomer: OperationHandler<operations['createProviderCustomer']> = (context) => {
  const client = requireClient(context, context.params.clientId);
  const { provider, customer_id } = context.body;
  if (linkOf(context, client.id, provider)) throw validationFailed(`Client already has a customer ID for provider ${provider}`);
  const now = timestamp(context.now());
  const link = linksOf(context).put({
    id: `cpc_${context.random.uuid()}`,
    client_id: client.id,
    provider,
    customer_id,
    status: 'active',
    created_at: now,
    updated_at: now,
  });
  return ok(context, link);
};

const listProviderCustomers: OperationHandler<operations['listProviderCustomers']> = (context) => {
  const client = requireClient(context, context.params.clientId);
  return ok(context, linksOf(context).values().filter((link) => link.client_id === client.id));
};

// The link is looked up by client and provider alone, so the docs' example client, unknown here, meets the
// page's one documented answer.
const getProviderCustomerByProvider: OperationHandler<operations['getProviderCustomerByProvider']> = (context) => {
  const provider = context.params.provider;
  const link = linkOf(context, context.params.clientId, provider);
  if (!link) throw notFound(`Client does not have a customer ID for provider ${provider}`);
  return ok(context, link);
};

const updateProviderCustomer: OperationHandler<operations['updateProviderCustomer']> = (context) => {
  const current = requireLink(context);
  const { customer_id } = context.body;
  return ok(context, linksOf(context).put({ ...current, customer_id, updated_at: timestamp(context.now()) }));
};

const deleteProviderCustomer: OperationHandler<operations['deleteProviderCustomer']> = (context) => {
  linksOf(context).delete(requireLink(context).id);
  return ok(context, {});
};

export const providerHandlers = {
  createProviderCustomer,
  listProviderCustomers,
  getProviderCustomerByProvider,
  updateProviderCustomer,
  deleteProviderCustomer,
};
