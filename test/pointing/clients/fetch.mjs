// Node's fetch with the vendor's URL, its proxy taken from the environment (NODE_USE_ENV_PROXY, Node 24).
const response = await fetch('https://api.complycube.com/v1/clients?pageSize=1', { headers: { Authorization: process.env.COMPLYCUBE_API_KEY } });
process.stdout.write(JSON.stringify({ status: response.status, body: await response.json() }));
