import type { Partition } from '../contract.js';
import type { ComplyCubeClient } from './clients.js';
import type { Timestamped } from './pagination.js';

export type DocumentSide = 'front' | 'back';

export interface Address extends Timestamped {
  id: string;
  clientId: string;
  type: string;
  propertyNumber?: string;
  buildingName?: string;
  line: string;
  city: string;
  state?: string;
  postalCode?: string;
  country: string;
  fromDate?: string;
  toDate?: string;
}

export interface DocumentImage {
  id: string;
  fileName: string;
  documentSide: DocumentSide;
  downloadLink: string;
  contentType: string;
  size: number;
  createdAt: string;
  updatedAt: string;
}

export interface ComplyCubeDocument extends Timestamped {
  id: string;
  clientId: string;
  type: string;
  classification?: string;
  issuingCountry?: string;
  /** Absent until an image is uploaded. */
  images?: DocumentImage[];
}

/** The bytes of an image or live photo, apart from its record so that lists and gets stay light. */
export interface StoredFile {
  id: string;
  fileName: string;
  contentType: string;
  /** Base64. */
  data: string;
}

export interface LivePhoto extends Timestamped {
  id: string;
  clientId: string;
  downloadLink: string;
  contentType: string;
  performLivenessCheck: boolean;
  size: number;
}

export interface LiveVideo extends Timestamped {
  id: string;
  clientId: string;
  language: string;
  challenges: { type: string; value?: string | null }[];
}

export type CheckStatus = 'pending' | 'complete' | 'failed';
export type Outcome = 'clear' | 'attention' | 'rejected' | 'not_processed' | 'match_confirmed';

export interface ScreeningMatch {
  id: string;
  entityName: string;
  score: number;
  types: string[];
  status: 'pending' | 'confirmed' | 'rejected';
}

export interface Check extends Timestamped {
  id: string;
  clientId: string;
  entityName: string;
  type: string;
  documentId?: string;
  livePhotoId?: string;
  liveVideoId?: string;
  addressId?: string;
  enableMonitoring?: boolean;
  options?: Record<string, unknown>;
  clientConsent?: boolean;
  status: CheckStatus;
  result?: { outcome: Outcome; breakdown?: Record<string, unknown> };
}

export interface Webhook extends Timestamped {
  id: string;
  description?: string;
  url: string;
  enabled: boolean;
  events: string[];
  secret: string;
}

export interface TeamMember {
  id: string;
  firstName: string;
  lastName: string;
  role: string;
  createdAt: string;
}

export interface AuditChange {
  action: 'new' | 'delete' | 'update';
  path: (string | number)[];
  old?: unknown;
  new?: unknown;
}

export interface AuditLog {
  id: string;
  memberId: string | null;
  resourceType: string;
  resourceId: string;
  clientId?: string;
  trigger: string;
  action: 'create' | 'update' | 'delete';
  diff: AuditChange[];
  createdAt: string;
}

export interface WorkflowSession extends Timestamped {
  id: string;
  clientId: string;
  entityName: string;
  status: 'started' | 'processing' | 'complete' | 'abandoned' | 'cancelled';
  workflowTemplateId: string;
  workflowTemplateName?: string;
  allRelatedChecks: { checkId: string; type: string; taskId: string }[];
  outcome?: 'clear' | 'attention';
}

export interface CompanyRecord {
  id: string;
  name: string;
  registrationNumber: string;
  incorporationCountry: string;
  incorporationType: string;
  active: boolean;
  incorporationDate: string;
  address: { line: string; city: string; postalCode: string; country: string };
  officers: { name: string; role: string }[];
}

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
