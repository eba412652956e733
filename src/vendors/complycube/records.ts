import type { Partition } from '../contract.js';
import { isoTime } from '../kit.js';
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

/**
 * Every collection of a ComplyCube partition, by the name it is stored under, each opened when first read:
 * a tenant's first requests read one or two, and an open collection is kept as long as its partition.
 */
class Collections {
  constructor(private readonly partition: Partition) {}

  get clients() {
    return this.partition.collection<ComplyCubeClient>('clients');
  }
  get addresses() {
    return this.partition.collection<Address>('addresses');
  }
  get documents() {
    return this.partition.collection<ComplyCubeDocument>('documents');
  }
  get files() {
    return this.partition.collection<StoredFile>('files');
  }
  get livePhotos() {
    return this.partition.collection<LivePhoto>('livePhotos');
  }
  get liveVideos() {
    return this.partition.collection<LiveVideo>('liveVideos');
  }
  get checks() {
    return this.partition.collection<Check>('checks');
  }
  get webhooks() {
    return this.partition.collection<Webhook>('webhooks');
  }
  get teamMembers() {
    return this.partition.collection<TeamMember>('teamMembers');
  }
  get auditLogs() {
    return this.partition.collection<AuditLog>('auditLogs');
  }
  get workflowSessions() {
    return this.partition.collection<WorkflowSession>('workflowSessions');
  }
  get companies() {
    return this.partition.collection<CompanyRecord>('companyLookups');
  }
}

export const collections = (partition: Partition) => new Collections(partition);

/** The last stamp `laterThan` made after a previous one, and its time: a burst of updates to one record asks for the next after it again and again. */
let lastMadeAfter = { text: '', ms: 0 };

/** An update's timestamp (from the clock's `nowIso()`): now, yet always after the previous one, even within one millisecond. */
export function laterThan(now: string, previous: string): string {
  if (now.length !== previous.length) return madeAfter(Math.max(Date.parse(now), Date.parse(previous) + 1));
  // Timestamps of one form compare as text: a clock at or behind the previous stamp gives the millisecond after it.
  if (now > previous) return now;
  return madeAfter((previous === lastMadeAfter.text ? lastMadeAfter.ms : Date.parse(previous)) + 1);
}

function madeAfter(ms: number): string {
  lastMadeAfter = { text: isoTime(ms), ms };
  return lastMadeAfter.text;
}
