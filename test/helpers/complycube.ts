import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestSandbox } from './sandbox.js';
import { vendorClient } from './vendor-client.js';

/** The source pages' client, loaded from fixtures into every key's data. */
export const JANE_DOE_ID = '5eb04fcd0f3e360008035eb1';

/** A ComplyCube caller with its own key, and so its own data. */
export function complyCube(sandbox: TestSandbox, apiKey = `test_${Math.random().toString(36).slice(2)}`) {
  return { apiKey, ...vendorClient(sandbox, '/v1', { Authorization: apiKey, 'Content-Type': 'application/json' }) };
}

export const newPerson = (overrides: Record<string, unknown> = {}) => ({
  type: 'person',
  email: 'john.smith@example.com',
  mobile: '+44 7700 900123',
  joinedDate: '2024-05-01',
  personDetails: { firstName: 'John', lastName: 'Smith', dob: '1988-02-03', nationality: 'GB' },
  ...overrides,
});

export const newCompany = (overrides: Record<string, unknown> = {}) => ({
  type: 'company',
  email: 'kyc@acme.example.com',
  companyDetails: { name: 'Acme Ltd', registrationNumber: '01234567', incorporationCountry: 'GB', incorporationType: 'private_limited_company' },
  ...overrides,
});

/** A JPEG of `size` bytes (a JPEG header, then filler): large enough for ComplyCube's 34 KB minimum by default. */
export function jpeg(size = 40 * 1024, fill = 7): Buffer {
  const bytes = Buffer.alloc(size, fill);
  Buffer.from([0xff, 0xd8, 0xff, 0xe0]).copy(bytes);
  bytes.writeUInt16BE(0xffd9, size - 2);
  return bytes;
}

export function png(size = 40 * 1024): Buffer {
  const bytes = Buffer.alloc(size, 3);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(bytes);
  return bytes;
}

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * A local webhook receiver on a free port. It answers 500 to its first `failFirst` requests, then 200,
 * and records every request it gets.
 */
export async function webhookReceiver(failFirst = 0) {
  const received: ReceivedWebhook[] = [];
  let failures = failFirst;
  const waiters: (() => void)[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(failures-- > 0 ? 500 : 200).end();
      for (const wake of waiters.splice(0)) wake();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    /** Resolves once a request matches, or fails after `timeoutMs`. */
    async waitFor(matches: (webhook: ReceivedWebhook) => boolean, timeoutMs = 5000): Promise<ReceivedWebhook> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = received.find(matches);
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no matching webhook within ${timeoutMs} ms; got ${received.map((r) => r.body).join('\n')}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 50);
        });
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
