// An integration as written against ComplyCube: the official SDK, its base URL untouched
// (https://api.complycube.com/v1). It learns nothing of the sandbox: only its environment says.
import { ComplyCube } from '@complycube/api';

const complycube = new ComplyCube({ apiKey: process.env.COMPLYCUBE_API_KEY });
const client = await complycube.client.create({
  type: 'person',
  email: 'pointing@example.com',
  personDetails: { firstName: 'Jane', lastName: 'Doe', dob: '1990-01-01' },
});
const fetched = await complycube.client.get(client.id);
const token = await complycube.token.generate(client.id, { referrer: 'https://www.example.com/*' });
process.stdout.write(JSON.stringify({ id: client.id, email: fetched.email, token: typeof token, baseURL: complycube.axiosInstance.defaults.baseURL }));
