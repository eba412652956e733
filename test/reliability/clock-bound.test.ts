/**
 * Issue 12, item 6: `POST /__sandbox/clock/advance {"ms": 8640000000000000}` answered 500 and left
 * every later create of every tenant answering 500. The clock is bounded at 3650 days ahead in all;
 * nothing past it is accepted, and at the bound every vendor still creates.
 */
import { DOCUMENTED_NEW_CLIENT, signedIn } from '../helpers/b2core.js';
import { complyCube, newPerson } from '../helpers/complycube.js';
import { cryptoMate, newIndividual as newCryptoMateClient } from '../helpers/cryptomate.js';
import { launch, type TestSandbox } from '../helpers/sandbox.js';
import { newIndividual as newSendUser, sendApi } from '../helpers/send.js';

/** 3650 days in milliseconds: the furthest ahead the clock may go. */
const MAX_OFFSET_MS = 315_360_000_000;
const DAY_MS = 86_400_000;

const advance = (sandbox: TestSandbox, ms: unknown) => sandbox.request('POST', '/__sandbox/clock/advance', { json: { ms } });

/** One create in each vendor, with the statuses they answered. */
async function createInEveryVendor(sandbox: TestSandbox, tag: string): Promise<Record<string, number>> {
  const b2core = await signedIn(sandbox);
  return {
    complycube: (await complyCube(sandbox, `clock_${tag}`).post('/clients', newPerson())).status,
    cryptomate: (await cryptoMate(sandbox, `clock_${tag}`).post('/clients', newCryptoMateClient())).status,
    send: (await sendApi(sandbox, `clock-${tag}`, 'secret').post('/users', newSendUser())).status,
    b2core: (await b2core.post('/clients', { ...DOCUMENTED_NEW_CLIENT, email: `clock.${tag}@example.com` })).status,
  };
}

describe('the sandbox clock', () => {
  let sandbox: TestSandbox;
  beforeEach(async () => {
    sandbox = await launch();
  });
  afterEach(() => sandbox.stop());

  it('refuses an advance past any Date with 400, keeps its time, and every vendor still creates', async () => {
    const refused = await advance(sandbox, 8_640_000_000_000_000);
    expect(refused.status).toBe(400);
    expect(refused.body.error.field).toBe('ms');
    for (const ms of [MAX_OFFSET_MS + 1, -1, 1.5, '60000', Number.MAX_SAFE_INTEGER]) {
      expect([ms, (await advance(sandbox, ms)).status]).toEqual([ms, 400]);
    }
    expect((await sandbox.request('GET', '/__sandbox/clock')).body.offsetMs).toBe(0);
    expect(await createInEveryVendor(sandbox, 'refused')).toEqual({ complycube: 200, cryptomate: 200, send: 200, b2core: 201 });
  });

  it('accepts the largest advance, then nothing more, and every vendor still creates and completes its work', async () => {
    const largest = await advance(sandbox, MAX_OFFSET_MS);
    expect(largest.status).toBe(200);
    expect(largest.body.offsetMs).toBe(MAX_OFFSET_MS);
    expect(Date.parse(largest.body.now) - Date.now()).toBeGreaterThan(MAX_OFFSET_MS - DAY_MS);

    const beyond = await advance(sandbox, 1);
    expect(beyond.status).toBe(400);
    expect(beyond.body.error.message).toBe(
      `ms: the clock goes at most 315360000000 ms (3650 days) ahead in all; it is 315360000000 ms ahead, so it can move 0 ms more`,
    );
    expect((await advance(sandbox, 0)).status).toBe(200);

    expect(await createInEveryVendor(sandbox, 'largest')).toEqual({ complycube: 200, cryptomate: 200, send: 200, b2core: 201 });
    const created = await complyCube(sandbox, 'clock_largest').post('/clients', newPerson());
    expect(new Date(created.body.createdAt).getUTCFullYear()).toBe(new Date(Date.now() + MAX_OFFSET_MS).getUTCFullYear());
    expect((await sandbox.request('POST', '/__sandbox/lifecycle/complete', { json: {} })).status).toBe(200);
    expect((await sandbox.request('GET', '/__sandbox/clock')).body.offsetMs).toBe(MAX_OFFSET_MS);
  });

  it('bounds the sum of advances, not each one alone', async () => {
    expect((await advance(sandbox, MAX_OFFSET_MS - DAY_MS)).status).toBe(200);
    expect((await advance(sandbox, 2 * DAY_MS)).status).toBe(400);
    expect((await advance(sandbox, DAY_MS)).status).toBe(200);
    expect((await sandbox.request('GET', '/__sandbox/clock')).body.offsetMs).toBe(MAX_OFFSET_MS);
  });

  it('bounds advanceClock in-process too, with a RangeError that leaves the clock as it was', () => {
    expect(() => sandbox.sandbox.advanceClock(MAX_OFFSET_MS + 1)).toThrow(RangeError);
    expect(() => sandbox.sandbox.advanceClock(-1)).toThrow(RangeError);
    expect(() => sandbox.sandbox.advanceClock(Number.NaN)).toThrow(RangeError);
    expect(sandbox.sandbox.advanceClock(MAX_OFFSET_MS)).toBeGreaterThanOrEqual(0);
    expect(() => sandbox.sandbox.advanceClock(1)).toThrow(RangeError);
  });
});
