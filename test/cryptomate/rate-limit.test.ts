import { launchAsShipped, type TestResponse, type TestSandbox } from '../helpers/sandbox.js';
import { cryptoMate, TRACE_ID } from '../helpers/cryptomate.js';
import { freezeWallClock, thawWallClock } from '../helpers/frozen-time.js';

const burst = (count: number, call: () => Promise<TestResponse>) => Promise.all(Array.from({ length: count }, call));

const refusal = (seconds: number) => ({
  error_code: 'TOO_MANY_REQUESTS',
  message: `Rate limit exceeded. Retry after ${seconds} seconds`,
});

// Every burst lands in one second however loaded the machine; time moves only by advanceClock.
beforeAll(() => freezeWallClock());
afterAll(() => thawWallClock());

describe('docs: Rate limiting (docs.cryptomate.me/integration/rate-limiting)', () => {
  let sandbox: TestSandbox;
  beforeAll(async () => {
    sandbox = await launchAsShipped();
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

    sandbox.sandbox.advanceClock(1000);
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

describe('docs: Rate limiting, the penalty table (docs.cryptomate.me/integration/rate-limiting)', () => {
  let sandbox: TestSandbox;
  beforeAll(async () => {
    sandbox = await launchAsShipped();
  });
  afterAll(() => sandbox.stop());

  /** Fills the company's second, then asks once more: the Retry-After of that violation. */
  async function violate(api: ReturnType<typeof cryptoMate>): Promise<string | null> {
    const answers = await burst(16, () => api.get('/clients/occupation-codes'));
    expect(answers.filter((response) => response.status === 200)).toHaveLength(15);
    return answers.find((response) => response.status === 429)!.headers.get('retry-after');
  }

  it('blocks 1 s, 2 s, 4 s … 128 s for the first eight violations, 5 minutes from the 9th, and forgets them after an hour clean', async () => {
    const api = cryptoMate(sandbox, 'penalised-co');
    const blocks: string[] = [];
    for (let violation = 1; violation <= 10; violation++) {
      const retryAfter = (await violate(api))!;
      blocks.push(retryAfter);
      // Waiting out the block on the sandbox clock opens a fresh second.
      sandbox.sandbox.advanceClock(Number(retryAfter) * 1000);
    }
    expect(blocks).toEqual(['1', '2', '4', '8', '16', '32', '64', '128', '300', '300']);

    // Less than an hour after the last violation the count stands…
    sandbox.sandbox.advanceClock(3_599_000 - 300_000);
    expect(await violate(api)).toBe('300');
    // …an hour of clean traffic later it starts again from 1 s.
    sandbox.sandbox.advanceClock(300_000 + 3_600_000);
    expect(await violate(api)).toBe('1');
  }, 30_000);

  it('counts Retry-After from the block, not from the request: part-way through a block it is the time left', async () => {
    const api = cryptoMate(sandbox, 'waiting-co');
    expect(await violate(api)).toBe('1');
    sandbox.sandbox.advanceClock(1000);
    expect(await violate(api)).toBe('2');
    // Half-way through the 2 s block: 1 s is left.
    sandbox.sandbox.advanceClock(1000);
    expect((await api.get('/clients')).headers.get('retry-after')).toBe('1');
    sandbox.sandbox.advanceClock(1000);
    expect(await violate(api)).toBe('4');
    // One second into the 4 s block: 3 s are left, which is what the header and the body say.
    sandbox.sandbox.advanceClock(1000);
    const blocked = await api.get('/clients');
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('retry-after')).toBe('3');
    expect(blocked.body).toEqual(refusal(3));
  });
});
