import { createApp } from '../../src/server/sandbox.js';
import { resolveOptions } from '../../src/config/options.js';
import { createLogger } from '../../src/logging/logger.js';
import { complycube } from '../../src/vendors/complycube/index.js';
import type { VendorModule } from '../../src/vendors/contract.js';

const start = (vendor: VendorModule) => createApp(resolveOptions({}), createLogger('silent'), [vendor]);

describe('binding operations to handlers at start', () => {
  it('fails naming the operation that has no handler', async () => {
    const { getClient: _missing, ...handlers } = complycube.handlers;
    await expect(start({ ...complycube, handlers })).rejects.toThrow(
      /operation 'getClient' \(GET \/v1\/clients\/\{id\}\) has no handler/,
    );
  });

  it('fails naming the handler that has no operation', async () => {
    const handlers = { ...complycube.handlers, approveClient: () => ({ status: 200 }) };
    await expect(start({ ...complycube, handlers })).rejects.toThrow(/handler 'approveClient' has no operation/);
  });

  it('starts when every operation has its handler', async () => {
    const { store } = await start(complycube);
    await store.close();
  });
});
