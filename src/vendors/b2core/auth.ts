import type {
  AuthenticationRequest,
  Credentials,
  OperationContext,
  OperationHandler,
  Partition,
  Tenant,
} from '../contract.js';
import { VendorError } from '../contract.js';
import { valueAtPath } from '../kit.js';
import { b2coreError, unauthorized } from './errors.js';
import { b2coreTime } from './records.js';
import { ADMINS, ADMINS_BY_ID, type Admin } from './references.js';
import type { operations } from './generated/openapi.js';

/**
 * Every admin signs in to the same back office: one partition per sandbox (and so per `--seed`),
 * so admins limited to tags see a subset of the clients the other admins see. It also keeps every
 * token issued, since sign-in is public and so always runs there.
 */
export const BACK_OFFICE = 'back-office';

/**
 * A sub-address (`admin+ci-42@b2core.example`) signs the admin in to a back office of that name
 * instead, seeded apart, so that parallel test runs against one sandbox do not see each other.
 */
const officeTenant = (office: string | null) => (office === null ? BACK_OFFICE : `${BACK_OFFICE}+${office}`);
const SUB_ADDRESS = /^([^@+]+)\+([^@]+)(@.+)$/;

/** The lifetime in B2Core's documented access token example (its JWT's `exp - iat`). */
const ACCESS_TOKEN_SECONDS = 10 * 3600;
const REFRESH_TOKEN_SECONDS = 30 * 24 * 3600;

interface StoredToken {
  id: string;
  kind: 'access' | 'refresh';
  adminId: number;
  office: string | null;
  expiresAtMs: number;
}

/** The signed-in admin, the principal of every tenant `authenticate` answers for a bearer token. */
export class Session {
  constructor(
    readonly admin: Admin,
    readonly expiresAtMs: number,
  ) {}
}

const tokensOf = (partition: Partition) => partition.collection<StoredToken>('tokens');

export function authenticate(credentials: Credentials, request: AuthenticationRequest): Tenant {
  const token = credentials.bearerAuth;
  // Sign-in is public: it reaches the back office to keep the tokens it issues.
  if (token === undefined) return { id: BACK_OFFICE };
  const record = tokensOf(request.partitionOf(BACK_OFFICE)).get(token);
  const admin = record && ADMINS_BY_ID.get(record.adminId);
  if (!record || !admin) throw unauthorized('the bearer token is not one this sandbox issued');
  if (record.kind === 'refresh') throw unauthorized('the bearer token is the refresh token, not the access token');
  if (request.now().getTime() >= record.expiresAtMs) {
    throw unauthorized(`the access token expired at ${b2coreTime(new Date(record.expiresAtMs))}`);
  }
  const session = new Session(admin, record.expiresAtMs);
  return { id: officeTenant(record.office), principal: session };
}

export function sessionOf(context: Pick<OperationContext, 'tenant'>): Session {
  const { principal } = context.tenant;
  // Only the public sign-in runs without one, and it reads none.
  if (!(principal instanceof Session)) throw new Error('a B2Core operation that needs a signed-in admin ran without one');
  return principal;
}

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function issue(
  context: OperationContext,
  admin: Admin,
  office: string | null,
  kind: StoredToken['kind'],
  lifetimeSeconds: number,
) {
  const issuedAt = Math.floor(context.now().getTime() / 1000);
  const expiresAt = issuedAt + lifetimeSeconds;
  // The documented RS256 JWT's header and claims, so clients that read `exp` work; the signature is random (and so
  // makes every token unique), not verifiable.
  const token = [
    base64url({ typ: 'JWT', alg: 'RS256' }),
    base64url({ sub: String(admin.id), iat: issuedAt, exp: expiresAt, iss: 'kyc-sandbox' }),
    Buffer.from(context.random.hex(64), 'hex').toString('base64url'),
  ].join('.');
  tokensOf(context.partition).put({ id: token, kind, adminId: admin.id, office, expiresAtMs: expiresAt * 1000 });
  return { token, createdAt: b2coreTime(new Date(issuedAt * 1000)), expiresAt: b2coreTime(new Date(expiresAt * 1000)) };
}

const signIn: OperationHandler<operations['signIn']> = (context) => {
  const body = context.body;
  const typed = body.email.trim().toLowerCase();
  const subAddress = SUB_ADDRESS.exec(typed);
  const email = subAddress ? `${subAddress[1]}${subAddress[3]}` : typed;
  const office = subAddress?.[2] ?? null;
  const admin = ADMINS.find((candidate) => candidate.email === email && candidate.password === String(body.password));
  if (!admin) throw new VendorError(b2coreError(401, 'Invalid credentials.'));
  const tokens = tokensOf(context.partition);
  // Expired tokens can never be used again: drop them so the back office does not grow with every sign-in.
  const now = context.now().getTime();
  for (const token of tokens.values()) if (token.expiresAtMs <= now) tokens.delete(token.id);
  return {
    status: 200,
    body: {
      '2faRequired': false,
      accessToken: issue(context, admin, office, 'access', ACCESS_TOKEN_SECONDS),
      refreshToken: issue(context, admin, office, 'refresh', REFRESH_TOKEN_SECONDS),
    },
  };
};

export const authHandlers = { signIn };

/** Each admin signing in is its own caller: sign-ins share the back office, not one rate-limit window. */
export function signInCaller(operationId: string, body: unknown): string | undefined {
  if (operationId !== 'signIn') return undefined;
  const email = valueAtPath(body, 'email');
  return typeof email === 'string' ? email.trim().toLowerCase() : undefined;
}
