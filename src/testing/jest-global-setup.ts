import { startSandbox, type Sandbox } from '../server/start-sandbox.js';
import type { SandboxOptions } from '../config/options.js';

declare global {
  // Shared with the teardown, which jest runs in the same process.
  var __KYC_SANDBOX__: Sandbox | undefined;
}

/** The part of jest's project configuration this setup reads: `globals.kycSandbox`. */
interface ProjectConfig {
  globals?: { kycSandbox?: SandboxOptions };
}

/**
 * Jest `globalSetup`: one sandbox for the whole run, its address in `KYC_SANDBOX_URL` for every
 * test worker. Options come from the jest configuration's `globals.kycSandbox`, then from
 * `KYC_SANDBOX_OPTIONS` (JSON), both with the names of startSandbox's options.
 */
export default async function globalSetup(_globalConfig?: unknown, projectConfig?: ProjectConfig): Promise<void> {
  const fromEnvironment = JSON.parse(process.env.KYC_SANDBOX_OPTIONS ?? '{}') as SandboxOptions;
  const sandbox = await startSandbox({ port: 0, ...projectConfig?.globals?.kycSandbox, ...fromEnvironment });
  globalThis.__KYC_SANDBOX__ = sandbox;
  process.env.KYC_SANDBOX_URL = sandbox.url;
}
