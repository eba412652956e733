// `node --import kyc-sandbox/register app.js`: the process's requests for the vendors' hosts
// (api.complycube.com, …) made with http, https or fetch go to the sandbox at KYC_SANDBOX_URL;
// requests for every other host are left alone. See README, "Pointing your code at the sandbox".
import { installRedirect, redirectedHosts } from './proxy/redirect-hook.js';

const sandboxUrl = process.env.KYC_SANDBOX_URL;
if (!sandboxUrl) {
  throw new Error('kyc-sandbox/register: set KYC_SANDBOX_URL to the sandbox\'s address (e.g. http://127.0.0.1:4010)');
}
installRedirect(sandboxUrl, await redirectedHosts(sandboxUrl));
