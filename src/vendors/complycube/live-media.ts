import type { OperationContext, OperationHandler } from '../contract.js';
import { actorOf, audit } from './audit.js';
import { requireClient } from './clients.js';
import { complyCubeError, invalidRequest, notFound } from './errors.js';
import { decodeUpload, imageTypeOf } from './files.js';
import { dateFilters, fieldFilters, paginate } from './pagination.js';
import { collections, laterThan, type LivePhoto, type LiveVideo } from './records.js';
import { VendorError } from '../contract.js';
import type { operations } from './generated/openapi.js';

/** The PHP SDK's integration test against the real API reads `images/jpg` on a download, not the record's `image/jpg`. */
const DOWNLOADED_CONTENT_TYPE = { 'image/jpg': 'images/jpg', 'image/png': 'images/png' } as const;

const store = (context: Pick<OperationContext, 'partition'>) => collections(context.partition);

export function requireLivePhoto(context: OperationContext, id: string): LivePhoto {
  const photo = store(context).livePhotos.get(id);
  if (!photo) throw notFound('live photo', id);
  return photo;
}

export function requireLiveVideo(context: OperationContext, id: string): LiveVideo {
  const video = store(context).liveVideos.get(id);
  if (!video) throw notFound('live video', id);
  return video;
}

const uploadLivePhoto: OperationHandler<operations['uploadLivePhoto']> = (context) => {
  const body = context.body;
  requireClient(context, body.clientId);
  const bytes = decodeUpload(body.data);
  const contentType = imageTypeOf(bytes);
  if (!contentType) throw invalidRequest("'data' must be a JPG or PNG image", 'data');
  const memberId = actorOf(context);
  const id = context.random.hex(24);
  const now = context.nowIso();
  const photo: LivePhoto = {
    id,
    clientId: body.clientId,
    downloadLink: `/livePhotos/${id}/download`,
    contentType,
    performLivenessCheck: body.performLivenessCheck ?? true,
    size: bytes.length,
    createdAt: now,
    updatedAt: now,
  };
  store(context).files.put({ id, fileName: `${id}.${contentType === 'image/png' ? 'png' : 'jpg'}`, contentType, data: bytes.toString('base64') });
  store(context).livePhotos.put(photo);
  audit(context, memberId, { resourceType: 'livePhoto', resourceId: id, clientId: photo.clientId, action: 'create', after: photo });
  return { status: 200, body: photo };
};

const getLivePhoto: OperationHandler<operations['getLivePhoto']> = (context) => ({ status: 200, body: requireLivePhoto(context, context.params.id) });

const downloadLivePhoto: OperationHandler<operations['downloadLivePhoto']> = (context) => {
  const photo = requireLivePhoto(context, context.params.id);
  const file = store(context).files.get(photo.id);
  if (!file) throw new VendorError(complyCubeError(404, 'resource_not_found', `Live photo id '${photo.id}' has been redacted`));
  return { status: 200, body: { fileName: file.fileName, contentType: DOWNLOADED_CONTENT_TYPE[photo.contentType], data: file.data } };
};

const redactLivePhoto: OperationHandler<operations['redactLivePhoto']> = (context) => {
  const current = requireLivePhoto(context, context.params.id);
  if (!store(context).files.has(current.id)) return { status: 200, body: current };
  store(context).files.delete(current.id);
  const photo = store(context).livePhotos.put({ ...current, size: 0, updatedAt: laterThan(context.nowIso(), current.updatedAt) });
  audit(context, null, { resourceType: 'livePhoto', resourceId: photo.id, clientId: photo.clientId, action: 'update', before: current, after: photo });
  return { status: 200, body: photo };
};

const deleteLivePhoto: OperationHandler<operations['deleteLivePhoto']> = (context) => {
  const photo = requireLivePhoto(context, context.params.id);
  store(context).files.delete(photo.id);
  store(context).livePhotos.delete(photo.id);
  audit(context, null, { resourceType: 'livePhoto', resourceId: photo.id, clientId: photo.clientId, action: 'delete', before: photo });
  return { status: 204 };
};

const listLivePhotos: OperationHandler<operations['listLivePhotos']> = (context) => {
  const filters = [...dateFilters<LivePhoto>(context.query), ...fieldFilters<LivePhoto>(context.query, ['clientId'])];
  return { status: 200, body: paginate(store(context).livePhotos.values(), filters, context.query) };
};

const getLiveVideo: OperationHandler<operations['getLiveVideo']> = (context) => ({ status: 200, body: requireLiveVideo(context, context.params.id) });

const redactLiveVideo: OperationHandler<operations['redactLiveVideo']> = (context) => {
  const current = requireLiveVideo(context, context.params.id);
  if (current.challenges.every((challenge) => challenge.value === null)) return { status: 200, body: current };
  const video = store(context).liveVideos.put({
    ...current,
    challenges: current.challenges.map((challenge) => ({ ...challenge, value: null })),
    updatedAt: laterThan(context.nowIso(), current.updatedAt),
  });
  audit(context, null, { resourceType: 'liveVideo', resourceId: video.id, clientId: video.clientId, action: 'update', before: current, after: video });
  return { status: 200, body: video };
};

const deleteLiveVideo: OperationHandler<operations['deleteLiveVideo']> = (context) => {
  const video = requireLiveVideo(context, context.params.id);
  store(context).liveVideos.delete(video.id);
  audit(context, null, { resourceType: 'liveVideo', resourceId: video.id, clientId: video.clientId, action: 'delete', before: video });
  return { status: 204 };
};

const listLiveVideos: OperationHandler<operations['listLiveVideos']> = (context) => {
  const filters = [...dateFilters<LiveVideo>(context.query), ...fieldFilters<LiveVideo>(context.query, ['clientId'])];
  return { status: 200, body: paginate(store(context).liveVideos.values(), filters, context.query) };
};

export const liveMediaHandlers = {
  uploadLivePhoto,
  getLivePhoto,
  downloadLivePhoto,
  redactLivePhoto,
  deleteLivePhoto,
  listLivePhotos,
  getLiveVideo,
  redactLiveVideo,
  deleteLiveVideo,
  listLiveVideos,
};
