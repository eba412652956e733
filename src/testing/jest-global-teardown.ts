/** Jest `globalTeardown`: stops the sandbox the global setup started. */
export default async function globalTeardown(): Promise<void> {
  await globalThis.__KYC_SANDBOX__?.stop();
  globalThis.__KYC_SANDBOX__ = undefined;
}
