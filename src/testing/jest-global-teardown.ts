/** Jest `globalTeardown`: stops the sandbox the global setup started, and undoes its `register`. */
export default async function globalTeardown(): Promise<void> {
  globalThis.__KYC_SANDBOX_UNREGISTER__?.();
  globalThis.__KYC_SANDBOX_UNREGISTER__ = undefined;
  await globalThis.__KYC_SANDBOX__?.stop();
  globalThis.__KYC_SANDBOX__ = undefined;
}
