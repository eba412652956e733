import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { launch, type TestSandbox } from '../helpers/sandbox.js';

// Debian's chromium; .ci/run installs it where it is missing.
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await launch();
});
afterAll(() => sandbox.stop());

describe('the docs page', () => {
  it('is served as HTML, with the renderer from this server', async () => {
    const page = await sandbox.request('GET', '/__sandbox/docs');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.text).not.toMatch(/https?:\/\/(?!127\.0\.0\.1)/);
    const script = await fetch(`${sandbox.url}/__sandbox/docs/assets/swagger-ui-bundle.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('application/javascript');
    expect((await sandbox.request('GET', '/__sandbox/docs/assets/..%2Fpackage.json')).status).toBe(404);
  });

  it('is where the server’s root sends a person, and where an unknown path’s answer points', async () => {
    const root = await fetch(`${sandbox.url}/`, { redirect: 'manual' });
    expect(root.status).toBe(302);
    expect(root.headers.get('location')).toBe('/__sandbox/docs');
    const unknown = await fetch(`${sandbox.url}/nothing/here`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ message: 'No vendor serves GET /nothing/here; the vendors and their base paths are at /__sandbox/docs' });
  });

  it('loads in headless Chromium, lists each vendor and renders its document offline', async () => {
    expect(existsSync(CHROMIUM)).toBe(true);
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    try {
      const page = await browser.newPage();
      const offsite: string[] = [];
      page.on('request', (request) => {
        if (!request.url().startsWith(sandbox.url)) offsite.push(request.url());
      });
      // The page itself, the same with a trailing slash, and the server's root, which sends a person there.
      for (const address of ['/__sandbox/docs', '/__sandbox/docs/', '/']) {
        await page.goto(`${sandbox.url}${address}`);
        expect(new URL(page.url()).pathname).toBe(address === '/' ? '/__sandbox/docs' : address);
        for (const { vendor, spec } of sandbox.sandbox.vendors) {
          await expect(page.locator(`#vendors tr[data-vendor="${vendor.name}"]`).textContent()).resolves.toContain(spec.basePath);
        }
        // swagger-ui renders the first document's operations.
        await page.locator('.opblock').first().waitFor({ timeout: 15_000 });
        expect(await page.locator('.opblock').count()).toBeGreaterThan(0);
      }
      const screenshot = join(process.env.KYC_SCREENSHOTS ?? mkdtempSync(join(tmpdir(), 'kyc-docs-')), 'docs.png');
      await page.screenshot({ path: screenshot, fullPage: false });
      expect(statSync(screenshot).size).toBeGreaterThan(10_000);
      expect(offsite).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 60_000);

  it('sends ComplyCube’s update of a client with Try it out, as a person would, and shows the 200', async () => {
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    try {
      const page = await browser.newPage();
      await page.goto(`${sandbox.url}/__sandbox/docs`);
      const operation = page.locator('#operations-Clients-updateClient');
      await operation.waitFor({ timeout: 15_000 });
      // The Authorize dialog's outcome: ComplyCube's key goes in the Authorization header.
      await page.evaluate(() =>
        (globalThis as unknown as { ui: { preauthorizeApiKey(name: string, key: string): void } }).ui.preauthorizeApiKey('apiKey', 'test_docs_page'),
      );
      await operation.locator('.opblock-summary').click();
      // The page opens every operation ready to try (tryItOutEnabled); the button then reads Cancel.
      await expect(operation.locator('button.try-out__btn').textContent()).resolves.toBe('Cancel');
      await operation.locator('button.execute').click();
      const status = operation.locator('.live-responses-table tbody .response-col_status').first();
      await status.waitFor({ timeout: 15_000 });
      expect((await status.textContent())?.trim()).toBe('200');
      const screenshot = join(process.env.KYC_SCREENSHOTS ?? mkdtempSync(join(tmpdir(), 'kyc-docs-')), 'try-it-out.png');
      await operation.screenshot({ path: screenshot });
      // The request reached the sandbox with the key, as the journal shows.
      const [sent] = sandbox.sandbox.requests({ key: 'test_docs_page' });
      expect(sent).toMatchObject({ method: 'POST', operationId: 'updateClient', status: 200 });
    } finally {
      await browser.close();
    }
  }, 60_000);
});
