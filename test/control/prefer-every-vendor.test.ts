import { credentialsFor } from '../helpers/credentials.js';
import { launch, type TestSandbox } from '../helpers/sandbox.js';

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await launch();
});
afterAll(() => sandbox.stop());

const STATUSES: number[][] = [[404], [400, 422], [401], [429], [500]];

describe('Prefer: code= on every vendor', () => {
  it('answers each asked status in that vendor’s documented body', async () => {
    const answered: string[] = [];
    for (const { spec } of sandbox.sandbox.vendors) {
      const { headers } = await credentialsFor(sandbox, spec, `prefer_${spec.vendor}`);
      for (const choices of STATUSES) {
        const found = spec.operations
          .filter((operation) => !operation.path.includes('{') || operation.method === 'get')
          .flatMap((operation) => choices.filter((status) => operation.responses[String(status)]).map((status) => ({ operation, status })))[0];
        expect([spec.vendor, choices, found !== undefined]).toEqual([spec.vendor, choices, true]);
        const { operation, status } = found!;
        const path = operation.path.replace(/\{[^}]+\}/g, 'any-id');
        // The helper checks the body against the operation's documented response for that status.
        const response = await sandbox.request(operation.method.toUpperCase(), path, {
          headers: { ...headers, Prefer: `code=${status}` },
          json: operation.requestBody ? {} : undefined,
        });
        expect([spec.vendor, operation.operationId, response.status]).toEqual([spec.vendor, operation.operationId, status]);
        answered.push(`${spec.vendor}.${operation.operationId}=${status}`);
      }
    }
    expect(answered.length).toBe(sandbox.sandbox.vendors.length * STATUSES.length);
  });
});
