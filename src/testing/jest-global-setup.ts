import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { packagePath } from '../config/package-paths.js';
import { HOSTS_VARIABLE, installRedirect } from '../proxy/redirect-hook.js';
import { startSandbox, type Sandbox } from '../server/start-sandbox.js';
import type { SandboxOptions } from '../config/options.js';

declare global {
  // Shared with the teardown, which jest runs in the same process.
  var __KYC_SANDBOX__: Sandbox | undefined;
  var __KYC_SANDBOX_UNREGISTER__: (() => void) | undefined;
}

/** The setup's own options besides the sandbox's. */
export interface JestSetupOptions extends SandboxOptions {
  /**
   * Sends the tests' requests for the vendors' hosts (`https://api.complycube.com/…`) made with http,
   * https or fetch to the sandbox, as `node --import kyc-sandbox/register` does: code under test keeps
   * its vendors' real URLs.
   */
  register?: boolean;
}

/** The part of jest's project configuration this setup reads: `globals.kycSandbox`. */
interface ProjectConfig {
  globals?: { kycSandbox?: JestSetupOptions };
}

/**
 * Jest `globalSetup`: one sandbox for the whole run, its address in `KYC_SANDBOX_URL` for every
 * test worker. Options come from the jest configuration's `globals.kycSandbox`, then from
 * `KYC_SANDBOX_OPTIONS` (JSON), both with the names of startSandbox's options, and `register`.
 */
export default async function globalSetup(_globalConfig?: unknown, projectConfig?: ProjectConfig): Promise<void> {
  const fromEnvironment = JSON.parse(process.env.KYC_SANDBOX_OPTIONS ?? '{}') as JestSetupOptions;
  const { register, ...options } = { port: 0, ...projectConfig?.globals?.kycSandbox, ...fromEnvironment };
  const sandbox = await startSandbox(options);
  globalThis.__KYC_SANDBOX__ = sandbox;
  process.env.KYC_SANDBOX_URL = sandbox.url;
  if (register) {
    // Workers are processes jest starts after this setup, with its environment: each loads the hook
    // before any test module. A run in band (`-i`, one test file) runs its tests in this process.
    process.env[HOSTS_VARIABLE] = sandbox.proxyHosts.join(',');
    const hook = packagePath('dist', 'register.js');
    if (!existsSync(hook)) throw new Error(`kyc-sandbox: ${hook} is missing; build the package (npm run build)`);
    process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ''} --import ${pathToFileURL(hook).href}`.trim();
    globalThis.__KYC_SANDBOX_UNREGISTER__ = installRedirect(sandbox.url, sandbox.proxyHosts);
  }
}
