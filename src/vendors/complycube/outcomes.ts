import type { ComplyCubeClient } from './clients.js';
import type { Address, Check, CheckType, ComplyCubeDocument, Outcome, ScreeningMatch } from './records.js';

/**
 * ComplyCube's documented sandbox triggers (docs.complycube.com/documentation/useful-resources/testing-data),
 * read from a person's last name (or a company's name), case-insensitively: `attention` makes every check
 * complete `attention`, `failed` makes it complete `not_processed`. Nothing else is a trigger: `rejected` is
 * an outcome only validation gives.
 */
export const MAGIC_WORDS = ['clear', 'attention', 'failed'] as const;
export type Magic = (typeof MAGIC_WORDS)[number];

export function magicOf(client: ComplyCubeClient): Magic {
  const name = (client.type === 'company' ? client.companyDetails?.name : client.personDetails?.lastName) ?? '';
  const value = name.trim().toLowerCase();
  return value === 'attention' || value === 'failed' ? value : 'clear';
}

/** middleName `medium-risk` or `high-risk` sets the client's risk (testing data). */
export function magicRiskOf(client: ComplyCubeClient): 'low' | 'medium' | 'high' {
  const middle = client.personDetails?.middleName?.trim().toLowerCase();
  return middle === 'high-risk' ? 'high' : middle === 'medium-risk' ? 'medium' : 'low';
}

export const SCREENING_TYPES = new Set(['standard_screening_check', 'extensive_screening_check']);

/** What each check type needs of its client and documents beyond the references the document requires. */
export interface CheckTypeRule {
  /** "This check can only be performed on a client of type person." */
  personOnly?: boolean;
  /** "This check requires the client to have a … attribute set." */
  clientAttribute?: 'mobile' | 'ssn';
  /** "This check can only be initiated through a Workflow Session and is not supported for direct API calls." */
  workflowOnly?: boolean;
  /** The document's type the check accepts. */
  documentType?: string;
  /** The check reads the front image of its document. */
  needsFrontImage?: boolean;
}

export const CHECK_TYPE_RULES: Record<CheckType, CheckTypeRule> = {
  standard_screening_check: {},
  extensive_screening_check: {},
  document_check: { needsFrontImage: true },
  identity_check: { needsFrontImage: true },
  enhanced_identity_check: { personOnly: true, needsFrontImage: true },
  proof_of_address_check: { personOnly: true, needsFrontImage: true },
  multi_bureau_check: {},
  face_authentication_check: { personOnly: true },
  age_estimation_check: { personOnly: true },
  driving_license_check: { personOnly: true, documentType: 'driving_license' },
  ssn_check: { personOnly: true, clientAttribute: 'ssn' },
  identity_fraud_check: {},
  email_intelligence_check: {},
  mobile_intelligence_check: { clientAttribute: 'mobile' },
  device_intelligence_check: { workflowOnly: true },
  eid_check: { workflowOnly: true },
};

/** Document checks' `options.analysisCoverage` values and the breakdown objects they name. */
const DOCUMENT_ANALYSES: Record<string, string> = {
  format_analysis: 'formatAnalysis',
  forensic_analysis: 'forensicAnalysis',
  content_analysis: 'contentAnalysis',
  consistency_analysis: 'consistencyAnalysis',
  front_back_analysis: 'frontBackAnalysis',
  mrz_analysis: 'mrzAnalysis',
};

/**
 * The analysis objects of each type's breakdown, each member `clear` or `attention`. The objects' names are
 * the documented ones (each check type's page); their members beyond the documented ones are the sandbox's.
 */
const ANALYSES: Record<string, Record<string, string[]>> = {
  document_check: {
    formatAnalysis: ['modelIdentification', 'countryModelValidation', 'documentTypeValidation', 'attributeValidation', 'generalFormatValidation'],
    forensicAnalysis: ['mrzVisualPlacement', 'securityElements', 'photoLocation', 'mrzClassification'],
    contentAnalysis: ['dataIntegrity', 'issuanceDate', 'specimenCheck', 'blackListCheck', 'expirationDate'],
    consistencyAnalysis: ['firstName', 'lastName', 'dob', 'documentNumber'],
    frontBackAnalysis: ['documentNumber', 'dob'],
    mrzAnalysis: ['mrzFormat', 'mrzChecksum'],
  },
  identity_check: {
    faceAnalysis: ['faceDetection', 'facialSimilarity'],
    authenticityAnalysis: ['spoofedImageAnalysis', 'livenessCheck'],
  },
  enhanced_identity_check: {
    faceAnalysis: ['faceDetection', 'facialSimilarity'],
    authenticityAnalysis: ['spoofedVideoAnalysis', 'livenessCheck'],
  },
  face_authentication_check: { faceAnalysis: ['faceDetection', 'facialSimilarity'] },
  age_estimation_check: { ageAnalysis: ['faceDetection', 'ageThreshold'] },
  proof_of_address_check: {
    contentAnalysis: ['issuingDate'],
    geolocationAnalysis: ['ipProximity'],
    clientValidation: ['name', 'address'],
  },
  multi_bureau_check: { bureauAnalysis: ['nameMatch', 'dobMatch', 'addressMatch'] },
  driving_license_check: { licenseAnalysis: ['validity', 'status'] },
  ssn_check: {
    dataVerification: ['firstName', 'lastName', 'ssn'],
    databaseAnalysis: ['issued', 'active', 'deceased'],
  },
  identity_fraud_check: {
    identityVerification: ['name', 'dob', 'address'],
    fraudDatabaseAnalysis: ['fraud', 'police', 'mortality', 'fakeProfile'],
  },
  email_intelligence_check: { riskAnalysis: ['riskLevel', 'dataLeak', 'disposableEmail', 'format', 'domain'] },
  mobile_intelligence_check: { riskAnalysis: ['riskLevel', 'lineType', 'carrier', 'simSwap'] },
};

/** The analyses run: every one of the type's, or a document check's `options.analysisCoverage`. */
function analysesRun(check: Check): [string, string[]][] {
  const all = Object.entries(ANALYSES[check.type] ?? {});
  const coverage = check.options?.analysisCoverage;
  if (check.type !== 'document_check' || !Array.isArray(coverage) || coverage.length === 0) return all;
  const chosen = new Set(coverage.map((value) => DOCUMENT_ANALYSES[String(value)]));
  return all.filter(([name]) => chosen.has(name));
}

function analyses(check: Check, flagged: boolean): Record<string, Record<string, string>> {
  const result: Record<string, Record<string, string>> = {};
  let first = true;
  for (const [analysis, parts] of analysesRun(check)) {
    result[analysis] = Object.fromEntries(parts.map((part, index) => [part, flagged && first && index === 0 ? 'attention' : 'clear']));
    first = false;
  }
  return result;
}

function screeningBreakdown(client: ComplyCubeClient, flagged: boolean, matchIds: () => string): Record<string, unknown> {
  const level = (hit: boolean) => (hit ? 'attention' : 'clear');
  const risk = magicRiskOf(client);
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

/** Documented: names extracted from documents are lists (one entry per given or family name). */
const namesOf = (value: string | undefined) => value?.trim().split(/\s+/).filter(Boolean);

/** Documented "structured date": `{day, month, year}`. */
function structuredDate(isoDate: string | undefined) {
  if (isoDate === undefined) return undefined;
  // The document's `date` format has all three.
  const [year = 0, month = 0, day = 0] = isoDate.split('-').map(Number);
  return { day, month, year };
}

/** Drops absent members, as ComplyCube leaves out empty properties. */
const present = (record: Record<string, unknown>) => Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));

function holderDetails(client: ComplyCubeClient): Record<string, unknown> {
  const person = client.personDetails ?? {};
  return present({
    firstName: namesOf(person.firstName),
    middleName: namesOf(person.middleName),
    lastName: namesOf(person.lastName ?? client.companyDetails?.name),
    dob: structuredDate(person.dob),
    gender: person.gender,
    nationality: person.nationality,
  });
}

function documentDetails(document: ComplyCubeDocument | undefined): Record<string, unknown> {
  return present({ documentType: document?.type, issuingCountry: document?.issuingCountry });
}

/** One line, as an address reads on a bill: the client's latest address, if it has one. */
function addressLine(address: Address | undefined): string | undefined {
  if (!address) return undefined;
  return [address.propertyNumber, address.buildingName, address.line, address.city, address.state, address.postalCode, address.country]
    .filter(Boolean)
    .join(', ');
}

function extractedData(check: Check, client: ComplyCubeClient, document: ComplyCubeDocument | undefined, latestAddress: Address | undefined) {
  const data: Record<string, unknown> = { documentDetails: documentDetails(document), holderDetails: holderDetails(client) };
  if (check.type === 'proof_of_address_check') {
    const address = addressLine(latestAddress);
    if (address !== undefined) data.addressDetails = { address };
  }
  return data;
}

export interface CompletionInputs {
  check: Check;
  client: ComplyCubeClient;
  document: ComplyCubeDocument | undefined;
  /** The client's most recently created address. */
  latestAddress: Address | undefined;
  matchIds: () => string;
  /** The outcome a tester chose on the hosted flow's page, in place of the client's testing data. */
  magic?: Magic;
}

/**
 * How a check completes for this client. Every check completes (`complete`, with a result); the testing data
 * documents no trigger for a `failed` check, so none fails here.
 */
export function completionOf({ check, client, document, latestAddress, matchIds, magic = magicOf(client) }: CompletionInputs): Required<Pick<Check, 'status' | 'result'>> {
  if (magic === 'failed') return { status: 'complete', result: { outcome: 'not_processed' } };
  const flagged = magic === 'attention';
  const outcome: Outcome = flagged ? 'attention' : 'clear';
  if (SCREENING_TYPES.has(check.type)) {
    return { status: 'complete', result: { outcome, breakdown: screeningBreakdown(client, flagged, matchIds) } };
  }
  const breakdown: Record<string, unknown> = {};
  if (check.type === 'document_check' || check.type === 'proof_of_address_check') {
    breakdown.extractedData = extractedData(check, client, document, latestAddress);
  }
  if (check.type === 'driving_license_check') breakdown.documentData = documentDetails(document);
  Object.assign(breakdown, analyses(check, flagged));
  return { status: 'complete', result: { outcome, breakdown } };
}
