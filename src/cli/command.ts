import { existsSync, readFileSync } from 'node:fs';
import { Command, InvalidArgumentError, Option } from 'commander';
import { PACKAGE_VERSION } from '../config/package-paths.js';
import { DEFAULT_OPTIONS, OPTION_NAMES, resolveOptions, unknownOptionNames, type SandboxOptions } from '../config/options.js';
import { CertificateAuthority, defaultCaDir } from '../proxy/certificate-authority.js';
import { LOG_LEVELS, type LogLevel } from '../logging/logger.js';
import { startSandbox } from '../server/start-sandbox.js';
import { VENDORS } from '../registry/vendors.js';
import { renderMarkdown, reportFromRecording } from '../drift/report.js';

function wholeNumber(name: string) {
  return (value: string) => {
    if (!/^\d+$/.test(value)) throw new InvalidArgumentError(`${name} must be a whole number.`);
    return Number(value);
  };
}

function collectSetting(assignment: string, settings: Record<string, Record<string, unknown>>) {
  const match = /^([a-z0-9-]+)\.([A-Za-z0-9_.-]+)=(.*)$/.exec(assignment);
  if (!match) throw new InvalidArgumentError('expected vendor.name=value.');
  const [, vendor, name, value] = match as unknown as [string, string, string, string];
  (settings[vendor] ??= {})[name] = value;
  return settings;
}

const CONFIG_FILE = 'kyc-sandbox.config.json';

/** The config file's options: the same names as startSandbox's, which the flags given override. */
function readConfig(file: string | undefined): SandboxOptions {
  const path = file ?? (existsSync(CONFIG_FILE) ? CONFIG_FILE : undefined);
  if (!path) return {};
  let config: unknown;
  try {
    config = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read config ${path}: ${(error as Error).message}`);
  }
  if (config === null || typeof config !== 'object' || Array.isArray(config)) {
    throw new Error(`config ${path} must hold one JSON object of options`);
  }
  const unknown = unknownOptionNames(config);
  if (unknown.length > 0) {
    throw new Error(`config ${path}: unknown option ${unknown.map((name) => `'${name}'`).join(', ')}; the options are ${OPTION_NAMES.join(', ')}`);
  }
  return config as SandboxOptions;
}


function collectUpstream(assignment: string, upstreams: Record<string, string>) {
  const match = /^([a-z0-9-]+)=(.+)$/.exec(assignment);
  if (!match) throw new InvalidArgumentError('expected vendor=URL.');
  return { ...upstreams, [match[1]!]: match[2]! };
}

// `kyc-sandbox drift FILE`: a recording (--drift-record) or a report (--drift-report's .json) as Markdown.
if (process.argv[2] === 'drift') {
  const file = process.argv[3];
  if (!file || process.argv.length > 4) {
    process.stderr.write('usage: kyc-sandbox drift FILE (a --drift-record recording or a --drift-report .json)\n');
    process.exit(2);
  }
  try {
    process.stdout.write(renderMarkdown(reportFromRecording(readFileSync(file, 'utf8'))));
    process.exit(0);
  } catch (error) {
    process.stderr.write(`kyc-sandbox drift: ${file}: ${(error as Error).message}\n`);
    process.exit(1);
  }
}

const program = new Command('kyc-sandbox')
  .description(
    `A stateful sandbox of KYC and fintech vendor APIs, at their real paths: ${VENDORS.map((v) => v.title).join(', ')}.`,
  )
  .version(PACKAGE_VERSION)
  .option('-p, --port <port>', 'port to listen on (0 picks a free one)', wholeNumber('port'), DEFAULT_OPTIONS.port)
  .option('-H, --host <host>', 'address to bind', DEFAULT_OPTIONS.host)
  .option('--seed <seed>', 'seed for generated data and ids', DEFAULT_OPTIONS.seed)
  .option('--clients <count>', 'clients seeded for each new API key', wholeNumber('clients'), DEFAULT_OPTIONS.clients)
  .option('--db <file>', 'keep data in this JSON file across restarts (default: in memory)')
  .option(
    '--rate-limit <perSecond>',
    "requests per second per key for every vendor, 0 for none (default: each vendor's documented limit)",
    wholeNumber('rate limit'),
  )
  .option(
    '--check-delay <ms>',
    'how long pending checks and verifications take to complete on their own',
    wholeNumber('check delay'),
    DEFAULT_OPTIONS.checkDelayMs,
  )
  .option(
    '--webhook-retry-base <ms>',
    'wait before a failed webhook is sent again; each further retry waits twice as long',
    wholeNumber('webhook retry base'),
    DEFAULT_OPTIONS.webhookRetryBaseMs,
  )
  .option('--latency <ms>', 'extra latency on every vendor request: MS or MIN-MAX, e.g. 50-200')
  .option('--admin-token <token>', 'token the control API (/__sandbox) requires; needed when --host is not loopback')
  .option(
    '--allow-host <host>',
    'a Host name the control API also answers to (besides the listening address and loopback names), repeatable',
    (value: string, hosts: string[]) => [...hosts, value],
    [] as string[],
  )
  .option(
    '--proxy-host <host>',
    "a host name the sandbox also answers for as a proxy (HTTPS_PROXY, CONNECT), besides the vendors' documented hosts, repeatable",
    (value: string, hosts: string[]) => [...hosts, value],
    [] as string[],
  )
  .option('--ca-dir <folder>', 'folder that keeps the certificate authority of the proxy (default: ~/.cache/kyc-sandbox)')
  .option('--print-ca-path', "print the path of the certificate authority's certificate (made if missing) and exit", false)
  .option(
    '--upstream <vendor=URL>',
    "drift check: forward this vendor's requests to its real API at URL and compare each answer with the document, repeatable",
    collectUpstream,
    {} as Record<string, string>,
  )
  .option('--allow-http-upstream', 'allow an upstream that is plain http (a local imitation); credentials travel in clear', false)
  .option('--drift-report <file>', 'write the drift report on stop to FILE.json and FILE.md')
  .option('--drift-record <file>', 'record the redacted exchanges with the upstreams to FILE (render with kyc-sandbox drift FILE)')
  .option('--max-tenants <count>', 'tenants (keys) kept at once', wholeNumber('max tenants'), DEFAULT_OPTIONS.maxTenants)
  .option('--config <file>', `options from a JSON file (default: ${CONFIG_FILE} in this folder, if there is one)`)
  .option('--validate-responses', 'check every response against its OpenAPI document and log violations', false)
  .option('--vendors <names>', `serve only these vendors (${VENDORS.map((v) => v.name).join(',')})`, (value: string) =>
    value.split(',').map((name) => name.trim()).filter(Boolean),
  )
  .option(
    '--set <vendor.name=value>',
    'a vendor setting, repeatable (for example cryptomate.webhookUrl=http://127.0.0.1:9000/hooks)',
    collectSetting,
    {} as Record<string, Record<string, unknown>>,
  )
  .addOption(
    new Option('--log-level <level>', 'log level (logs go to stderr)').choices(LOG_LEVELS).default(DEFAULT_OPTIONS.logLevel),
  )
  .addHelpText('after', '\nkyc-sandbox drift FILE   render a drift recording (--drift-record) or report as Markdown');

program.parse();
type Flags = Omit<SandboxOptions, 'checkDelayMs' | 'vendorSettings' | 'webhookRetryBaseMs' | 'allowedHosts' | 'proxyHosts' | 'upstreams'> & {
  upstream: Record<string, string>;
  logLevel: LogLevel;
  allowHost: string[];
  proxyHost: string[];
  printCaPath: boolean;
  set: NonNullable<SandboxOptions['vendorSettings']>;
  checkDelay: number;
  webhookRetryBase: number;
  config?: string;
};

/** Flags given on the command line win over the config file, which wins over the flags' defaults. */
function mergeWithConfig(flags: Flags, config: SandboxOptions): SandboxOptions {
  const given = (name: keyof Flags) => program.getOptionValueSource(name) === 'cli';
  const { set, checkDelay, webhookRetryBase, allowHost, proxyHost, upstream, printCaPath: _print, config: _file, ...rest } = flags;
  const options: SandboxOptions = { ...config };
  for (const [name, value] of Object.entries(rest)) {
    if (given(name as keyof Flags) || !(name in config)) (options as Record<string, unknown>)[name] = value;
  }
  if (given('checkDelay') || config.checkDelayMs === undefined) options.checkDelayMs = checkDelay;
  if (given('webhookRetryBase') || config.webhookRetryBaseMs === undefined) options.webhookRetryBaseMs = webhookRetryBase;
  if (given('allowHost') || config.allowedHosts === undefined) options.allowedHosts = allowHost;
  if (given('proxyHost') || config.proxyHosts === undefined) options.proxyHosts = proxyHost;
  if (given('upstream') || config.upstreams === undefined) options.upstreams = upstream;
  options.vendorSettings = { ...config.vendorSettings };
  for (const [vendor, settings] of Object.entries(set)) {
    options.vendorSettings[vendor] = { ...options.vendorSettings[vendor], ...settings };
  }
  return options;
}

async function serve(): Promise<void> {
  try {
    const flags = program.opts<Flags>();
    const options = mergeWithConfig(flags, readConfig(flags.config));
    if (flags.printCaPath) {
      const { caDir } = resolveOptions(options);
      process.stdout.write(`${await new CertificateAuthority(caDir ?? defaultCaDir()).certificatePath()}\n`);
      process.exit(0);
    }
    const sandbox = await startSandbox(options);
    const shutdown = (signal: string) => {
      sandbox.logger.info({ signal }, 'stopping');
      sandbox.stop().then(
        () => process.exit(0),
        (error: unknown) => {
          sandbox.logger.error({ err: error }, 'stop failed');
          process.exit(1);
        },
      );
    };
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
    // Printed once a signal would stop it cleanly: a script that stops it as soon as it reads this line gets --db written.
    process.stdout.write(`kyc-sandbox listening on ${sandbox.url}\n`);
  } catch (error) {
    process.stderr.write(`kyc-sandbox: ${(error as Error).message}\n`);
    process.exit(1);
  }
}

/** Settles once the sandbox answers and its ready line is out; a command that only prints something exits before. */
export const serving = serve();
