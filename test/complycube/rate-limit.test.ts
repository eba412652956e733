import { launch, launchAsShipped } from '../helpers/sandbox.js';
import { complyCube } from '../helpers/complycube.js';
import { freezeWallClock, thawWallClock } from '../helpers/frozen-time.js';

const burst = (count: number, call: () => Promise<{ status: number; headers: Headers; body: any }>) =>
  Promise.all(Array.from({ length: count }, call));

// Every burst lands in one window however loaded the machine; time moves only by advanceClock.
beforeAll(() => freezeWallClock());
afterAll(() => thawWallClock());

describe('rate limiting', () => {
  it("applies ComplyCube's sandbox limit by default: 429 with Retry-After, then success once the window passes", async () => {
    const sandbox = await launchAsShipped();
    try {
      const api = complyCube(sandbox, 'test_burst');
      const responses = await burst(8, () => api.get('/clients?pageSize=1'));
      const statuses = responses.map((response) => response.status).sort();
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429, 429]);
      const limited = responses.find((response) => response.status === 429)!;
      expect(limited.headers.get('retry-after')).toBe('1');
      expect(limited.body).toEqual({
        type: 'rate_limit_exceeded',
        message: 'You have exceeded the rate limit prescribed to your plan',
      });
      // Another key has its own allowance.
      expect((await complyCube(sandbox, 'test_calm').get('/clients?pageSize=1')).status).toBe(200);
      sandbox.sandbox.advanceClock(999);
      expect((await api.get('/clients?pageSize=1')).status).toBe(429);
      sandbox.sandbox.advanceClock(1);
      expect((await api.get('/clients?pageSize=1')).status).toBe(200);
    } finally {
      await sandbox.stop();
    }
  });

  it('answers Retry-After with the time left in the window, part-way through it, not the whole window', async () => {
    const sandbox = await launchAsShipped();
    try {
      const api = complyCube(sandbox, 'test_partway');
      const set = await sandbox.request('PUT', '/__sandbox/rate-limits', { json: { key: 'test_partway', limit: 2, windowMs: 10_000 } });
      expect(set.status).toBe(200);
      expect((await burst(2, () => api.get('/clients?pageSize=1'))).map((response) => response.status)).toEqual([200, 200]);
      sandbox.sandbox.advanceClock(6_000);
      const limited = await api.get('/clients?pageSize=1');
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toBe('4');
      sandbox.sandbox.advanceClock(3_500);
      expect((await api.get('/clients?pageSize=1')).headers.get('retry-after')).toBe('1');
      sandbox.sandbox.advanceClock(500);
      expect((await api.get('/clients?pageSize=1')).status).toBe(200);
    } finally {
      await sandbox.stop();
    }
  });

  it('gives live keys the live limit', async () => {
    const sandbox = await launchAsShipped();
    try {
      const responses = await burst(12, () => complyCube(sandbox, 'live_key').get('/clients?pageSize=1'));
      expect(responses.filter((response) => response.status === 200)).toHaveLength(10);
    } finally {
      await sandbox.stop();
    }
  });

  it('takes a limit from --rate-limit, and 0 turns it off', async () => {
    const limited = await launch({ rateLimit: 2 });
    const unlimited = await launch({ rateLimit: 0 });
    try {
      const few = await burst(4, () => complyCube(limited, 'test_k').get('/clients?pageSize=1'));
      expect(few.filter((response) => response.status === 429)).toHaveLength(2);
      const many = await burst(40, () => complyCube(unlimited, 'test_k').get('/clients?pageSize=1'));
      expect(many.every((response) => response.status === 200)).toBe(true);
    } finally {
      await Promise.all([limited.stop(), unlimited.stop()]);
    }
  });
});
