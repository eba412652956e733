import type { IncomingMessage, ServerResponse } from 'node:http';
import type { VendorPages, VendorServices } from '../../contract.js';
import type { ComplyCubeClient } from '../clients.js';
import { collections } from '../records.js';
import { flowPage, messagePage } from './page.js';
import { findFlowSession, flowSessionsOf, PATH_PREFIX, type FlowSession } from './sessions.js';
import { choicesOf, FlowRefusal, submitFlow } from './submit.js';

export { hostedFlowTasks } from './submit.js';

/** Three images at ComplyCube's 4 MB each, and the form around them. */
const MAX_FORM_BYTES = 3 * 4 * 1024 * 1024 + 256 * 1024;
const FORM_TYPES = new Set(['multipart/form-data', 'application/x-www-form-urlencoded']);

interface Answer {
  status: number;
  html: string;
  /** Where the form may send the person: its own origin, and the success URL's it redirects to. */
  formAction?: string;
}

function send(request: IncomingMessage, response: ServerResponse, { status, html, formAction }: Answer): void {
  response.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': String(Buffer.byteLength(html)),
    'cache-control': 'no-store',
    // The page's address is the session's only key: no other site may frame it, run code in it or read it from a Referer.
    'content-security-policy': `default-src 'none'; style-src 'unsafe-inline'; form-action ${formAction ?? "'none'"}; frame-ancestors 'none'; base-uri 'none'`,
    'referrer-policy': 'same-origin',
    'x-content-type-options': 'nosniff',
    ...(status === 405 ? { allow: 'GET, HEAD, POST' } : {}),
  });
  response.end(request.method === 'HEAD' ? undefined : html);
}

/** A submission a browser sent for a page of another site. */
function crossSite(request: IncomingMessage): boolean {
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined) return site !== 'same-origin' && site !== 'none';
  const origin = request.headers.origin;
  if (origin === undefined) return false;
  return !URL.canParse(origin) || new URL(origin).host !== request.headers.host?.toLowerCase();
}

/** The body, whole, or undefined past the limit (read to its end either way, so the answer reaches the browser). */
async function bodyOf(request: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const read of request) {
    // A request without an encoding set reads as Buffers.
    const chunk: Buffer = read;
    size += chunk.length;
    if (size <= MAX_FORM_BYTES) chunks.push(chunk);
  }
  return size > MAX_FORM_BYTES ? undefined : Buffer.concat(chunks);
}

const NOT_VALID: Answer = { status: 404, html: messagePage('Link not valid', 'This verification link is not valid.') };

/** The session's client, whose name the page shows, or why the session's page cannot be used now. */
function openFor(services: VendorServices, session: FlowSession): { client: ComplyCubeClient } | { closed: Answer } {
  if (session.status === 'complete') return { closed: { status: 410, html: messagePage('Verification complete', 'This verification is already complete.', session.theme) } };
  if (services.nowIso() >= session.expiresAt) {
    return { closed: { status: 410, html: messagePage('Link expired', 'This verification link has expired: flow sessions last 14 days.', session.theme) } };
  }
  const client = collections(services.partition).clients.get(session.clientId);
  if (!client) return { closed: { status: 410, html: messagePage('Verification unavailable', 'The client of this verification no longer exists.', session.theme) } };
  return { client };
}

async function submit(request: IncomingMessage, services: VendorServices, session: FlowSession, client: ComplyCubeClient): Promise<Answer | { redirect: string }> {
  const page = (status: number, refusal: string): Answer => ({
    status,
    html: flowPage(session, client.entityName, refusal),
    formAction: formActionOf(session),
  });
  const refused = (): Answer => ({ status: 403, html: messagePage('Refused', 'This form can only be sent from its own page.', session.theme) });
  if (crossSite(request)) return refused();
  const contentType = request.headers['content-type'] ?? '';
  const [mediaType = ''] = contentType.split(';');
  if (!FORM_TYPES.has(mediaType.trim().toLowerCase())) return page(415, 'Send the form as multipart/form-data (or application/x-www-form-urlencoded without images).');
  const body = await bodyOf(request);
  if (!body) return page(413, 'The images are too large: each may be at most 4 MB.');
  let form: FormData;
  try {
    form = await new Response(new Uint8Array(body), { headers: { 'content-type': contentType } }).formData();
  } catch {
    return page(400, 'The form could not be read.');
  }
  if (form.get('formToken') !== session.formToken) return refused();
  // The session may have been completed (or its tenant reset) while its form was arriving.
  const current = flowSessionsOf(services).get(session.id);
  if (!current) return NOT_VALID;
  const state = openFor(services, current);
  if ('closed' in state) return state.closed;
  try {
    await submitFlow(services, current, await choicesOf(current, form));
  } catch (error) {
    if (error instanceof FlowRefusal) return page(error.status, error.message);
    throw error;
  }
  return { redirect: current.successUrl };
}

const formActionOf = (session: FlowSession) => `'self' ${new URL(session.successUrl).origin}`;

/** ComplyCube's hosted flow, on the sandbox's own address: the page `createFlowSession` links to. */
export const hostedFlowPages: VendorPages = {
  pathPrefix: PATH_PREFIX,
  async serve(request, response, tenants) {
    const method = request.method ?? '';
    if (method !== 'GET' && method !== 'HEAD' && method !== 'POST') {
      return send(request, response, { status: 405, html: messagePage('Not here', 'This page answers GET and POST only.') });
    }
    const [path = ''] = (request.url ?? '').split('?');
    const found = findFlowSession(tenants(), path.slice(PATH_PREFIX.length));
    if (!found) return send(request, response, NOT_VALID);
    const { session, services } = found;
    const state = openFor(services, session);
    if ('closed' in state) return send(request, response, state.closed);
    if (method !== 'POST') {
      return send(request, response, { status: 200, html: flowPage(session, state.client.entityName), formAction: formActionOf(session) });
    }
    const answer = await submit(request, services, session, state.client);
    if ('redirect' in answer) {
      response.writeHead(303, { location: answer.redirect, 'cache-control': 'no-store', 'referrer-policy': 'same-origin', 'content-length': '0' });
      response.end();
      return;
    }
    send(request, response, answer);
  },
};
