import { freezeWallClock, thawWallClock } from '../helpers/frozen-time.js';
import { launch, type TestSandbox } from '../helpers/sandbox.js';
import { complyCube, JANE_DOE_ID } from '../helpers/complycube.js';

// The clock stands still, so every update below falls in one and the same millisecond.
const FROZEN_AT = Date.parse('2026-03-01T09:30:00.000Z');
let sandbox: TestSandbox;
beforeAll(async () => {
  freezeWallClock(FROZEN_AT);
  sandbox = await launch();
});
afterAll(async () => {
  await sandbox.stop();
  thawWallClock();
});

describe("a client's updatedAt (docs: Update a client, updatedAt is the date and time of the last update)", () => {
  it('is the moment of the update, and a millisecond after the previous update when the clock has not moved on', async () => {
    const api = complyCube(sandbox, 'update-times');
    const stamps: string[] = [];
    for (const email of ['one@example.com', 'two@example.com', 'three@example.com']) {
      const updated = await api.post(`/clients/${JANE_DOE_ID}`, { email });
      expect(updated.status).toBe(200);
      stamps.push(updated.body.updatedAt);
    }
    expect(stamps).toEqual(['2026-03-01T09:30:00.000Z', '2026-03-01T09:30:00.001Z', '2026-03-01T09:30:00.002Z']);
  });
});
