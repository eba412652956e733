import { packagePath } from '../config/package-paths.js';
import { assetFolder } from '../config/package-assets.js';

/**
 * Only this server's script and style run on the page; no inline script, no frame around it. Data
 * from the journal is written with DOM text, never as markup, and this keeps it so should that fail.
 */
export const DASHBOARD_POLICY = "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

// The script is compiled from src/dashboard/client at build (scripts/copy-docs-assets.mjs).
/** The dashboard's script or style by name, or undefined for any other name. */
export const dashboardAsset = assetFolder(packagePath('dist', 'dashboard-assets'), {
  'dashboard.js': 'application/javascript',
  'dashboard.css': 'text/css',
});

// The page holds no data, so it is the same for everyone and needs no token: the script reads the
// control API with the token the user gives it.
const PAGE = Buffer.from(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>kyc-sandbox dashboard</title>
<link rel="stylesheet" href="/__sandbox/dashboard/assets/dashboard.css">
<script type="module" src="/__sandbox/dashboard/assets/dashboard.js"></script>
</head>
<body>
<header>
  <h1>kyc-sandbox</h1>
  <div class="clock" id="clock" aria-live="polite"><span id="clock-now">…</span> <span id="clock-offset"></span></div>
  <form id="clock-advance" class="inline">
    <label>Advance <input name="minutes" type="number" min="0" step="1" value="60" aria-label="minutes"> min</label>
    <button type="submit">Advance clock</button>
  </form>
  <button id="complete-pending" type="button">Complete pending now</button>
  <span id="action-message" role="status"></span>
  <a href="/__sandbox/docs">API docs</a>
</header>
<form id="token-form" class="token" hidden>
  <label>Admin token <input name="token" type="password" autocomplete="off" required></label>
  <button type="submit">Use</button>
  <span id="token-message"></span>
</form>
<nav role="tablist">
  <button type="button" role="tab" data-tab="requests" aria-selected="true">Requests</button>
  <button type="button" role="tab" data-tab="tenants" aria-selected="false">Tenants</button>
  <button type="button" role="tab" data-tab="webhooks" aria-selected="false">Webhooks</button>
  <button type="button" role="tab" data-tab="faults" aria-selected="false">Faults &amp; limits</button>
</nav>
<main>
<section id="requests" role="tabpanel">
  <form id="request-filters" class="filters">
    <select name="vendor" aria-label="vendor"><option value="">All vendors</option></select>
    <input name="status" type="number" min="100" max="599" placeholder="Status" aria-label="status">
    <input name="keyHash" placeholder="Key fingerprint" aria-label="key fingerprint" spellcheck="false">
    <button type="reset">Clear</button>
    <span id="live-state" class="live">connecting…</span>
  </form>
  <div class="split">
    <div class="scroll"><table id="request-list">
      <thead><tr><th>Time</th><th>Vendor</th><th>Method</th><th>Path</th><th>Status</th><th>ms</th><th>Key</th></tr></thead>
      <tbody></tbody>
    </table></div>
    <article id="request-detail" class="detail" hidden></article>
  </div>
</section>
<section id="tenants" role="tabpanel" hidden>
  <button type="button" id="tenants-refresh">Refresh</button>
  <div class="split">
    <div class="scroll"><table id="tenant-list">
      <thead><tr><th>Vendor</th><th>Tenant</th><th>Records</th></tr></thead>
      <tbody></tbody>
    </table></div>
    <article id="tenant-detail" class="detail" hidden></article>
  </div>
</section>
<section id="webhooks" role="tabpanel" hidden>
  <button type="button" id="webhooks-refresh">Refresh</button>
  <div id="delivery-list"></div>
</section>
<section id="faults" role="tabpanel" hidden>
  <h2>Faults</h2>
  <form id="fault-form" class="filters">
    <select name="vendor" aria-label="vendor"><option value="">Any vendor</option></select>
    <input name="method" placeholder="Method" aria-label="method" size="6">
    <input name="path" placeholder="Path, or prefix*" aria-label="path">
    <select name="action" aria-label="action"><option>status</option><option>drop</option><option>truncate</option></select>
    <input name="status" type="number" min="400" max="599" value="500" aria-label="status">
    <input name="count" type="number" min="1" value="1" aria-label="count">
    <button type="submit">Add fault</button>
  </form>
  <div class="scroll"><table id="fault-list">
    <thead><tr><th>Vendor</th><th>Method</th><th>Path</th><th>Key</th><th>Action</th><th>Left</th><th></th></tr></thead>
    <tbody></tbody>
  </table></div>
  <h2>Rate-limit overrides</h2>
  <form id="rate-limit-form" class="filters">
    <input name="key" type="password" placeholder="Key" aria-label="key" autocomplete="off" required>
    <input name="limit" type="number" min="0" value="10" aria-label="limit" required>
    <input name="windowMs" type="number" min="1" value="1000" aria-label="window in ms">
    <button type="submit">Set limit</button>
  </form>
  <div class="scroll"><table id="rate-limit-list">
    <thead><tr><th>Key</th><th>Limit</th><th>Window (ms)</th><th></th></tr></thead>
    <tbody></tbody>
  </table></div>
</section>
</main>
</body>
</html>
`);

export const dashboardPage = (): Buffer => PAGE;
