import { defineTask, VendorError, type OperationContext, type VendorServices } from '../../contract.js';
import { valueAtPath } from '../../kit.js';
import { checkHandlers, completeCheck } from '../checks.js';
import { documentHandlers } from '../documents.js';
import { decodeUpload, imageTypeOf, sampleImage } from '../files.js';
import type { components, operations } from '../generated/openapi.js';
import { liveMediaHandlers } from '../live-media.js';
import { CHECK_TYPE_RULES } from '../outcomes.js';
import { collections, type Check, type CheckType } from '../records.js';
import { completeSession } from '../workflow.js';
import { CHOSEN_OUTCOMES, flowSessionsOf, outcomesFor, type ChosenOutcome, type FlowSession } from './sessions.js';

const FLOW_TRIGGER = 'hostedFlow';
const REVIEW_COMMENT = 'Rejected on the sandbox hosted flow page';

/** The images the page takes, each for the check types that capture it in ComplyCube's flow. */
export const ATTACHMENTS = {
  documentImage: ['document_check', 'identity_check', 'enhanced_identity_check'],
  addressImage: ['proof_of_address_check'],
  selfieImage: ['identity_check', 'face_authentication_check', 'age_estimation_check'],
} as const;
export type Attachment = keyof typeof ATTACHMENTS;

const isAttachment = (name: string): name is Attachment => Object.hasOwn(ATTACHMENTS, name);

/** Whether one of the session's check types captures the image. */
const captures = (session: FlowSession, name: Attachment) => ATTACHMENTS[name].some((type) => session.checkTypes.includes(type));

export const attachmentsFor = (session: FlowSession) =>
  Object.keys(ATTACHMENTS)
    .filter(isAttachment)
    .filter((name) => captures(session, name));

/** A submission the page refuses, with what to tell the person; nothing has changed. */
export class FlowRefusal extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** What the person chose: an outcome per check type (in the session's order), and the images attached (the rest are the sample's). */
export interface FlowChoices {
  outcomes: { type: CheckType; outcome: ChosenOutcome }[];
  images: Partial<Record<Attachment, Buffer>>;
}

/** The form's fields as the person sent them, held to what the session's page offered. */
export async function choicesOf(session: FlowSession, form: FormData): Promise<FlowChoices> {
  const outcomes: FlowChoices['outcomes'] = [];
  for (const type of session.checkTypes) {
    const value = form.get(`outcome.${type}`);
    const offered = outcomesFor(type);
    const outcome = offered.find((candidate) => candidate === value);
    if (outcome === undefined) throw new FlowRefusal(400, `Choose the outcome of the ${type}: ${offered.join(', ')}`);
    outcomes.push({ type, outcome });
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
function operate<Id extends keyof operations>(
  services: VendorServices,
  operationId: Id,
  request: Pick<OperationContext<operations[Id]>, 'body' | 'params' | 'query'>,
): OperationContext<operations[Id]> {
  return { ...services, ...request, operationId, headers: {}, tenant: { id: services.partition.id } };
}

const answered = <Answer extends { status: number }, Status extends Answer['status']>(
  answer: Answer,
  status: Status,
): answer is Extract<Answer, { status: Status }> => answer.status === status;

/** The body of an operation's answer, which has that status unless the sandbox itself is at fault. */
async function bodyOf<Answer extends { status: number; body?: unknown }, Status extends Answer['status']>(
  pending: Answer | Promise<Answer>,
  status: Status,
): Promise<Extract<Answer, { status: Status }>['body']> {
  const answer = await pending;
  if (!answered(answer, status)) throw new Error(`the hosted flow expected ${status} of its own operation, not ${answer.status}`);
  return answer.body;
}


const fileNameOf = (bytes: Buffer) => (imageTypeOf(bytes) === 'image/png' ? 'front.png' : 'front.jpg');

async function documentWithImage(
  services: VendorServices,
  clientId: string,
  type: components['schemas']['DocumentType'],
  classification: components['schemas']['DocumentClassification'],
  bytes: Buffer,
) {
  const created = await bodyOf(
    documentHandlers.createDocument(
      operate(services, 'createDocument', { body: { clientId, type, classification }, params: {}, query: {} }),
    ),
    200,
  );
  const upload = { fileName: fileNameOf(bytes), data: bytes.toString('base64') };
  await documentHandlers.uploadDocumentImage(
    operate(services, 'uploadDocumentImage', { body: upload, params: { id: created.id, side: 'front' }, query: {} }),
  );
  return created.id;
}

/** A live video as ComplyCube's client SDKs record one: its challenges are the sandbox's draw. */
function recordLiveVideo(services: VendorServices, session: FlowSession): string {
  const now = services.nowIso();
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
      throw new FlowRefusal(400, `The ${name}: ${String(valueAtPath(error.response.body, 'message'))}`);
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
  const needs = (attachment: Attachment) => captures(session, attachment);
  const clientId = session.clientId;
  const imageOf = (attachment: Attachment) => choices.images[attachment] ?? sampleImage();
  const documentId = needs('documentImage') ? await documentWithImage(services, clientId, 'passport', 'proof_of_identity', imageOf('documentImage')) : undefined;
  const addressDocumentId = needs('addressImage') ? await documentWithImage(services, clientId, 'utility_bill', 'proof_of_address', imageOf('addressImage')) : undefined;
  const livePhotoId = needs('selfieImage')
    ? (
        await bodyOf(
          liveMediaHandlers.uploadLivePhoto(
            operate(services, 'uploadLivePhoto', {
              body: { clientId, data: imageOf('selfieImage').toString('base64'), performLivenessCheck: true },
              params: {},
              query: {},
            }),
          ),
          200,
        )
      ).id
    : undefined;
  const liveVideoId = session.checkTypes.includes('enhanced_identity_check') ? recordLiveVideo(services, session) : undefined;

  const checks: Check[] = [];
  for (const { type, outcome } of choices.outcomes) {
    const references = {
      ...(ATTACHMENTS.documentImage.some((candidate) => candidate === type) ? { documentId } : {}),
      ...(type === 'proof_of_address_check' ? { documentId: addressDocumentId } : {}),
      ...(ATTACHMENTS.selfieImage.some((candidate) => candidate === type) ? { livePhotoId } : {}),
      ...(type === 'enhanced_identity_check' ? { liveVideoId } : {}),
    };
    const context = operate(services, 'createCheck', {
      body: {
        clientId,
        type,
        ...references,
        ...(session.enableMonitoring === undefined ? {} : { enableMonitoring: session.enableMonitoring }),
      },
      params: {},
      query: {},
    });
    // The check completes as the page chose, not as the client's testing data would have it.
    context.schedule = (_task, delayMs, payload) => {
      const scheduled = completeCheck.read(payload);
      if (scheduled) completeFlowCheck.schedule(services, delayMs, { checkId: scheduled.checkId, outcome });
    };
    checks.push(await bodyOf(checkHandlers.createCheck(context), 200));
  }

  flowSessionsOf(services).put({ ...session, status: 'complete' });
  const workflow = session.workflowSessionId === undefined ? undefined : collections(services.partition).workflowSessions.get(session.workflowSessionId);
  if (workflow?.status === 'started') {
    const flagged = choices.outcomes.some(({ outcome }) => outcome !== 'clear');
    completeSession(services, workflow, checks, flagged ? 'attention' : 'clear', FLOW_TRIGGER);
  }
}

/**
 * A flow's check completes as its type does, `clear` or `attention` as chosen; a `rejected` one completes
 * `attention` and is then validated `rejected`, as a reviewer does: ComplyCube gives `rejected` only so.
 */
const completeFlowCheck = defineTask('completeFlowCheck', flowCheckPayload, (services, { checkId, outcome }) => {
  completeCheck.run(services, { checkId, magic: outcome === 'clear' ? 'clear' : 'attention' });
  if (outcome !== 'rejected' || collections(services.partition).checks.get(checkId)?.status !== 'complete') return;
  void checkHandlers.validateCheck(
    operate(services, 'validateCheck', {
      body: { outcome: 'rejected', comment: REVIEW_COMMENT },
      params: { id: checkId },
      query: {},
    }),
  );
});

/** A stored payload of `completeFlowCheck`: the check, and the outcome the page chose for it. */
function flowCheckPayload(stored: unknown): { checkId: string; outcome: ChosenOutcome } | undefined {
  const checkId = valueAtPath(stored, 'checkId');
  const chosen = valueAtPath(stored, 'outcome');
  const outcome = CHOSEN_OUTCOMES.find((candidate) => candidate === chosen);
  return typeof checkId === 'string' && outcome !== undefined ? { checkId, outcome } : undefined;
}

export const hostedFlowTasks = { [completeFlowCheck.name]: completeFlowCheck.handler };
