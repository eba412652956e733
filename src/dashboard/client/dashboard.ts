// The dashboard's script, run in the browser: it reads and drives the control API. Everything the API
// answers is the user's requests and data, so attacker-controlled: it is written with textContent
// and DOM nodes only, never as markup.
import type { Fault } from '../../simulation/faults.js';
import type { ListedEntry } from '../../simulation/journal.js';
import type { DeliveryRecord } from '../../webhooks/delivery-record.js';

// The shapes the control API answers in (openapi/sandbox.yaml), as the server builds them.
/** A delivery as the API shows it, without the partition. */
type Delivery = Omit<DeliveryRecord, 'partitionId'>;

const API = '/__sandbox';
const TOKEN_KEY = 'kyc-sandbox-admin-token';
/** Rows kept on screen; older ones are still in the journal. */
const MAX_ROWS = 500;
/** How long one request for new entries waits on the server before asking again. */
const LIVE_WAIT_MS = 25_000;

class Unauthorized extends Error {}

const element = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

function node<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const created = document.createElement(tag);
  if (text !== undefined) created.textContent = text;
  if (className) created.className = className;
  return created;
}

function row(cells: (string | Node)[]): HTMLTableRowElement {
  const tr = node('tr');
  for (const cell of cells) {
    const td = node('td');
    td.append(cell);
    tr.append(td);
  }
  return tr;
}

const json = (value: unknown) => node('pre', JSON.stringify(value, null, 2));

function showMessage(text: string): void {
  element('action-message').textContent = text;
}

/** A control API call with the admin token of this tab, if one was given; a 401 asks for it. */
async function api<T>(method: string, path: string, options: { body?: unknown; signal?: AbortSignal } = {}): Promise<T> {
  const headers: Record<string, string> = {};
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token) headers['x-sandbox-admin-token'] = token;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(API + path, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    signal: options.signal,
    credentials: 'omit',
  });
  if (response.status === 401) {
    askForToken(token ? 'That token was refused.' : 'This sandbox needs its admin token.');
    throw new Unauthorized();
  }
  const text = await response.text();
  const parsed = text ? (JSON.parse(text) as unknown) : undefined;
  if (!response.ok) {
    const message = (parsed as { error?: { message?: string } } | undefined)?.error?.message ?? `status ${response.status}`;
    throw new Error(message);
  }
  return parsed as T;
}

function askForToken(message: string): void {
  const form = element<HTMLFormElement>('token-form');
  form.hidden = false;
  element('token-message').textContent = message;
}

/** Runs an action of a button or form, showing what failed instead of failing silently. */
function act(action: () => Promise<void>): void {
  action().catch((failure: unknown) => {
    if (!(failure instanceof Unauthorized)) showMessage(`Failed: ${(failure as Error).message}`);
  });
}

// --- the request journal, live ---

const requestRows = () => element<HTMLTableElement>('request-list').tBodies[0]!;
let liveController: AbortController | undefined;

function journalQuery(extra: Record<string, string>): string {
  const form = element<HTMLFormElement>('request-filters');
  const query = new URLSearchParams(extra);
  for (const name of ['vendor', 'status', 'keyHash']) {
    const value = (form.elements.namedItem(name) as HTMLInputElement).value.trim();
    if (value) query.set(name, value);
  }
  return `?${query}`;
}

function addEntries(entries: ListedEntry[]): void {
  const rows = requestRows();
  for (const entry of entries) {
    const key = entry.keyHash ? node('button', entry.keyHash.slice(0, 8), 'link') : '';
    if (key) {
      key.type = 'button';
      key.title = `Only requests with the key of fingerprint ${entry.keyHash}`;
      key.addEventListener('click', (event) => {
        event.stopPropagation();
        setFilter('keyHash', entry.keyHash!);
      });
    }
    // The time of day in UTC, as the sandbox clock in the header shows it, to the millisecond.
    const tr = row([entry.at.slice(11, 23), entry.vendor, entry.method, entry.path, String(entry.status), String(entry.durationMs), key]);
    tr.dataset.id = String(entry.id);
    tr.className = `status-${Math.floor(entry.status / 100)}xx`;
    tr.tabIndex = 0;
    tr.addEventListener('click', () => showRequest(entry, tr));
    tr.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') showRequest(entry, tr);
    });
    rows.prepend(tr);
  }
  while (rows.rows.length > MAX_ROWS) rows.deleteRow(-1);
}

function showRequest(entry: ListedEntry, tr: HTMLTableRowElement): void {
  for (const selected of requestRows().querySelectorAll('tr.selected')) selected.classList.remove('selected');
  tr.classList.add('selected');
  const detail = element('request-detail');
  detail.hidden = false;
  const close = node('button', 'Close', 'close');
  close.type = 'button';
  close.addEventListener('click', () => {
    detail.hidden = true;
    tr.classList.remove('selected');
  });
  const facts = node('dl');
  const fact = (name: string, value: string) => facts.append(node('dt', name), node('dd', value));
  fact('Time', entry.at);
  fact('Vendor', entry.vendor);
  fact('Operation', entry.operationId ?? '(none)');
  fact('Response', `${entry.status}${entry.status === 0 ? ' (connection dropped)' : ''} in ${entry.durationMs} ms`);
  fact('Key fingerprint', entry.keyHash ?? '(no credential)');
  const headers = node('table', undefined, 'headers');
  for (const [name, value] of Object.entries(entry.headers)) headers.append(row([name, value]));
  detail.replaceChildren(
    close,
    node('h2', `${entry.method} ${entry.path}`),
    facts,
    node('h3', 'Query'),
    json(entry.query),
    node('h3', 'Headers'),
    headers,
    node('h3', 'Body'),
    entry.body === undefined ? node('p', '(none)') : json(entry.body),
    node('h3', 'Response body'),
    entry.responseBody === undefined ? node('p', '(none)') : json(entry.responseBody),
  );
}

function setFilter(name: string, value: string): void {
  (element<HTMLFormElement>('request-filters').elements.namedItem(name) as HTMLInputElement).value = value;
  restartJournal();
}

/** Shows the newest matching entries, then waits on the server for each new one, until the filters change. */
async function followJournal(controller: AbortController): Promise<void> {
  const state = element('live-state');
  let after = 0;
  let first = true;
  while (!controller.signal.aborted) {
    try {
      const query = first ? journalQuery({ limit: String(MAX_ROWS) }) : journalQuery({ after: String(after), waitMs: String(LIVE_WAIT_MS) });
      const { items } = await api<{ items: ListedEntry[] }>('GET', `/requests${query}`, { signal: controller.signal });
      if (controller.signal.aborted) return;
      if (first) requestRows().replaceChildren();
      first = false;
      addEntries(items);
      after = items.at(-1)?.id ?? after;
      state.textContent = 'live';
      state.className = 'live on';
    } catch (failure) {
      if (controller.signal.aborted) return;
      state.textContent = failure instanceof Unauthorized ? 'needs the admin token' : 'reconnecting…';
      state.className = 'live off';
      if (failure instanceof Unauthorized) return;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}

function restartJournal(): void {
  liveController?.abort();
  liveController = new AbortController();
  element('request-detail').hidden = true;
  void followJournal(liveController);
}

// --- tenants ---

async function loadTenants(): Promise<void> {
  const { items } = await api<{ items: { vendor: string; tenant: string; collections: Record<string, number> }[] }>('GET', '/tenants');
  const rows = element<HTMLTableElement>('tenant-list').tBodies[0]!;
  rows.replaceChildren(
    ...items.map((tenant) => {
      const counts = Object.entries(tenant.collections)
        .map(([name, count]) => `${name} ${count}`)
        .join(', ');
      const tr = row([tenant.vendor, tenant.tenant, counts || '(empty)']);
      tr.tabIndex = 0;
      tr.addEventListener('click', () => act(() => showTenant(tenant.vendor, tenant.tenant)));
      return tr;
    }),
  );
  if (items.length === 0) rows.append(row(['No tenant has data yet.']));
}

async function showTenant(vendor: string, tenant: string): Promise<void> {
  const { collections } = await api<{ collections: Record<string, Record<string, unknown>> }>(
    'GET',
    `/tenants/${encodeURIComponent(vendor)}/${encodeURIComponent(tenant)}`,
  );
  const detail = element('tenant-detail');
  detail.hidden = false;
  const parts: Node[] = [node('h2', `${vendor} · ${tenant}`)];
  for (const [name, records] of Object.entries(collections)) {
    const section = node('details');
    section.append(node('summary', `${name} (${Object.keys(records).length})`));
    for (const [id, record] of Object.entries(records)) {
      const item = node('details', undefined, 'record');
      item.append(node('summary', id), json(record));
      section.append(item);
    }
    parts.push(section);
  }
  detail.replaceChildren(...parts);
}

// --- webhooks ---

const openDeliveries = new Set<string>();

async function loadDeliveries(): Promise<void> {
  const { items } = await api<{ items: Delivery[] }>('GET', '/webhooks/deliveries');
  const list = element('delivery-list');
  list.replaceChildren(...items.reverse().map(deliveryView));
  if (items.length === 0) list.append(node('p', 'No webhook sent yet.'));
}

function deliveryView(delivery: Delivery): HTMLElement {
  const view = node('details', undefined, `delivery state-${delivery.state}`);
  view.dataset.id = delivery.id;
  view.open = openDeliveries.has(delivery.id);
  view.addEventListener('toggle', () => (view.open ? openDeliveries.add(delivery.id) : openDeliveries.delete(delivery.id)));
  const summary = node('summary');
  const redeliver = node('button', 'Redeliver', 'redeliver');
  redeliver.type = 'button';
  redeliver.addEventListener('click', (event) => {
    event.preventDefault();
    act(async () => {
      await api('POST', `/webhooks/deliveries/${encodeURIComponent(delivery.id)}/redeliver`, { body: {} });
      showMessage(`${delivery.id} sent again`);
      // The attempt runs after the answer: look again as it lands.
      for (const wait of [150, 500, 1500]) setTimeout(() => act(loadDeliveries), wait);
    });
  });
  summary.append(
    node('span', delivery.id, 'id'),
    node('span', delivery.vendor),
    node('span', delivery.event, 'event'),
    node('span', delivery.state, 'state'),
    node('span', `${delivery.attempts.length} attempt${delivery.attempts.length === 1 ? '' : 's'}`, 'attempt-count'),
    redeliver,
  );
  const attempts = node('table', undefined, 'attempts');
  attempts.append(row(['At', 'Answer', 'ms']));
  for (const attempt of delivery.attempts) {
    attempts.append(row([attempt.at, attempt.status !== undefined ? String(attempt.status) : (attempt.error ?? ''), String(attempt.durationMs)]));
  }
  let body: unknown = delivery.body;
  try {
    body = JSON.parse(delivery.body);
  } catch {
    // not JSON: shown as sent
  }
  view.append(summary, node('p', `To ${delivery.url}`, 'url'), attempts, node('h3', 'Headers'), json(delivery.headers), node('h3', 'Body'), json(body));
  return view;
}

// --- faults and rate limits ---

function removeButton(label: string, action: () => Promise<void>): HTMLButtonElement {
  const button = node('button', label);
  button.type = 'button';
  button.addEventListener('click', () => act(action));
  return button;
}

async function loadFaults(): Promise<void> {
  const [{ items: faults }, { items: limits }] = await Promise.all([
    api<{ items: Fault[] }>('GET', '/faults'),
    api<{ items: { keyHash: string; limit: number; windowMs: number }[] }>('GET', '/rate-limits'),
  ]);
  element<HTMLTableElement>('fault-list').tBodies[0]!.replaceChildren(
    ...faults.map((fault) =>
      row([
        fault.vendor ?? 'any',
        fault.method ?? 'any',
        fault.path ?? 'any',
        fault.keyHash?.slice(0, 8) ?? 'any',
        fault.action === 'status' ? `status ${fault.status}` : fault.action,
        String(fault.remaining),
        removeButton('Remove', async () => {
          await api('DELETE', `/faults/${encodeURIComponent(fault.id)}`);
          await loadFaults();
        }),
      ]),
    ),
  );
  element<HTMLTableElement>('rate-limit-list').tBodies[0]!.replaceChildren(
    ...limits.map((limit) =>
      row([
        limit.keyHash,
        String(limit.limit),
        String(limit.windowMs),
        removeButton('Remove', async () => {
          await api('DELETE', `/rate-limits/${encodeURIComponent(limit.keyHash)}`);
          await loadFaults();
        }),
      ]),
    ),
  );
}

function formValues(form: HTMLFormElement): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of new FormData(form)) if (typeof value === 'string' && value.trim()) values[name] = value.trim();
  return values;
}

async function addFault(form: HTMLFormElement): Promise<void> {
  const { status, count, ...fields } = formValues(form);
  await api('POST', '/faults', {
    body: { ...fields, ...(status && { status: Number(status) }), ...(count && { count: Number(count) }) },
  });
  await loadFaults();
}

async function setRateLimit(form: HTMLFormElement): Promise<void> {
  const { key, limit, windowMs } = formValues(form);
  await api('PUT', '/rate-limits', { body: { key, limit: Number(limit), ...(windowMs && { windowMs: Number(windowMs) }) } });
  (form.elements.namedItem('key') as HTMLInputElement).value = '';
  await loadFaults();
}

// --- the clock ---

async function loadClock(): Promise<void> {
  const clock = await api<{ now: string; offsetMs: number }>('GET', '/clock');
  element('clock-now').textContent = `Sandbox time ${clock.now}`;
  element('clock-offset').textContent = clock.offsetMs === 0 ? '' : `(+${Math.round(clock.offsetMs / 60_000)} min)`;
}

// --- the page ---

const LOADERS: Record<string, () => Promise<void>> = { tenants: loadTenants, webhooks: loadDeliveries, faults: loadFaults };
let activeTab = 'requests';

function showTab(name: string): void {
  activeTab = name;
  for (const tab of document.querySelectorAll<HTMLButtonElement>('nav [data-tab]')) {
    tab.setAttribute('aria-selected', String(tab.dataset.tab === name));
    element(tab.dataset.tab!).hidden = tab.dataset.tab !== name;
  }
  const load = LOADERS[name];
  if (load) act(load);
}

async function loadVendors(): Promise<void> {
  const { items } = await api<{ items: { name: string; title: string }[] }>('GET', '/vendors');
  for (const select of document.querySelectorAll<HTMLSelectElement>('select[name=vendor]')) {
    select.length = 1;
    for (const vendor of items) {
      const option = node('option', vendor.title);
      option.value = vendor.name;
      select.append(option);
    }
  }
}

function start(): void {
  act(loadVendors);
  act(loadClock);
  restartJournal();
  const active = LOADERS[activeTab];
  if (active) act(active);
}

function wire(): void {
  for (const tab of document.querySelectorAll<HTMLButtonElement>('nav [data-tab]')) tab.addEventListener('click', () => showTab(tab.dataset.tab!));
  const filters = element<HTMLFormElement>('request-filters');
  filters.addEventListener('change', restartJournal);
  filters.addEventListener('submit', (event) => {
    event.preventDefault();
    restartJournal();
  });
  // A reset empties the fields after its event: follow once they are empty.
  filters.addEventListener('reset', () => setTimeout(restartJournal));
  element('tenants-refresh').addEventListener('click', () => act(loadTenants));
  element('webhooks-refresh').addEventListener('click', () => act(loadDeliveries));
  const submit = (id: string, action: (form: HTMLFormElement) => Promise<void>) =>
    element<HTMLFormElement>(id).addEventListener('submit', (event) => {
      event.preventDefault();
      act(() => action(event.currentTarget as HTMLFormElement));
    });
  submit('fault-form', addFault);
  submit('rate-limit-form', setRateLimit);
  submit('clock-advance', async (form) => {
    const minutes = Number((form.elements.namedItem('minutes') as HTMLInputElement).value);
    const { ran } = await api<{ ran: number }>('POST', '/clock/advance', { body: { ms: minutes * 60_000 } });
    showMessage(`Clock moved ${minutes} min; ${ran} task${ran === 1 ? '' : 's'} ran`);
    await loadClock();
  });
  submit('token-form', async (form) => {
    sessionStorage.setItem(TOKEN_KEY, (form.elements.namedItem('token') as HTMLInputElement).value);
    form.reset();
    form.hidden = true;
    start();
  });
  element('complete-pending').addEventListener('click', () =>
    act(async () => {
      const { completed } = await api<{ completed: number }>('POST', '/lifecycle/complete', { body: {} });
      showMessage(`${completed} pending task${completed === 1 ? '' : 's'} completed`);
    }),
  );
  // What has no live feed is looked at again while it is on screen.
  setInterval(() => {
    if (document.hidden || !element<HTMLFormElement>('token-form').hidden) return;
    act(loadClock);
    if (activeTab === 'webhooks') act(loadDeliveries);
    if (activeTab === 'faults') act(loadFaults);
  }, 3000);
}

wire();
start();
