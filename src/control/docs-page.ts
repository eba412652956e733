import { packagePath } from '../config/package-paths.js';
import { assetFolder } from '../config/package-assets.js';

export interface DocsVendor {
  name: string;
  title: string;
  basePath: string;
  auth: string;
}

// swagger-ui's three browser files are copied into dist at build (scripts/copy-docs-assets.mjs):
// the page renders with no network access, and the package needs none of swagger-ui-dist's 12 MB.
/** A renderer file by name, or undefined for any name that is not one of them. */
export const docsAsset = assetFolder(packagePath('dist', 'docs-assets'), {
  'swagger-ui.css': 'text/css',
  'swagger-ui-bundle.js': 'application/javascript',
  'swagger-ui-standalone-preset.js': 'application/javascript',
});

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

export function docsPage(vendors: DocsVendor[]): string {
  const rows = vendors
    .map(
      (vendor) =>
        `<tr data-vendor="${escape(vendor.name)}"><td>${escape(vendor.title)}</td><td><code>${escape(vendor.basePath)}</code></td>` +
        `<td>${escape(vendor.auth)}</td><td><a href="/__sandbox/openapi/${escape(vendor.name)}">openapi/${escape(vendor.name)}</a></td></tr>`,
    )
    .join('\n');
  const urls = JSON.stringify(vendors.map((vendor) => ({ url: `/__sandbox/openapi/${vendor.name}`, name: vendor.title })));
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>kyc-sandbox</title>
<link rel="stylesheet" href="/__sandbox/docs/assets/swagger-ui.css">
<style>
  body { font-family: system-ui, sans-serif; margin: 0; }
  header { padding: 1rem 2rem; background: #1b2a3a; color: #fff; }
  header h1 { margin: 0 0 .25rem; font-size: 1.4rem; }
  header a { color: #9cd3ff; }
  section.vendors { padding: 1rem 2rem; }
  table { border-collapse: collapse; }
  td, th { border-bottom: 1px solid #ddd; padding: .4rem .8rem; text-align: left; }
</style>
</head>
<body>
<header><h1>kyc-sandbox</h1>Vendor APIs at their real paths, on this server. Pick a vendor's document below, or watch the requests on <a href="/__sandbox/">the dashboard</a>.</header>
<section class="vendors">
<table id="vendors">
<thead><tr><th>Vendor</th><th>Base path</th><th>Auth</th><th>OpenAPI document</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
</section>
<div id="swagger-ui"></div>
<script src="/__sandbox/docs/assets/swagger-ui-bundle.js"></script>
<script src="/__sandbox/docs/assets/swagger-ui-standalone-preset.js"></script>
<script>
  window.ui = SwaggerUIBundle({
    urls: ${urls},
    dom_id: '#swagger-ui',
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    layout: 'StandaloneLayout',
    validatorUrl: null,
    tryItOutEnabled: true,
  });
</script>
</body>
</html>
`;
}
