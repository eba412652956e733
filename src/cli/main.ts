#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { Command, InvalidArgumentError, Option } from 'commander';
import { packagePath } from '../config/package-paths.js';
import { DEFAULT_OPTIONS, type SandboxOptions } from '../config/options.js';
import { LOG_LEVELS, type LogLevel } from '../logging/logger.js';
import { startSandbox } from '../server/sandbox.js';
import { VENDORS } from '../vendors/registry.js';

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

const { version } = JSON.parse(readFileSync(packagePath('package.json'), 'utf8')) as { version: string };

const program = new Command('kyc-sandbox')
  .description(
    `A stateful sandbox of KYC and fintech vendor APIs, at their real paths: ${VENDORS.map((v) => v.title).join(', ')}.`,
  )
  .version(version)
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
  );

program.parse();
const { set: vendorSettings, checkDelay, ...flags } = program.opts<
  SandboxOptions & { logLevel: LogLevel; set: SandboxOptions['vendorSettings']; checkDelay: number }
>();

try {
  const sandbox = await startSandbox({ ...flags, vendorSettings, checkDelayMs: checkDelay });
  process.stdout.write(`kyc-sandbox listening on ${sandbox.url}\n`);
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
} catch (error) {
  process.stderr.write(`kyc-sandbox: ${(error as Error).message}\n`);
  process.exit(1);
}
