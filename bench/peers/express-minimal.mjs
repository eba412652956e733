// The baseline: minimal Express 5 routes answering the same JSON the sandbox answers, with no store,
// auth or validation: GET by id, the filtered list, and an update that parses its body.
import { readFileSync } from 'node:fs';
import express from 'express';

const bodies = process.env.BENCH_BODIES ? JSON.parse(readFileSync(process.env.BENCH_BODIES, 'utf8')) : {};
const client = bodies.getText ? JSON.parse(bodies.getText) : {};
const list = bodies.listText ? JSON.parse(bodies.listText) : { items: [] };
const app = express();
app.get('/v1/clients/:id', (req, res) => res.json(client));
app.get('/v1/clients', (req, res) => res.json(list));
app.post('/v1/clients/:id', express.json(), (req, res) => res.json({ ...client, ...req.body }));
const server = app.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  process.stdout.write(`listening on http://127.0.0.1:${server.address().port}\n`);
});
