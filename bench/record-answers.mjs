// The guard rail of request-path work: a fixed set of requests to every vendor and the control API,
// each answer (status, headers but the date, body bytes) and the journal as the control API lists it,
// written as JSON, to compare a build before and after a change byte for byte.
//   node bench/record-answers.mjs [dist folder=dist] > answers.json
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

const dist = resolve(process.argv[2] ?? 'dist');
const JANE = '5eb04fcd0f3e360008035eb1';
const TENZIN = 'f45680e1-014d-42c7-be86-3b2899e911c3';
const CC = { Authorization: 'record-key' };
const CM = { 'X-API-KEY': 'record-key' };
const SEND = { 'X-Client-Id': 'record-id', 'X-Client-Secret': 'record-secret' };
const JSON_TYPE = { 'Content-Type': 'application/json' };

function requests(b2Token) {
  const B2 = { Authorization: `Bearer ${b2Token}` };
  const list = [];
  for (let round = 0; round < 20; round++) {
    list.push(
      ['GET', `/v1/clients/${JANE}`, CC],
      ['GET', `/v1/clients?type=person&pageSize=${(round % 5) + 1}&page=${(round % 3) + 1}`, CC],
      ['POST', `/v1/clients/${JANE}`, { ...CC, ...JSON_TYPE }, JSON.stringify({ email: `record.${round}@example.com` })],
      ['POST', '/v1/clients', { ...CC, ...JSON_TYPE }, JSON.stringify({ type: 'person', email: `new.${round}@example.com`, personDetails: { firstName: 'Ada', lastName: `Lovelace${round}` } })],
      ['POST', `/v1/clients/${JANE}`, { ...CC, ...JSON_TYPE }, round % 2 ? '{"email": x}' : '"text"'],
      ['GET', `/v1/clients/000000000000000000000${String(round).padStart(3, '0')}`, CC],
      ['GET', '/v1/clients', {}],
      ['GET', `/v1/clients?pageSize=${round % 2 ? 'many' : '1000'}&api_key=secret-${round}`, CC],
      ['GET', '/management/clients', CM],
      ['POST', '/management/clients', { ...CM, ...JSON_TYPE }, JSON.stringify({ first_name: 'Ada', last_name: `L${round}`, email: `cm.${round}@example.com` })],
      ['GET', `/users/${TENZIN}`, SEND],
      ['GET', '/users?limit=5', SEND],
      ['PATCH', `/users/${TENZIN}`, { ...SEND, ...JSON_TYPE }, JSON.stringify({ email: `send.${round}@example.com` })],
      ['GET', '/api/v2/clients?limit=3', B2],
      ['POST', '/api/v2/clients', { ...B2, ...JSON_TYPE }, round % 3 ? JSON.stringify({ info: { givenName: 'Ada', familyName: `L${round}` }, email: `b2.${round}@example.com` }) : '   '],
      ['GET', '/__sandbox/vendors', {}],
    );
  }
  list.push(['GET', '/__sandbox/requests?limit=400', {}], ['GET', '/__sandbox/requests?vendor=complycube&limit=50', {}]);
  return list;
}

const server = spawn(process.execPath, [`${dist}/cli/main.js`, '--port', '0', '--log-level', 'warn', '--seed', '7', '--rate-limit', '1000000', '--check-delay', '600000'], { stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise((found) => {
  let text = '';
  server.stdout.on('data', (chunk) => {
    text += chunk;
    const match = /listening on (http:\/\/\S+)/.exec(text);
    if (match) found(match[1]);
  });
});
try {
  const signIn = await fetch(`${url}/api/v2/signin`, { method: 'POST', headers: JSON_TYPE, body: JSON.stringify({ email: 'admin+record@b2core.example', password: 'Sandbox123!' }) });
  const token = (await signIn.json()).accessToken.token;
  const answers = [];
  for (const [method, path, headers, body] of requests(token)) {
    const response = await fetch(url + path, { method, headers, body });
    const sent = Object.fromEntries([...response.headers].filter(([name]) => name !== 'date' && name !== 'keep-alive'));
    // Times, durations, the port and B2Core's bearer token (and so its key's hash) differ run by run: masked.
    const text = (await response.text()).replaceAll(token, '<token>').replaceAll(new URL(url).host, '<host>').replace(/20\d\d-\d\d-\d\d[T ][\d:.]+(?:Z|[+-]\d\d:?\d\d)?/g, '<time>').replace(/"durationMs":[\d.]+/g, '"durationMs":0').replace(/"keyHash":"\w+"/g, '"keyHash":"<hash>"').replace(/"at":"[^"]+"/g, '"at":"<at>"');
    // A masked time's length varies (trailing zeros of its milliseconds), and so does the length of its answer.
    if (text.includes('<time>')) delete sent['content-length'];
    answers.push({ method, path: path.replaceAll(token, '<token>'), status: response.status, headers: sent, body: text });
  }
  process.stdout.write(JSON.stringify(answers, null, 1) + '\n');
} finally {
  server.kill();
}
