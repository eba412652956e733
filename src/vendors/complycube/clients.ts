import type { OperationContext, OperationHandler } from '../contract.js';
import { actorOf, audit } from './audit.js';
import { invalidRequest, notFound } from './errors.js';
import { emit, payloadOf } from './events.js';
import { pageOf } from './pagination.js';
import { collections, laterThan } from './records.js';
import type { components, operations } from './generated/openapi.js';
import { ordered, withChanges, type Changes } from '../kit.js';

export type ComplyCubeClient = components['schemas']['Client'];

const FILTERABLE = [
  'type',
  'email',
  'externalId',
  'entityName',
  'joinedDate',
  'mobile',
  'telephone',
  ...['firstName', 'middleName', 'lastName', 'dob', 'gender', 'nationality', 'birthCountry'].map((f) => `personDetails.${f}`),
  ...['name', 'website', 'registrationNumber', 'incorporationType', 'incorporationCountry'].map((f) => `companyDetails.${f}`),
];

export function entityNameOf(client: Pick<ComplyCubeClient, 'type' | 'personDetails' | 'companyDetails'>): string {
  if (client.type === 'company') return client.companyDetails?.name ?? '';
  const { firstName, middleName, lastName } = client.personDetails ?? {};
  // The names given, each once, space-separated: an absent or empty one leaves no gap.
  let name = firstName || '';
  if (middleName) name = name ? `${name} ${middleName}` : middleName;
  if (lastName) name = name ? `${name} ${lastName}` : lastName;
  return name;
}

const FIELD_ORDER: (keyof ComplyCubeClient)[] = [
  'id', 'type', 'entityName', 'email', 'mobile', 'telephone', 'externalId', 'joinedDate',
  'personDetails', 'companyDetails', 'metadata', 'createdAt', 'updatedAt',
];

/** The client with its fields in the documented order, whatever order a request sent them in. */
export const orderedClient = (client: ComplyCubeClient): ComplyCubeClient => ordered(client, FIELD_ORDER);

export function clientsOf(context: Pick<OperationContext, 'partition'>) {
  return collections(context.partition).clients;
}

/** The client, or ComplyCube's 404 for an id this key does not own. */
export function requireClient(context: OperationContext, id: string): ComplyCubeClient {
  const client = clientsOf(context).get(id);
  if (!client) throw notFound('client', id);
  return client;
}

function refuseForeignDetails(type: ComplyCubeClient['type'], body: Pick<ComplyCubeClient, 'personDetails' | 'companyDetails'>): void {
  const foreign = type === 'person' ? 'companyDetails' : 'personDetails';
  if (body[foreign] !== undefined) {
    throw invalidRequest(`'${foreign}' is not allowed when client type is \`${type}\``, foreign);
  }
}

const createClient: OperationHandler<operations['createClient']> = (context) => {
  const { lastActionBy: _member, ...body } = context.body;
  refuseForeignDetails(body.type, body);
  const memberId = actorOf(context);
  const now = context.nowIso();
  const client = { id: context.random.hex(24), ...body, entityName: entityNameOf(body), createdAt: now, updatedAt: now };
  const stored = clientsOf(context).put(orderedClient(client));
  audit(context, memberId, { resourceType: 'client', resourceId: stored.id, clientId: stored.id, action: 'create', after: stored });
  emit(context, 'client.created', 'client', payloadOf(stored));
  return { status: 200, body: stored };
};

const getClient: OperationHandler<operations['getClient']> = (context) => ({ status: 200, body: requireClient(context, context.params.id) });

/**
 * The fields besides the details, metadata and `type` that an update may change; ComplyCube ignores any other field
 * sent (PHP SDK's integration tests), and the other type's details.
 */
const UPDATABLE = ['email', 'mobile', 'telephone', 'externalId', 'joinedDate'] as const;

const updateClient: OperationHandler<operations['updateClient']> = (context) => {
  const current = requireClient(context, context.params.id);
  const sent = context.body;
  if (sent.type !== undefined && sent.type !== current.type) {
    throw invalidRequest(`'type' cannot be amended once a client is created`, 'type');
  }
  const memberId = actorOf(context);

  const changes: Changes<ComplyCubeClient> = {};
  for (const field of UPDATABLE) if (sent[field] !== undefined) changes[field] = sent[field];
  if (sent.metadata !== undefined) changes.metadata = sent.metadata;
  if (current.type === 'person' && sent.personDetails !== undefined) {
    changes.personDetails = withChanges({ ...current.personDetails }, sent.personDetails);
  }
  if (current.type === 'company' && sent.companyDetails !== undefined) {
    changes.companyDetails = withChanges({ ...current.companyDetails }, sent.companyDetails);
  }
  // withChanges made a copy of the client's own, for these last fields to be set on.
  const next = withChanges(current, changes);
  next.entityName = entityNameOf(next);
  next.updatedAt = laterThan(context.nowIso(), current.updatedAt);
  const stored = clientsOf(context).put(orderedClient(next));
  audit(context, memberId, { resourceType: 'client', resourceId: stored.id, clientId: stored.id, action: 'update', before: current, after: stored });
  emit(context, 'client.updated', 'client', payloadOf(stored));
  return { status: 200, body: stored };
};

/** Deleting a client deletes everything held about them; its audit logs stay, as an audit trail must. */
function deleteChildren(context: OperationContext, clientId: string): void {
  const store = collections(context.partition);
  for (const document of store.documents.values().filter((record) => record.clientId === clientId)) {
    for (const image of document.images ?? []) store.files.delete(image.id);
    store.documents.delete(document.id);
  }
  for (const photo of store.livePhotos.values().filter((record) => record.clientId === clientId)) {
    store.files.delete(photo.id);
    store.livePhotos.delete(photo.id);
  }
  for (const children of [store.addresses, store.liveVideos, store.checks, store.workflowSessions]) {
    for (const child of children.values().filter((record) => record.clientId === clientId)) children.delete(child.id);
  }
}

const deleteClient: OperationHandler<operations['deleteClient']> = (context) => {
  const client = requireClient(context, context.params.id);
  deleteChildren(context, client.id);
  clientsOf(context).delete(client.id);
  audit(context, null, { resourceType: 'client', resourceId: client.id, clientId: client.id, action: 'delete', before: client });
  emit(context, 'client.deleted', 'client', { ...payloadOf(client), updatedAt: context.nowIso() });
  return { status: 204 };
};

const listClients: OperationHandler<operations['listClients']> = (context) => {
  const metadataFilters: ((client: ComplyCubeClient) => boolean)[] = [];
  // By name, not Object.entries: the query has no prototype, and V8 lists such an object's entries by its slow path (5 µs a list).
  const query: Record<string, unknown> = context.query;
  for (const name of Object.keys(query)) {
    if (!name.startsWith('metadata.')) continue;
    const value = query[name];
    const key = name.slice('metadata.'.length);
    metadataFilters.push((client) => client.metadata !== undefined && Object.hasOwn(client.metadata, key) && client.metadata[key] === value);
  }
  return { status: 200, body: pageOf(clientsOf(context), context.query, FILTERABLE, metadataFilters) };
};

export const clientHandlers = { createClient, getClient, updateClient, deleteClient, listClients };
