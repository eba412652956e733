import type { OperationContext, OperationHandler } from '../contract.js';
import { requireClient, type ComplyCubeClient } from './clients.js';
import { magicRiskOf, SCREENING_TYPES } from './outcomes.js';
import { collections, type Check } from './records.js';
import type { components, operations } from './generated/openapi.js';

type RiskProfile = components['schemas']['RiskProfile'];
type Risk = components['schemas']['Risk'];
const RANK: Record<Risk, number> = { not_set: 0, low: 1, medium: 2, high: 3 };
const SOURCES = [
  'Federal Bureau of Investigation (FBI)',
  'FinCEN',
  'Financial Action Task Force (FATF)',
  'Organisation for Economic Co-operation and Development (OECD)',
  'Transparency International',
];

/** Screening outcomes that leave a match standing. */
const FLAGGED = new Set(['attention', 'match_confirmed']);

const highest = (risks: Risk[]): Risk => risks.reduce<Risk>((top, risk) => (RANK[risk] > RANK[top] ? risk : top), 'not_set');

/**
 * The testing data: a client with an address, nationality, birth country or incorporation country has a low
 * risk, medium or high with middleName `medium-risk` or `high-risk`, whatever the country.
 */
function countryRisk(client: ComplyCubeClient, addressCountries: string[]): RiskProfile['countryRisk'] {
  const countries = [
    client.personDetails?.nationality,
    client.personDetails?.birthCountry,
    client.companyDetails?.incorporationCountry,
    ...addressCountries,
  ].filter((country): country is string => country !== undefined);
  const [country] = countries;
  if (country === undefined) return { risk: 'not_set' };
  const risk: Risk = magicRiskOf(client);
  return { risk, country, breakdown: SOURCES.map((source) => ({ source, normalisedRiskScore: risk })) };
}

/** The client's profile as its data and checks stand now. */
export function riskProfileOf(context: Pick<OperationContext, 'partition'>, client: ComplyCubeClient) {
  const store = collections(context.partition);
  const addresses = store.addresses.values().filter((address) => address.clientId === client.id);
  const checks = store.checks.values().filter((check) => check.clientId === client.id);
  const screening = checks.findLast((check: Check) => SCREENING_TYPES.has(check.type) && check.status === 'complete');
  const outcome = screening?.result?.outcome;
  const exposure: Risk = !screening ? 'not_set' : outcome !== undefined && FLAGGED.has(outcome) ? magicRiskOf(client) : 'low';
  const fromCheck = screening ? { risk: exposure, checkId: screening.id } : { risk: exposure };
  const country = countryRisk(client, addresses.map((address) => address.country));
  const updatedAt = [...addresses, ...checks].reduce((latest, { updatedAt: at }) => (at > latest ? at : latest), client.updatedAt);
  return {
    overall: highest([country.risk, exposure]),
    countryRisk: country,
    politicalExposureRisk: fromCheck,
    occupationRisk: fromCheck,
    watchlistRisk: fromCheck,
    updatedAt,
  };
}

const getRiskProfile: OperationHandler<operations['getRiskProfile']> = (context) => ({
  status: 200,
  body: riskProfileOf(context, requireClient(context, context.params.id)),
});

export const riskProfileHandlers = { getRiskProfile };
