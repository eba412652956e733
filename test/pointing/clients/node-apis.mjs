// Node's own clients, each calling a vendor host and, to see it left alone, OTHER_URL (a local server).
import http from 'node:http';
import https, { request as namedHttpsRequest } from 'node:https';

const key = process.env.COMPLYCUBE_API_KEY;
const other = process.env.OTHER_URL;

function answer(outgoing) {
  return new Promise((resolve, reject) => {
    outgoing.on('response', (response) => {
      let body = '';
      response.on('data', (chunk) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode, body }));
    });
    outgoing.on('error', reject);
  });
}

const results = {};
results.httpsGet = await answer(https.get('https://api.complycube.com/v1/clients?pageSize=1', { headers: { Authorization: key } }));
results.httpRequest = await answer(
  http.request({ host: 'api.complycube.com', path: '/v1/clients?pageSize=1', headers: { Authorization: key } }).end(),
);
const created = namedHttpsRequest('https://api.complycube.com/v1/clients', {
  method: 'POST',
  headers: { Authorization: key, 'Content-Type': 'application/json' },
});
created.end(JSON.stringify({ type: 'person', email: 'named@example.com', personDetails: { firstName: 'N', lastName: 'Import' } }));
results.namedImport = await answer(created);
const fetched = await fetch('https://api.complycube.com/v1/clients?pageSize=1', { headers: { Authorization: key } });
results.fetch = { status: fetched.status, body: await fetched.text() };
const fetchedRequest = await fetch(new Request('https://api.sandbox.cryptomate.me/management/clients', { headers: { 'X-API-KEY': 'register_key' } }));
results.fetchRequest = { status: fetchedRequest.status };
results.otherHttp = await answer(http.get(`${other}/http`));
const otherFetch = await fetch(`${other}/fetch`);
results.otherFetch = { status: otherFetch.status, body: await otherFetch.text() };
process.stdout.write(JSON.stringify(results));
