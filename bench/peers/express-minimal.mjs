// The baseline: a minimal Express 5 route answering the same JSON a sandbox GET returns.
import express from 'express';

const body = JSON.parse(process.env.BENCH_BODY ?? '{}');
const app = express();
app.get('/v1/clients/:id', (req, res) => res.json(body));
const server = app.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  process.stdout.write(`listening on http://127.0.0.1:${server.address().port}\n`);
});
