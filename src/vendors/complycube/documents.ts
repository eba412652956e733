import { VendorError, type OperationContext, type OperationHandler } from '../contract.js';
import { actorOf, audit } from './audit.js';
import { requireClient } from './clients.js';
import { complyCubeError, notFound } from './errors.js';
import { emit, payloadOf } from './events.js';
import { contentTypeOf, decodeUpload } from './files.js';
import { dateFilters, fieldFilters, paginate } from './pagination.js';
import { collections, laterThan, type Check, type ComplyCubeDocument, type DocumentImage, type DocumentSide } from './records.js';
import { ordered, withChanges } from '../kit.js';
import type { operations } from './generated/openapi.js';

const FIELD_ORDER = ['id', 'clientId', 'type', 'classification', 'issuingCountry', 'images', 'createdAt', 'updatedAt'] as const;
const FILTERABLE = ['clientId', 'type', 'classification', 'issuingCountry'];

const store = (context: Pick<OperationContext, 'partition'>) => collections(context.partition);

export function requireDocument(context: OperationContext, id: string): ComplyCubeDocument {
  const document = store(context).documents.get(id);
  if (!document) throw notFound('document', id);
  return document;
}

const imageNotFound = (document: ComplyCubeDocument, side: DocumentSide) =>
  new VendorError(complyCubeError(404, 'resource_not_found', `No ${side} image found for document id '${document.id}'`));

function requireImage(document: ComplyCubeDocument, side: DocumentSide): DocumentImage {
  const image = (document.images ?? []).find((candidate) => candidate.documentSide === side);
  if (!image) throw imageNotFound(document, side);
  return image;
}

/** ComplyCube leaves out empty properties: a document without images has no `images` at all. */
function withImages(document: ComplyCubeDocument, images: DocumentImage[]): ComplyCubeDocument {
  const { images: _previous, ...rest } = document;
  return images.length === 0 ? rest : { ...rest, images };
}

/** Saves a changed document, with its audit log and event. */
function saveChange(context: OperationContext, memberId: string | null, current: ComplyCubeDocument, next: ComplyCubeDocument) {
  const document = store(context).documents.put(ordered({ ...next, updatedAt: laterThan(context.nowIso(), current.updatedAt) }, FIELD_ORDER));
  audit(context, memberId, { resourceType: 'document', resourceId: document.id, clientId: document.clientId, action: 'update', before: current, after: document });
  emit(context, 'document.updated', 'document', payloadOf(document));
  return document;
}

const createDocument: OperationHandler<operations['createDocument']> = (context) => {
  const { lastActionBy: _member, ...fields } = context.body;
  requireClient(context, fields.clientId);
  const memberId = actorOf(context);
  const now = context.nowIso();
  const created: ComplyCubeDocument = { ...fields, id: context.random.hex(24), createdAt: now, updatedAt: now };
  const document = ordered(created, FIELD_ORDER);
  store(context).documents.put(document);
  audit(context, memberId, { resourceType: 'document', resourceId: document.id, clientId: document.clientId, action: 'create', after: document });
  emit(context, 'document.created', 'document', payloadOf(document));
  return { status: 200, body: document };
};

const getDocument: OperationHandler<operations['getDocument']> = (context) => ({ status: 200, body: requireDocument(context, context.params.id) });

const updateDocument: OperationHandler<operations['updateDocument']> = (context) => {
  const current = requireDocument(context, context.params.id);
  const { lastActionBy: _member, ...changes } = context.body;
  const memberId = actorOf(context);
  const next = withChanges(current, changes);
  return { status: 200, body: saveChange(context, memberId, current, next) };
};

const deleteDocument: OperationHandler<operations['deleteDocument']> = (context) => {
  const document = requireDocument(context, context.params.id);
  for (const image of document.images ?? []) store(context).files.delete(image.id);
  store(context).documents.delete(document.id);
  audit(context, null, { resourceType: 'document', resourceId: document.id, clientId: document.clientId, action: 'delete', before: document });
  emit(context, 'document.deleted', 'document', payloadOf(document));
  return { status: 204 };
};

const listDocuments: OperationHandler<operations['listDocuments']> = (context) => {
  const filters = [...dateFilters<ComplyCubeDocument>(context.query), ...fieldFilters<ComplyCubeDocument>(context.query, FILTERABLE)];
  return { status: 200, body: paginate(store(context).documents.values(), filters, context.query) };
};

const uploadDocumentImage: OperationHandler<operations['uploadDocumentImage']> = (context) => {
  const current = requireDocument(context, context.params.id);
  const side = context.params.side;
  const { fileName, data } = context.body;
  const bytes = decodeUpload(data);
  const now = context.nowIso();
  const id = context.random.hex(24);
  const image: DocumentImage = {
    id,
    fileName,
    documentSide: side,
    downloadLink: `/documents/${current.id}/images/${id}/download`,
    contentType: contentTypeOf(fileName),
    size: bytes.length,
    createdAt: now,
    updatedAt: now,
  };
  const replaced = (current.images ?? []).find((candidate) => candidate.documentSide === side);
  if (replaced) store(context).files.delete(replaced.id);
  store(context).files.put({ id, fileName, contentType: image.contentType, data: bytes.toString('base64') });
  const images = [...(current.images ?? []).filter((candidate) => candidate !== replaced), image].sort((a, b) =>
    a.documentSide === b.documentSide ? 0 : a.documentSide === 'front' ? -1 : 1,
  );
  saveChange(context, null, current, withImages(current, images));
  return { status: 200, body: image };
};

const downloadDocumentImage: OperationHandler<operations['downloadDocumentImage']> = (context) => {
  const document = requireDocument(context, context.params.id);
  const file = store(context).files.get(requireImage(document, context.params.side).id);
  if (!file) throw imageNotFound(document, context.params.side);
  return { status: 200, body: { fileName: file.fileName, contentType: file.contentType, data: file.data } };
};

const deleteDocumentImage: OperationHandler<operations['deleteDocumentImage']> = (context) => {
  const current = requireDocument(context, context.params.id);
  const image = requireImage(current, context.params.side);
  store(context).files.delete(image.id);
  saveChange(context, null, current, withImages(current, (current.images ?? []).filter((candidate) => candidate !== image)));
  return { status: 204 };
};

/** Removes redacted attributes from what a document check extracted; undefined when it held none of them. */
export function redactExtractedData(check: Check, attributes: Set<string>): Check | undefined {
  const result = check.result;
  const extracted = result?.breakdown?.extractedData;
  if (!result || !extracted) return undefined;
  let changed = false;
  const redacted: Record<string, Record<string, unknown>> = {};
  for (const [group, fields] of Object.entries<Record<string, unknown>>(extracted)) {
    const kept = Object.fromEntries(Object.entries(fields).filter(([name]) => !attributes.has(name)));
    redacted[group] = kept;
    changed ||= Object.keys(kept).length !== Object.keys(fields).length;
  }
  if (!changed) return undefined;
  return { ...check, result: { ...result, breakdown: { ...result.breakdown, extractedData: redacted } } };
}

const redactDocument: OperationHandler<operations['redactDocument']> = (context) => {
  const current = requireDocument(context, context.params.id);
  const sides = new Set<string>(context.body.attributes?.includes('images') ? ['front', 'back'] : context.body.images ?? []);
  const erased = (current.images ?? []).filter((image) => sides.has(image.documentSide));
  if (erased.length === 0) return { status: 200, body: current };
  for (const image of erased) store(context).files.delete(image.id);
  const document = saveChange(context, null, current, withImages(current, (current.images ?? []).filter((image) => !erased.includes(image))));
  return { status: 200, body: document };
};

export const documentHandlers = {
  createDocument,
  getDocument,
  updateDocument,
  deleteDocument,
  listDocuments,
  uploadDocumentImage,
  downloadDocumentImage,
  deleteDocumentImage,
  redactDocument,
};
