// The physical limit: a bare node:http server answering the very bytes the sandbox answers (Jane by
// id, the filtered page, the updated client), with nothing between the parser and the socket but a
// lookup by method and path; an update reads its whole body first, as any server must.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const bodies = process.env.BENCH_BODIES ? JSON.parse(readFileSync(process.env.BENCH_BODIES, 'utf8')) : {};
const answer = (text) => ({ payload: text, headers: { 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(text)) } });
const get = answer(bodies.getText ?? '{}');
const list = answer(bodies.listText ?? '{"items":[]}');
const update = answer(bodies.updateText ?? '{}');
const notFound = answer('{"message":"not found"}');

const server = createServer((req, res) => {
  const reply = ({ payload, headers }, status = 200) => {
    res.writeHead(status, headers);
    res.end(payload);
  };
  if (req.method === 'GET') {
    if (req.url.startsWith('/v1/clients?')) return reply(list);
    if (req.url.startsWith('/v1/clients/')) return reply(get);
  } else if (req.method === 'POST' && req.url.startsWith('/v1/clients/')) {
    req.on('data', () => {});
    req.on('end', () => reply(update));
    return undefined;
  }
  return reply(notFound, 404);
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  process.stdout.write(`listening on http://127.0.0.1:${server.address().port}\n`);
});
