import { launch } from '../helpers/sandbox.js';
import { allClients, signedIn } from '../helpers/b2core.js';

async function clientsOf(options: { seed: string; clients: number }) {
  const sandbox = await launch(options);
  try {
    return await allClients(await signedIn(sandbox));
  } finally {
    await sandbox.stop();
  }
}

describe('the seeded back office', () => {
  it('holds the five fixture clients and --clients fake ones, the same for the same --seed', async () => {
    const first = await clientsOf({ seed: 'alpha', clients: 7 });
    expect(first).toHaveLength(12);
    expect(first.map((client) => client.clientId).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(await clientsOf({ seed: 'alpha', clients: 7 })).toEqual(first);

    const other = await clientsOf({ seed: 'beta', clients: 7 });
    const fakeEmails = (clients: any[]) => clients.filter((client) => client.clientId > 5).map((client) => client.email);
    expect(fakeEmails(other)).not.toEqual(fakeEmails(first));
    expect(other.filter((client) => client.clientId <= 5)).toEqual(first.filter((client) => client.clientId <= 5));
  });

  it('seeds only adults, with unique emails', async () => {
    const clients = await clientsOf({ seed: 'adults', clients: 40 });
    const today = new Date();
    for (const client of clients) {
      const birthday = new Date(client.birthday);
      const eighteenth = Date.UTC(birthday.getUTCFullYear() + 18, birthday.getUTCMonth(), birthday.getUTCDate());
      expect(eighteenth).toBeLessThanOrEqual(today.getTime());
    }
    expect(new Set(clients.map((client) => client.email)).size).toBe(clients.length);
  });
});
