import type { OperationContext, OperationHandler } from '../contract.js';
import { requireClient, type ComplyCubeClient } from './clients.js';
import { matchRiskOf, SCREENING_TYPES } from './outcomes.js';
import { collections, type Check } from './records.js';

type Risk = 'low' | 'medium' | 'high' | 'not_set';
const RANK: Record<Risk, number> = { not_set: 0, low: 1, medium: 2, high: 3 };
const HIGH = new Set(['AF', 'IR', 'KP', 'MM', 'SY']);
const MEDIUM = new Set(['RU', 'VE', 'NG', 'PK']);
const SOURCES = [
  'Federal Bureau of Investigation (FBI)',
  'FinCEN',
  'Financial Action Task Force (FATF)',
  'Organisation for Economic Co-operation and Development (OECD)',
  'Transparency International',
];

const countryRiskOf = (country: string): Risk => (HIGH.has(country) ? 'high' : MEDIUM.has(country) ? 'medium' : 'low');
const highest = (risks: Risk[]): Risk => risks.reduce<Risk>((top, risk) => (RANK[risk] > RANK[top] ? risk : top), 'not_set');

function countryRisk(client: ComplyCubeClient, addressCountries: string[]) {
  const countries = [
    client.personDetails?.nationality,
    client.personDetails?.birthCountry,
    client.companyDetails?.incorporationCountry,
    ...addressCountries,
  ].filter((country): country is string => country !== undefined);
  if (countries.length === 0) return { risk: 'not_set' as Risk };
  const country = countries.reduce((top, candidate) => (RANK[countryRiskOf(candidate)] > RANK[countryRiskOf(top)] ? candidate : top));
  const risk = countryRiskOf(country);
  return { risk, country, breakdown: SOURCES.map((source) => ({ source, normalisedRiskScore: risk })) };
}

/** The client's profile as its data and checks stand now. */
export function riskProfileOf(context: Pick<OperationContext, 'partition'>, client: ComplyCubeClient) {
  const store = collections(context.partition);
  const addresses = store.addresses.values().filter((address) => address.clientId === client.id);
  const checks = store.checks.values().filter((check) => check.clientId === client.id);
  const screening = checks.findLast((check: Check) => SCREENING_TYPES.has(check.type) && check.status === 'complete');
  const exposure: Risk = !screening ? 'not_set' : screening.result?.outcome === 'clear' ? 'low' : matchRiskOf(client);
  const fromCheck = screening ? { risk: exposure, checkId: screening.id } : { risk: exposure };
  const country = countryRisk(client, addresses.map((address) => address.country));
  const updatedAt = [client.updatedAt, ...addresses.map((address) => address.updatedAt), ...checks.map((check) => check.updatedAt)].sort().at(-1)!;
  return {
    overall: highest([country.risk, exposure]),
    countryRisk: country,
    politicalExposureRisk: fromCheck,
    occupationRisk: fromCheck,
    watchlistRisk: fromCheck,
    updatedAt,
  };
}

const getRiskProfile: OperationHandler = (context) => ({
  status: 200,
  body: riskProfileOf(context, requireClient(context, context.params.id!)),
});

export const riskProfileHandlers = { getRiskProfile };
