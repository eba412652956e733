// axios with the vendor's URL hard-coded, as many integrations call it.
import axios from 'axios';

const response = await axios.get('https://api.complycube.com/v1/clients?pageSize=2', {
  headers: { Authorization: process.env.COMPLYCUBE_API_KEY },
});
process.stdout.write(JSON.stringify({ status: response.status, items: response.data.items.length }));
