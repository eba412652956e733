import { createHmac } from 'node:crypto';
import type { OperationHandler } from '../contract.js';
import { clientsOf } from './clients.js';
import { invalidRequest } from './errors.js';
import type { operations } from './generated/openapi.js';

const TOKEN_LIFETIME_S = 3600;
const base64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

/** A JWT like ComplyCube's SDK tokens, signed with a secret of the key's own partition. */
const generateToken: OperationHandler<operations['generateToken']> = (context) => {
  const { clientId, referrer, appId } = context.body;
  // Documented: an unknown client is a 400 on `clientId`, not the 404 other resources answer.
  if (!clientsOf(context).has(clientId)) throw invalidRequest("'clientId' is invalid", 'clientId');
  const issuedAt = Math.floor(context.now().getTime() / 1000);
  const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const claims = base64url(JSON.stringify({ clientId, referrer, appId, iat: issuedAt, exp: issuedAt + TOKEN_LIFETIME_S }));
  const signature = createHmac('sha256', `complycube-sdk-token:${context.partition.id}`).update(`${header}.${claims}`).digest('base64url');
  return { status: 200, body: { token: `${header}.${claims}.${signature}` } };
};

export const tokenHandlers = { generateToken };
