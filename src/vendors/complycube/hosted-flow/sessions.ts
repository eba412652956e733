import type { VendorServices } from '../../contract.js';
import { SCREENING_TYPES } from '../outcomes.js';
import type { CheckType } from '../records.js';

/** A flow session: what its page shows and where it sends the person afterwards. */
export interface FlowSession {
  /** The token in the page's address. */
  id: string;
  clientId: string;
  checkTypes: CheckType[];
  successUrl: string;
  cancelUrl: string;
  enableMonitoring?: boolean;
  language?: string;
  theme?: 'light' | 'dark';
  /** The workflow session a `workflowTemplateId` opened, completed with the flow. */
  workflowSessionId?: string;
  /** Carried by the page's form, so that a page of another site cannot submit it. */
  formToken: string;
  status: 'open' | 'complete';
  createdAt: string;
  /** "A Flow session expires once a client completes the identity verification process or 14 days after initialization." */
  expiresAt: string;
}

export const PATH_PREFIX = '/complycube/flow/';
const LIFETIME_MS = 14 * 24 * 3600 * 1000;
const TOKEN = /^[0-9a-f]{48}$/;
/** A `Host` header as a browser can use it again: a name or an address, and a port. */
const AUTHORITY = /^(?:[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;
const VENDOR_FLOW_ORIGIN = 'https://flow.complycube.com';


/**
 * The sandbox's workflow template runs what the document's example flow session asks for, since a
 * template's steps live in ComplyCube's portal, which the sandbox does not imitate.
 */
export const TEMPLATE_CHECK_TYPES: CheckType[] = ['extensive_screening_check', 'identity_check', 'document_check'];

export const CHOSEN_OUTCOMES = ['clear', 'attention', 'rejected'] as const;
export type ChosenOutcome = (typeof CHOSEN_OUTCOMES)[number];

/**
 * What the tester may choose for a check type: what ComplyCube's checks of that type can end with. A
 * check is `rejected` only by a reviewer's validation, and screening checks are validated match by match
 * (to `clear`, `attention` or `match_confirmed`), so screening offers no `rejected`.
 */
export function outcomesFor(checkType: string): ChosenOutcome[] {
  return SCREENING_TYPES.has(checkType) ? ['clear', 'attention'] : ['clear', 'attention', 'rejected'];
}

export const flowSessionsOf = (services: Pick<VendorServices, 'partition'>) => services.partition.collection<FlowSession>('flowSessions');

export function openFlowSession(services: VendorServices, fields: Omit<FlowSession, 'id' | 'formToken' | 'status' | 'createdAt' | 'expiresAt'>): FlowSession {
  const now = services.now();
  const id = services.random.hex(48);
  const session: FlowSession = {
    ...fields,
    id,
    formToken: services.random.hex(32),
    status: 'open',
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + LIFETIME_MS).toISOString(),
  };
  return flowSessionsOf(services).put(session);
}

/**
 * The page's address on the sandbox's own origin, as the caller reached it (`Host`), so that a browser on
 * the caller's machine opens it; without a usable `Host`, ComplyCube's own address, as the real API answers.
 */
export function flowAddress(host: string | undefined, token: string): string {
  const origin = host !== undefined && AUTHORITY.test(host) ? `http://${host.toLowerCase()}` : VENDOR_FLOW_ORIGIN;
  return `${origin}${PATH_PREFIX}${token}`;
}

/** The session a page's address names, with the services of the tenant that opened it. */
export function findFlowSession(tenants: Iterable<VendorServices>, token: string): { session: FlowSession; services: VendorServices } | undefined {
  if (!TOKEN.test(token)) return undefined;
  for (const services of tenants) {
    const session = flowSessionsOf(services).get(token);
    if (session) return { session, services };
  }
  return undefined;
}
