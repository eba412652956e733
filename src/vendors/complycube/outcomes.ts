import type { ComplyCubeClient } from './clients.js';
import type { Check, ComplyCubeDocument, Outcome, ScreeningMatch } from './records.js';

/**
 * The sandbox's magic values, read from a person's last name (or a company's name), case-insensitively:
 * `attention` and `rejected` choose the outcome, `failed` makes the check fail (`not_processed`).
 */
export type Magic = 'clear' | 'attention' | 'rejected' | 'failed';

export function magicOf(client: ComplyCubeClient): Magic {
  const name = (client.type === 'company' ? client.companyDetails?.name : client.personDetails?.lastName) ?? '';
  const value = name.trim().toLowerCase();
  return value === 'attention' || value === 'rejected' || value === 'failed' ? value : 'clear';
}

/** middleName `medium-risk` or `high-risk` sets how risky a screening match is. */
export function matchRiskOf(client: ComplyCubeClient): 'low' | 'medium' | 'high' {
  const middle = client.personDetails?.middleName?.trim().toLowerCase();
  return middle === 'high-risk' ? 'high' : middle === 'medium-risk' ? 'medium' : 'low';
}

export const SCREENING_TYPES = new Set(['standard_screening_check', 'extensive_screening_check']);

/** The analyses each check type reports, each `clear` or `attention`. */
const ANALYSES: Record<string, Record<string, string[]>> = {
  document_check: {
    formatAnalysis: ['documentFormat', 'documentStructure'],
    forensicAnalysis: ['tampering', 'photocopy'],
    contentAnalysis: ['dataConsistency', 'dateValidity'],
    mrzAnalysis: ['mrzChecksum', 'mrzFormat'],
    frontBackAnalysis: ['frontBackConsistency'],
    consistencyAnalysis: ['crossFieldConsistency'],
  },
  identity_check: { faceAnalysis: ['faceDetection', 'facialSimilarity', 'spoofDetection'] },
  enhanced_identity_check: { faceAnalysis: ['faceDetection', 'facialSimilarity', 'livenessDetection'] },
  face_authentication_check: { faceAnalysis: ['faceDetection', 'facialSimilarity'] },
  age_estimation_check: { ageAnalysis: ['faceDetection', 'ageThreshold'] },
  proof_of_address_check: { addressAnalysis: ['addressMatch', 'documentDate'] },
  multi_bureau_check: { bureauAnalysis: ['nameMatch', 'dobMatch', 'addressMatch'] },
};

function analyses(type: string, flagged: boolean): Record<string, Record<string, string>> {
  const result: Record<string, Record<string, string>> = {};
  let first = true;
  for (const [analysis, parts] of Object.entries(ANALYSES[type] ?? {})) {
    result[analysis] = Object.fromEntries(parts.map((part) => [part, flagged && first ? 'attention' : 'clear']));
    first = false;
  }
  return result;
}

function screeningBreakdown(client: ComplyCubeClient, flagged: boolean, matchIds: () => string): Record<string, unknown> {
  const level = (hit: boolean) => (hit ? 'attention' : 'clear');
  const risk = matchRiskOf(client);
  const matches: ScreeningMatch[] = flagged
    ? [
        { id: matchIds(), entityName: client.entityName, score: 96, types: ['pep'], status: 'pending' },
        { id: matchIds(), entityName: client.entityName, score: 92, types: ['sanctions'], status: 'pending' },
      ]
    : [];
  return {
    summary: {
      pep: { level1: level(flagged && risk === 'high'), level2: level(flagged && risk === 'medium'), level3: 'clear', level4: level(flagged && risk === 'low') },
      watchlist: {
        sanctionsLists: level(flagged),
        otherOfficialLists: 'clear',
        warCrimes: 'clear',
        terror: 'clear',
        otherExclusionLists: 'clear',
        sanctionsControlAndOwnership: 'clear',
      },
      adverseMedia: { environmentProduction: 'clear', socialLabour: 'clear', competitiveFinancial: 'clear', regulatory: 'clear' },
    },
    matches,
  };
}

function extractedData(client: ComplyCubeClient, document: ComplyCubeDocument | undefined): Record<string, unknown> {
  const person = client.personDetails ?? {};
  return {
    holderDetails: Object.fromEntries(
      Object.entries({ firstName: person.firstName, lastName: person.lastName ?? client.companyDetails?.name, dob: person.dob, nationality: person.nationality })
        .filter(([, value]) => value !== undefined),
    ),
    documentDetails: Object.fromEntries(
      Object.entries({ documentType: document?.type, issuingCountry: document?.issuingCountry }).filter(([, value]) => value !== undefined),
    ),
  };
}

/** How a check ends for this client: its status and result. `matchIds` draws the ids of screening matches. */
export function completionOf(
  check: Check,
  client: ComplyCubeClient,
  document: ComplyCubeDocument | undefined,
  matchIds: () => string,
): Pick<Check, 'status' | 'result'> {
  const magic = magicOf(client);
  if (magic === 'failed') return { status: 'failed', result: { outcome: 'not_processed' } };
  if (SCREENING_TYPES.has(check.type)) {
    const flagged = magic === 'attention';
    return { status: 'complete', result: { outcome: flagged ? 'attention' : 'clear', breakdown: screeningBreakdown(client, flagged, matchIds) } };
  }
  const outcome: Outcome = magic === 'attention' ? 'attention' : magic === 'rejected' ? 'rejected' : 'clear';
  const breakdown: Record<string, unknown> = analyses(check.type, outcome !== 'clear');
  if (check.type === 'document_check' || check.type === 'proof_of_address_check') {
    breakdown.extractedData = extractedData(client, document);
  }
  return { status: 'complete', result: { outcome, breakdown } };
}
