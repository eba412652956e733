import { createHmac } from 'node:crypto';
import type { OperationHandler } from '../contract.js';
import { clientsOf } from './clients.js';
import { invalidRequest } from './errors.js';
import type { operations } from './generated/openapi.js';

/**
 * The claims of a real SDK token, recorded in complycube/complycube-android-sdk's sample app
 * (app/src/main/java/com/complycube/complycubesampleapp/FirstFragment.kt): an opaque `payload`, the hosts the
 * SDKs talk to, the account's SDK options, and `iat`/`exp` an hour apart. `urls` and `options` are that token's.
 */
const TOKEN_LIFETIME_S = 3600;
const SDK_URLS = { api: 'https://api.complycube.com', sync: 'wss://xds.complycube.com', crossDevice: 'https://xd.complycube.com' };
const SDK_OPTIONS = {
  hideComplyCubeLogo: false,
  enableCustomLogo: true,
  enableTextBrand: true,
  enableCustomCallbacks: true,
  enableNfc: true,
  identityCheckLivenessAttempts: 5,
  documentInflightTestAttempts: 2,
  nfcReadAttempts: 5,
  enableAddressAutocomplete: true,
  enableWhiteLabeling: false,
};
const base64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

const generateToken: OperationHandler<operations['generateToken']> = (context) => {
  const { clientId, referrer, appId } = context.body;
  // Documented: an unknown client is a 400 on `clientId`, not the 404 other resources answer.
  if (!clientsOf(context).has(clientId)) throw invalidRequest("'clientId' is invalid", 'clientId');
  const secret = `complycube-sdk-token:${context.partition.id}`;
  const issuedAt = Math.floor(context.now().getTime() / 1000);
  // The real payload is base64 of hex that reveals nothing; this one binds the client and its origin the same way.
  const binding = createHmac('sha256', secret).update(JSON.stringify({ clientId, referrer, appId, issuedAt })).digest('hex');
  const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const claims = base64url(
    JSON.stringify({ payload: Buffer.from(binding).toString('base64'), urls: SDK_URLS, options: SDK_OPTIONS, iat: issuedAt, exp: issuedAt + TOKEN_LIFETIME_S }),
  );
  const signature = createHmac('sha256', secret).update(`${header}.${claims}`).digest('base64url');
  return { status: 200, body: { token: `${header}.${claims}.${signature}` } };
};

export const tokenHandlers = { generateToken };
