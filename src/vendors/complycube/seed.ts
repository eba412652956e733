import type { SeedContext } from '../contract.js';
import { clientsOf, entityNameOf, orderedClient, type ComplyCubeClient } from './clients.js';
import type { Collection, StoredRecord } from '../../store/partition.js';
import { sampleImage } from './files.js';
import { collections, type ComplyCubeDocument, type LivePhoto, type StoredFile } from './records.js';
import type { components } from './generated/openapi.js';
import { fixturesOf, SEEDED_HISTORY_MS } from '../kit.js';
import { compacted } from '../../seeding/compacted.js';

const INCORPORATION_TYPES: components['schemas']['IncorporationType'][] = [
  'private_limited_company',
  'public_limited_company',
  'limited_partnership',
  'sole_proprietorship',
];

const fixtures = fixturesOf('complycube');

function fakeClient(context: SeedContext, createdAt: Date): ComplyCubeClient {
  const { faker } = context;
  const stamp = createdAt.toISOString();
  const client: ComplyCubeClient = {
    id: context.random.hex(24),
    type: faker.number.int({ min: 1, max: 10 }) <= 7 ? 'person' : 'company',
    entityName: '',
    email: '',
    createdAt: stamp,
    updatedAt: stamp,
  };
  if (client.type === 'person') {
    // The draw `faker.person.sexType()` makes, typed as two of the document's genders.
    const sex = faker.helpers.arrayElement(['female', 'male'] as const);
    const firstName = faker.person.firstName(sex);
    const lastName = faker.person.lastName();
    client.email = faker.internet.email({ firstName, lastName, provider: 'example.com' }).toLowerCase();
    client.personDetails = {
      firstName,
      lastName,
      dob: faker.date.birthdate({ mode: 'age', min: 18, max: 85 }).toISOString().slice(0, 10),
      gender: sex,
      nationality: faker.location.countryCode('alpha-2'),
    };
  } else {
    const name = faker.company.name();
    client.email = `compliance@${faker.internet.domainWord()}.example.com`;
    client.companyDetails = {
      name,
      website: faker.internet.url(),
      registrationNumber: faker.string.numeric(8),
      incorporationCountry: faker.location.countryCode('alpha-2'),
      incorporationType: faker.helpers.arrayElement(INCORPORATION_TYPES),
    };
  }
  client.mobile = faker.phone.number({ style: 'international' });
  client.joinedDate = stamp.slice(0, 10);
  if (faker.datatype.boolean()) client.externalId = `ext-${faker.string.alphanumeric(10)}`;
  client.entityName = entityNameOf(client);
  return compacted(orderedClient(client));
}

/** Fills the collection with the records of the fixture file, the same objects in every partition. */
function fill<T extends StoredRecord>(collection: Collection<T>, file: string): void {
  for (const record of fixtures.shared<T>(file)) collection.put(record);
}

/** The documented example records each key starts with, each collection from its fixture file. */
function seedRecordFixtures(store: ReturnType<typeof collections>): void {
  fill(store.teamMembers, 'team-members.json');
  fill(store.addresses, 'addresses.json');
  fill(store.documents, 'documents.json');
  fill(store.livePhotos, 'live-photos.json');
  fill(store.liveVideos, 'live-videos.json');
  fill(store.checks, 'checks.json');
  fill(store.webhooks, 'webhooks.json');
  fill(store.workflowSessions, 'workflow-sessions.json');
  fill(store.auditLogs, 'audit-logs.json');
  fill(store.companies, 'companies.json');
}

let sampleFilesMade: readonly StoredFile[] | undefined;
/**
 * The bytes behind the documented images and live photos, the sample image as base64 for each: one set of
 * frozen records shared by every partition, as the fixtures they belong to are.
 */
function sampleFiles(): readonly StoredFile[] {
  if (sampleFilesMade) return sampleFilesMade;
  const data = sampleImage().toString('base64');
  const images = fixtures.shared<ComplyCubeDocument>('documents.json').flatMap((document) => document.images ?? []);
  const photos = fixtures.shared<LivePhoto>('live-photos.json');
  return (sampleFilesMade = Object.freeze([
    ...images.map((image) => Object.freeze({ id: image.id, fileName: image.fileName, contentType: image.contentType, data })),
    ...photos.map((photo) => Object.freeze({ id: photo.id, fileName: `${photo.id}.jpg`, contentType: photo.contentType, data })),
  ]));
}

const GENERATED_COLLECTIONS = ['clients'];

export function seedComplyCube(context: SeedContext): void {
  const clients = clientsOf(context);
  const store = collections(context.partition);
  // The documented example client (Jane Doe of the "Update a client" page) and the documented example records of
  // the other pages, made hers, so that every documented request (and the docs page's Try it out) finds what it
  // names: the team (managed in the portal), her live video (recorded only by the client SDKs), and the rest.
  fill(clients, 'clients.json');
  seedRecordFixtures(store);
  for (const file of sampleFiles()) store.files.put(file);
  // Most keys only ever fetch Jane Doe: the generated clients, most of a key's memory, wait for a list or a miss.
  context.defer({ collections: GENERATED_COLLECTIONS, draws: context.clients }, seedFakeClients);
}

/** One draw each, for its id. Creation times rise with insertion order, so lists read newest-first straight from the store. */
function seedFakeClients(context: SeedContext): void {
  const clients = clientsOf(context);
  const start = context.referenceDate.getTime() - SEEDED_HISTORY_MS;
  const step = SEEDED_HISTORY_MS / Math.max(context.clients, 1);
  for (let index = 0; index < context.clients; index++) {
    const createdAt = new Date(start + Math.floor(step * index + context.faker.number.int({ min: 0, max: step - 1 })));
    clients.put(fakeClient(context, createdAt));
  }
}
