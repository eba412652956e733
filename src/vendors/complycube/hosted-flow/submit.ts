import { VendorError, type OperationContext, type OperationTypes, type TaskHandler, type VendorResponse, type VendorServices } from '../../contract.js';
import { fixturesOf } from '../../kit.js';
import { checkHandlers, checkTasks, COMPLETE_CHECK } from '../checks.js';
import { documentHandlers } from '../documents.js';
import { decodeUpload, imageTypeOf } from '../files.js';
import type { operations } from '../generated/openapi.js';
import { liveMediaHandlers } from '../live-media.js';
import { CHECK_TYPE_RULES } from '../outcomes.js';
import { collections, type Check, type ComplyCubeDocument, type LivePhoto } from '../records.js';
import { completeSession } from '../workflow.js';
import { flowSessionsOf, outcomesFor, type ChosenOutcome, type FlowSession } from './sessions.js';

export const COMPLETE_FLOW_CHECK = 'completeFlowCheck';
const FLOW_TRIGGER = 'hostedFlow';
const REVIEW_COMMENT = 'Rejected on the sandbox hosted flow page';

/** The images the page takes, each for the check types that capture it in ComplyCube's flow. */
export const ATTACHMENTS = {
  documentImage: ['document_check', 'identity_check', 'enhanced_identity_check'],
  addressImage: ['proof_of_address_check'],
  selfieImage: ['identity_check', 'face_authentication_check', 'age_estimation_check'],
} as const;
export type Attachment = keyof typeof ATTACHMENTS;

export const attachmentsFor = (session: FlowSession) =>
  (Object.keys(ATTACHMENTS) as Attachment[]).filter((name) => ATTACHMENTS[name].some((type) => session.checkTypes.includes(type)));

/** A submission the page refuses, with what to tell the person; nothing has changed. */
export class FlowRefusal extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** What the person chose: an outcome per check type, and the images attached (the rest are the sample's). */
export interface FlowChoices {
  outcomes: Record<string, ChosenOutcome>;
  images: Partial<Record<Attachment, Buffer>>;
}

/** The form's fields as the person sent them, held to what the session's page offered. */
export async function choicesOf(session: FlowSession, form: FormData): Promise<FlowChoices> {
  const outcomes: Record<string, ChosenOutcome> = {};
  for (const type of session.checkTypes) {
    const value = form.get(`outcome.${type}`);
    const offered = outcomesFor(type);
    if (typeof value !== 'string' || !(offered as string[]).includes(value)) {
      throw new FlowRefusal(400, `Choose the outcome of the ${type}: ${offered.join(', ')}`);
    }
    outcomes[type] = value as ChosenOutcome;
  }
  const images: FlowChoices['images'] = {};
  for (const name of attachmentsFor(session)) {
    const file = form.get(name);
    if (!(file instanceof Blob) || file.size === 0) continue;
    const bytes = Buffer.from(await file.arrayBuffer());
    if (!imageTypeOf(bytes)) throw new FlowRefusal(415, `The ${name} must be a JPG or PNG image`);
    images[name] = bytes;
  }
  return { outcomes, images };
}

/** One of ComplyCube's own operations, run for the person as the real flow calls the API for them. */
function operate<Op extends OperationTypes>(
  services: VendorServices,
  operationId: keyof operations,
  body: unknown,
  params: object = {},
): OperationContext<Op> {
  return { ...services, operationId, params, query: {}, headers: {}, body, tenant: { id: services.partition.id } } as unknown as OperationContext<Op>;
}

async function bodyOf<T>(answer: VendorResponse | Promise<VendorResponse>): Promise<T> {
  return (await answer).body as T;
}

let sampleImage: Buffer | undefined;
/** The image of a step the person attached nothing to: the JPEG the document's upload examples send. */
const sample = () => (sampleImage ??= fixturesOf('complycube').bytes('sample.jpg'));

const fileNameOf = (bytes: Buffer) => (imageTypeOf(bytes) === 'image/png' ? 'front.png' : 'front.jpg');

async function documentWithImage(services: VendorServices, clientId: string, type: string, classification: string, bytes: Buffer) {
  const created = await bodyOf<ComplyCubeDocument>(
    documentHandlers.createDocument(operate<operations['createDocument']>(services, 'createDocument', { clientId, type, classification })),
  );
  const upload = { fileName: fileNameOf(bytes), data: bytes.toString('base64') };
  await documentHandlers.uploadDocumentImage(
    operate<operations['uploadDocumentImage']>(services, 'uploadDocumentImage', upload, { id: created.id, side: 'front' }),
  );
  return created.id;
}

/** A live video as ComplyCube's client SDKs record one: its challenges are the sandbox's draw. */
function recordLiveVideo(services: VendorServices, session: FlowSession): string {
  const now = services.now().toISOString();
  const id = services.random.hex(24);
  const challenges = [
    { type: 'head_turn', value: services.random.int(0, 1) === 0 ? 'left' : 'right' },
    { type: 'recite_digits', value: String(services.random.int(1000, 9999)) },
  ];
  collections(services.partition).liveVideos.put({ id, clientId: session.clientId, language: session.language ?? 'en', challenges, createdAt: now, updatedAt: now });
  return id;
}

/** Everything the submission needs is checked here, before anything is made. */
function requireSubmittable(services: VendorServices, session: FlowSession, choices: FlowChoices): void {
  const client = collections(services.partition).clients.get(session.clientId);
  if (!client) throw new FlowRefusal(410, 'The client of this verification no longer exists');
  for (const type of session.checkTypes) {
    if (CHECK_TYPE_RULES[type].personOnly && client.type !== 'person') {
      throw new FlowRefusal(422, `A ${type} can only be performed on a client of type person; this client is a company`);
    }
  }
  for (const [name, bytes] of Object.entries(choices.images)) {
    try {
      decodeUpload(bytes.toString('base64'), name);
    } catch (error) {
      if (!(error instanceof VendorError)) throw error;
      throw new FlowRefusal(400, `The ${name}: ${(error.response.body as { message: string }).message}`);
    }
  }
}

/**
 * What ComplyCube's flow makes of a completed session: the identity document with its front image, the
 * proof of address, the selfie (a live photo) and the live video that its check types capture, then one
 * check per type, each completing with the outcome chosen for it; a workflow session completes with them.
 */
export async function submitFlow(services: VendorServices, session: FlowSession, choices: FlowChoices): Promise<void> {
  requireSubmittable(services, session, choices);
  const needs = (attachment: Attachment) => ATTACHMENTS[attachment].some((type) => session.checkTypes.includes(type));
  const clientId = session.clientId;
  const imageOf = (attachment: Attachment) => choices.images[attachment] ?? sample();
  const documentId = needs('documentImage') ? await documentWithImage(services, clientId, 'passport', 'proof_of_identity', imageOf('documentImage')) : undefined;
  const addressDocumentId = needs('addressImage') ? await documentWithImage(services, clientId, 'utility_bill', 'proof_of_address', imageOf('addressImage')) : undefined;
  const livePhotoId = needs('selfieImage')
    ? (
        await bodyOf<LivePhoto>(
          liveMediaHandlers.uploadLivePhoto(
            operate<operations['uploadLivePhoto']>(services, 'uploadLivePhoto', { clientId, data: imageOf('selfieImage').toString('base64'), performLivenessCheck: true }),
          ),
        )
      ).id
    : undefined;
  const liveVideoId = session.checkTypes.includes('enhanced_identity_check') ? recordLiveVideo(services, session) : undefined;

  const checks: Check[] = [];
  for (const type of session.checkTypes) {
    const outcome = choices.outcomes[type]!;
    const references = {
      ...(ATTACHMENTS.documentImage.some((candidate) => candidate === type) ? { documentId } : {}),
      ...(type === 'proof_of_address_check' ? { documentId: addressDocumentId } : {}),
      ...(ATTACHMENTS.selfieImage.some((candidate) => candidate === type) ? { livePhotoId } : {}),
      ...(type === 'enhanced_identity_check' ? { liveVideoId } : {}),
    };
    const context = operate<operations['createCheck']>(services, 'createCheck', {
      clientId,
      type,
      ...references,
      ...(session.enableMonitoring === undefined ? {} : { enableMonitoring: session.enableMonitoring }),
    });
    // The check completes as the page chose, not as the client's testing data would have it.
    context.schedule = (_task, delayMs, payload) => services.schedule(COMPLETE_FLOW_CHECK, delayMs, { ...(payload as object), outcome });
    checks.push(await bodyOf<Check>(checkHandlers.createCheck(context)));
  }

  flowSessionsOf(services).put({ ...session, status: 'complete' });
  const workflow = session.workflowSessionId === undefined ? undefined : collections(services.partition).workflowSessions.get(session.workflowSessionId);
  if (workflow?.status === 'started') {
    const flagged = Object.values(choices.outcomes).some((outcome) => outcome !== 'clear');
    completeSession(services, workflow, checks, flagged ? 'attention' : 'clear', FLOW_TRIGGER);
  }
}

/**
 * A flow's check completes as its type does, `clear` or `attention` as chosen; a `rejected` one completes
 * `attention` and is then validated `rejected`, as a reviewer does: ComplyCube gives `rejected` only so.
 */
const completeFlowCheck: TaskHandler = (services, payload) => {
  const { checkId, outcome } = payload as { checkId: string; outcome: ChosenOutcome };
  checkTasks[COMPLETE_CHECK](services, { checkId, magic: outcome === 'clear' ? 'clear' : 'attention' });
  if (outcome !== 'rejected' || collections(services.partition).checks.get(checkId)?.status !== 'complete') return;
  void checkHandlers.validateCheck(operate<operations['validateCheck']>(services, 'validateCheck', { outcome: 'rejected', comment: REVIEW_COMMENT }, { id: checkId }));
};

export const hostedFlowTasks = { [COMPLETE_FLOW_CHECK]: completeFlowCheck };
