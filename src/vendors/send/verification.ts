import { defineTask, type OperationHandler, type PathContext, type ResponseOf, type VendorServices } from '../contract.js';
import { badRequest } from './errors.js';
import {
  kindOf,
  representativesOf,
  requireUser,
  usersOf,
  type CipStatus,
  type SendUser,
  type SentFields,
  type UserKind,
  type UserStatus,
} from './model.js';
import type { operations } from './generated/openapi.js';
import { valueAtPath } from '../kit.js';

/** A tag, and the information it needs: fields (dotted for nested ones) that must all have a value, or a document. */
type CipTag = { tag: string } & ({ fields: readonly string[] } | { virtualDocument: string } | { physicalDocument: string });

const ADDRESS = ['address_line1', 'city', 'state', 'zipcode', 'country'];

/** The information each tier needs (Machnet's "User Verification" and business payments pages). */
export const CIP_TAGS: Readonly<Record<UserKind, readonly CipTag[]>> = {
  individual: [
    { tag: 'NAME', fields: ['first_name', 'last_name'] },
    { tag: 'DATE_OF_BIRTH', fields: ['date_of_birth'] },
    { tag: 'GENDER', fields: ['gender'] },
    { tag: 'ADDRESS', fields: ADDRESS },
    { tag: 'EMAIL', fields: ['email'] },
    { tag: 'PHONE', fields: ['mobile_phone'] },
  ],
  business: [
    { tag: 'COMPANY_NAME', fields: ['first_name'] },
    { tag: 'BUSINESS_TYPE', fields: ['business_type'] },
    { tag: 'DATE_OF_FORMATION', fields: ['date_of_birth'] },
    { tag: 'ADDRESS', fields: ADDRESS },
    { tag: 'MAILING_ADDRESS', fields: ADDRESS.map((field) => `mailing_address.${field}`) },
    { tag: 'PHONE', fields: ['mobile_phone'] },
    { tag: 'EMAIL', fields: ['email'] },
    { tag: 'NATURE_OF_BUSINESS', fields: ['user_scope'] },
    { tag: 'NUMBER_OF_EMPLOYEES', fields: ['number_of_employee'] },
    { tag: 'EIN_NUMBER', virtualDocument: 'EIN' },
    { tag: 'EIN_DOCUMENT', physicalDocument: 'EIN' },
  ],
};

/** The name field whose magic values decide an outcome, and the tag that fails with it. */
export const MAGIC_NAME: Readonly<Record<UserKind, { field: 'last_name' | 'first_name'; tag: string }>> = {
  individual: { field: 'last_name', tag: 'NAME' },
  business: { field: 'first_name', tag: 'COMPANY_NAME' },
};

export const VERIFICATION_TASK = 'complete-verification';

function hasInformation(user: SendUser, tag: CipTag): boolean {
  if ('virtualDocument' in tag) return user.virtual_documents.some((d) => d.document_type === tag.virtualDocument);
  if ('physicalDocument' in tag) return user.physical_documents.some((d) => d.document_type === tag.physicalDocument);
  return tag.fields.every((field) => {
    const value = valueAtPath(user, field);
    return value !== undefined && value !== '';
  });
}

/** The tags an update touches: those whose fields or documents it sends. */
function touches(tag: CipTag, body: SentFields): boolean {
  if ('virtualDocument' in tag) return body.virtual_documents?.some((entry) => entry.document_type === tag.virtualDocument) ?? false;
  if ('physicalDocument' in tag) return body.physical_documents?.some((entry) => entry.document_type === tag.physicalDocument) ?? false;
  return tag.fields.some((field) => Object.hasOwn(body, field.replace(/\..*/, '')));
}

/**
 * Tags after the information was submitted: all of them for a new user, those an update touched
 * otherwise. Information not submitted has no tag until a verification requests it (Get Verification
 * Status: "Only the status of submitted information will be presented"). A verified user's tags stay
 * verified: only fields a verified user may change get here.
 */
export function submittedCip(user: SendUser, body?: SentFields): Record<string, CipStatus> {
  if (user.status === 'VERIFIED') return user.cip;
  const cip = { ...user.cip };
  for (const tag of CIP_TAGS[kindOf(user)]) {
    if (body && !touches(tag, body)) continue;
    if (hasInformation(user, tag)) cip[tag.tag] = 'SUBMIT';
  }
  return cip;
}

function cipWhere(user: SendUser, present: CipStatus, failedTag?: string): Record<string, CipStatus> {
  return Object.fromEntries(
    CIP_TAGS[kindOf(user)].map((tag) => [
      tag.tag,
      !hasInformation(user, tag) ? 'REQUESTED' : tag.tag === failedTag ? 'FAILED' : present,
    ]),
  );
}

/** The outcome of a verification, from the user's information and its magic name. */
export function decide(user: SendUser): { status: UserStatus; cip: Record<string, CipStatus> } {
  const magic = MAGIC_NAME[kindOf(user)];
  const name = String(user[magic.field] ?? '').toUpperCase();
  if (name === 'SUSPEND') return { status: 'SUSPENDED', cip: cipWhere(user, 'VERIFIED', magic.tag) };
  const failedTag = name === 'RETRY' ? magic.tag : undefined;
  const cip = cipWhere(user, 'VERIFIED', failedTag);
  const complete = Object.values(cip).every((status) => status === 'VERIFIED');
  return { status: complete ? 'VERIFIED' : 'RETRY', cip };
}

/** The send user of the path; a receive user's id is refused with the reason given (what only send users have). */
export function requireSendUser(context: PathContext<{ user_id: string }>, reason: string): SendUser {
  const user = requireUser(context.partition, context.params.user_id);
  if (user.type !== 'SEND') throw badRequest('NOT_A_SEND_USER', `${reason}: this user is a receive user`, 'user_id');
  return user;
}

/** Verification is a send user's: receive users have none (Initiate Verification, Get Verification Status). */
const VERIFICATION_IS_A_SEND_USERS = 'Verification applies to send users only';

export const refuseSuspended = (user: SendUser) => {
  if (user.status === 'SUSPENDED') throw badRequest('USER_SUSPENDED', 'User is suspended: no activity is allowed');
};

const VERIFYING: ReadonlySet<UserStatus> = new Set(['IN_PROGRESS', 'REVIEW_PENDING', 'VERIFIED']);
const INITIATED: ResponseOf<operations['initiateVerification']> = { status: 200, body: { success: true, status: 'INITIATED' } };

const initiateVerification: OperationHandler<operations['initiateVerification']> = (context) => {
  const user = requireSendUser(context, VERIFICATION_IS_A_SEND_USERS);
  refuseSuspended(user);
  if (VERIFYING.has(user.status)) return INITIATED;
  if (user.business) {
    const operator = representativesOf(context.partition)
      .values()
      .some((rep) => rep.user_id === user.id && rep.br_type.account_operator === true);
    if (!operator) {
      throw badRequest(
        'ACCOUNT_OPERATOR_REQUIRED',
        'An account operator must be added before KYB can be initiated: add a business representative whose br_type.account_operator is true',
      );
    }
  }
  usersOf(context.partition).put({ ...user, status: 'IN_PROGRESS', cip: cipWhere(user, 'REVIEWING') });
  completeVerification.schedule(context, context.pendingWorkDelayMs, { userId: user.id });
  return INITIATED;
};

const getCipInfo: OperationHandler<operations['getCipInfo']> = (context) => {
  const user = requireSendUser(context, VERIFICATION_IS_A_SEND_USERS);
  const result = CIP_TAGS[kindOf(user)].flatMap(({ tag }) => {
    const status = user.cip[tag];
    return status === undefined ? [] : [{ tag, status }];
  });
  return { status: 200, body: { result } };
};

/** A stored payload of the verification task: the user whose verification moves on. */
function verificationPayload(stored: unknown): { userId: string } | undefined {
  const userId = valueAtPath(stored, 'userId');
  return typeof userId === 'string' ? { userId } : undefined;
}

/** KYC decides at once; KYB first waits for Machnet's compliance review. */
const completeVerification = defineTask(VERIFICATION_TASK, verificationPayload, (services: VendorServices, payload) => {
  const users = usersOf(services.partition);
  const user = users.get(payload.userId);
  if (!user) return;
  if (user.status === 'IN_PROGRESS' && user.business) {
    users.put({ ...user, status: 'REVIEW_PENDING' });
    completeVerification.schedule(services, services.pendingWorkDelayMs, payload);
    return;
  }
  if (user.status !== 'IN_PROGRESS' && user.status !== 'REVIEW_PENDING') return;
  users.put({ ...user, ...decide(user) });
});

export const verificationHandlers = { initiateVerification, getCipInfo };
export const verificationTasks = { [completeVerification.name]: completeVerification.handler };
