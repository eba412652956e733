import { launch, type TestResponse, type TestSandbox } from '../helpers/sandbox.js';
import { cryptoMate, TRACE_ID } from '../helpers/cryptomate.js';

const burst = (count: number, call: () => Promise<TestResponse>) => Promise.all(Array.from({ length: count }, call));

const refusal = (seconds: number) => ({
  error_code: 'TOO_MANY_REQUESTS',
  message: `Rate limit exceeded. Retry after ${seconds} seconds`,
});

describe('docs: Rate limiting (docs.cryptomate.me/integration/rate-limiting)', () => {
  let sandbox: TestSandbox;
  beforeAll(async () => {
    sandbox = await launch({ rateLimit: undefined });
  });
  afterAll(() => sandbox.stop());

  it('allows 15 requests a second per company, then blocks it for twice as long at each violation', async () => {
    const api = cryptoMate(sandbox, 'busy-co');
    const first = await burst(20, () => api.get('/clients/occupation-codes'));
    expect(first.filter((response) => response.status === 200)).toHaveLength(15);
    const limited = first.filter((response) => response.status === 429);
    expect(limited).toHaveLength(5);
    for (const response of limited) {
      expect(response.body).toEqual(refusal(1));
      expect(response.headers.get('retry-after')).toBe('1');
      expect(response.headers.get('x-trace-id')).toMatch(TRACE_ID);
    }

    // Blocked: refused at once, whoever of the company asks; another company is not.
    expect((await api.get('/clients/countries')).status).toBe(429);
    expect((await cryptoMate(sandbox, 'level1_busy-co').get('/clients/countries')).status).toBe(429);
    expect((await cryptoMate(sandbox, 'calm-co').get('/clients/countries')).status).toBe(200);

    await new Promise((resolve) => setTimeout(resolve, 1050));
    const second = await burst(16, () => api.get('/clients/occupation-codes'));
    expect(second.filter((response) => response.status === 200)).toHaveLength(15);
    const doubled = second.find((response) => response.status === 429)!;
    expect(doubled.headers.get('retry-after')).toBe('2');
    expect(doubled.body).toEqual(refusal(2));
    const stillBlocked = await api.get('/clients');
    expect(stillBlocked.status).toBe(429);
    expect(stillBlocked.headers.get('retry-after')).toBe('2');
  });
});
