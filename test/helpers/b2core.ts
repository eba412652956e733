import type { TestSandbox } from './sandbox.js';
import { vendorClient } from './vendor-client.js';

export interface AdminCredentials {
  email: string;
  password: string;
}

/** The fixture admins (`fixtures/b2core/admins.json`). */
export const ADMIN: AdminCredentials = { email: 'admin@b2core.example', password: 'Sandbox123!' };
export const EU_DESK: AdminCredentials = { email: 'eu.desk@b2core.example', password: 'Sandbox123!' };
export const VIP_DESK: AdminCredentials = { email: 'vip.desk@b2core.example', password: 'Sandbox123!' };
export const PARTNERS_DESK: AdminCredentials = { email: 'partners@b2core.example', password: 'Sandbox123!' };

/** Tag ids of `fixtures/b2core/references.json`. */
export const TAGS = { EU: 1, VIP: 2, Affiliate: 3 };

export async function signIn(sandbox: TestSandbox, admin: AdminCredentials = ADMIN) {
  const response = await sandbox.request('POST', '/api/v2/signin', { json: admin });
  if (response.status !== 200) throw new Error(`sign-in failed: ${response.status} ${response.text}`);
  return response.body as { accessToken: { token: string; expiresAt: string }; refreshToken: { token: string } };
}

/** A back-office caller with a bearer token. */
export function b2core(sandbox: TestSandbox, token: string) {
  return vendorClient(sandbox, '/api/v2', { Authorization: `Bearer ${token}`, Accept: 'application/json' });
}

/** Bearer headers of the full admin in a back office of its own (`admin+<tag>@…`), apart from every other. */
export async function isolatedCredentials(sandbox: TestSandbox, tag: string): Promise<Record<string, string>> {
  const [local, domain] = ADMIN.email.split('@');
  const { accessToken } = await signIn(sandbox, { email: `${local}+${tag}@${domain}`, password: ADMIN.password });
  return { Authorization: `Bearer ${accessToken.token}` };
}

export async function signedIn(sandbox: TestSandbox, admin: AdminCredentials = ADMIN) {
  return b2core(sandbox, (await signIn(sandbox, admin)).accessToken.token);
}

/** Every client the admin may see, through the list (the fixture back office holds fewer than 100). */
export async function allClients(api: ReturnType<typeof b2core>, query = '') {
  const response = await api.get(`/clients?limit=100${query}`);
  if (response.status !== 200) throw new Error(`list failed: ${response.status} ${response.text}`);
  if (response.body.total > 100) throw new Error('more clients than one page holds');
  return response.body.data as any[];
}

/** The body of the source page's "Create a client profile" example. */
export const DOCUMENTED_NEW_CLIENT = {
  info: { givenName: 'John', familyName: 'Doe' },
  addresses: { '0': { country_code: '784' } },
  phones: { '0': { phone: '+971000000000' } },
  email: 'jdoe@example.com',
};

/** The source page's list request, as written (spaces and brackets included). */
export const DOCUMENTED_LIST_QUERY =
  'limit=10&offset=0&sort_order=desc&sort_by=createTime&filter[clientId]=1&filter[emails]=foo@bar.com&filter[name]=Sergey&filter[nickname]=Voronov&filter[managerIds]=1, 2, 3&filter[countryCodes]=1, 2, 3&filter[city]=New York&filter[statusIds]=1, 2, 3&filter[internalTypeIds]=1, 2, 3&filter[companyShortName]=Company name&filter[companyFullName]=Company full name&filter[riskLevelIds]=1, 2, 3&filter[typeIds]=1, 2, 3&filter[verificationLevelIds]=-96750485';
