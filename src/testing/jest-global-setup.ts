import { startSandbox, type Sandbox } from '../server/sandbox.js';
import type { SandboxOptions } from '../config/options.js';

declare global {
  // Shared with the teardown, which jest runs in the same process.
  var __KYC_SANDBOX__: Sandbox | undefined;
}

/**
 * Jest `globalSetup`: one sandbox for the whole run, its address in `KYC_SANDBOX_URL` for every
 * test worker. Options come from `KYC_SANDBOX_OPTIONS` (JSON, the names of startSandbox's options).
 */
export default async function globalSetup(): Promise<void> {
  const options = JSON.parse(process.env.KYC_SANDBOX_OPTIONS ?? '{}') as SandboxOptions;
  const sandbox = await startSandbox({ port: 0, ...options });
  globalThis.__KYC_SANDBOX__ = sandbox;
  process.env.KYC_SANDBOX_URL = sandbox.url;
}
