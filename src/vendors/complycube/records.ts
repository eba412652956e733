import type { Partition } from '../contract.js';
import type { ComplyCubeClient } from './clients.js';
import type { components } from './generated/openapi.js';

type Schemas = components['schemas'];

export type Address = Schemas['Address'];
export type DocumentImage = Schemas['DocumentImage'];
export type DocumentSide = DocumentImage['documentSide'];
export type ComplyCubeDocument = Schemas['Document'];

/** The bytes of an image or live photo, apart from its record so that lists and gets stay light. */
export interface StoredFile {
  id: string;
  fileName: string;
  contentType: DocumentImage['contentType'];
  /** Base64. */
  data: string;
}

export type LivePhoto = Schemas['LivePhoto'];
export type LiveVideo = Schemas['LiveVideo'];
export type Check = Schemas['Check'];
export type CheckType = Schemas['CheckType'];
export type Outcome = Schemas['Outcome'];
export type Breakdown = Schemas['Breakdown'];
export type ScreeningMatch = NonNullable<Breakdown['matches']>[number];
export type Webhook = Schemas['WebhookWithSecret'];
export type TeamMember = Schemas['TeamMember'];
export type AuditLog = Schemas['AuditLog'];
export type AuditChange = AuditLog['diff'][number];
export type WorkflowSession = Schemas['WorkflowSession'];
export type CompanyRecord = Schemas['CompanyDetailsLookup'];

/** Every collection of a ComplyCube partition, by the name it is stored under. */
export function collections(partition: Partition) {
  return {
    clients: partition.collection<ComplyCubeClient>('clients'),
    addresses: partition.collection<Address>('addresses'),
    documents: partition.collection<ComplyCubeDocument>('documents'),
    files: partition.collection<StoredFile>('files'),
    livePhotos: partition.collection<LivePhoto>('livePhotos'),
    liveVideos: partition.collection<LiveVideo>('liveVideos'),
    checks: partition.collection<Check>('checks'),
    webhooks: partition.collection<Webhook>('webhooks'),
    teamMembers: partition.collection<TeamMember>('teamMembers'),
    auditLogs: partition.collection<AuditLog>('auditLogs'),
    workflowSessions: partition.collection<WorkflowSession>('workflowSessions'),
    companies: partition.collection<CompanyRecord>('companyLookups'),
  };
}

/** An update's timestamp: now, yet always after the previous one, even within one millisecond. */
export function laterThan(now: Date, previous: string): string {
  return new Date(Math.max(now.getTime(), Date.parse(previous) + 1)).toISOString();
}
