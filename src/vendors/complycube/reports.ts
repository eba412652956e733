import { textPdf, type PdfLine } from '../../pdf/text-pdf.js';
import { VendorError, type OperationContext, type OperationHandler, type ResponseOf } from '../contract.js';
import { requireCheck } from './checks.js';
import { requireClient, type ComplyCubeClient } from './clients.js';
import { complyCubeError, invalidRequest } from './errors.js';
import { riskProfileOf } from './risk-profile.js';
import { collections, type Check } from './records.js';
import type { operations } from './generated/openapi.js';

function render(context: OperationContext, title: string, body: PdfLine[]): Buffer {
  // Dated by the sandbox clock, like everything else the sandbox writes.
  const createdAt = context.now();
  return textPdf({ title, producer: 'kyc-sandbox', createdAt }, [
    { text: 'ComplyCube (sandbox)', size: 20 },
    { text: title, size: 16, spaceBefore: 1 },
    ...body,
    { text: `Generated ${createdAt.toISOString()} by kyc-sandbox. Not a real ComplyCube report.`, size: 8, muted: true, spaceBefore: 1 },
  ]);
}

function lines(entries: [string, unknown][], spaceBefore = 0): PdfLine[] {
  return entries
    .filter(([, value]) => value !== undefined)
    .map(([label, value], index) => ({ text: `${label}: ${String(value)}`, spaceBefore: index === 0 ? spaceBefore : 0 }));
}

function clientSection(client: ComplyCubeClient): PdfLine[] {
  return lines(
    [
      ['Client ID', client.id],
      ['Name', client.entityName],
      ['Type', client.type],
      ['Email', client.email],
      ['Date of birth', client.personDetails?.dob],
      ['Nationality', client.personDetails?.nationality],
      ['Registration number', client.companyDetails?.registrationNumber],
      ['Created', client.createdAt],
    ],
    0.5,
  );
}

function checkSection(check: Check, spaceBefore: number): PdfLine[] {
  return lines(
    [['Check ID', check.id], ['Type', check.type], ['Status', check.status], ['Outcome', check.result?.outcome], ['Created', check.createdAt]],
    spaceBefore,
  );
}

const reportOf = (data: Buffer): ResponseOf<operations['generateReport']> => ({
  status: 200,
  body: { contentType: 'application/pdf', data: data.toString('base64') },
});

function checkReport(context: OperationContext, checkId: string): ResponseOf<operations['generateReport']> {
  const check = requireCheck(context, checkId);
  if (check.status === 'pending') {
    throw new VendorError(complyCubeError(422, 'processing_error', 'pending_check_unmodifiable: a report cannot be generated for a pending check'));
  }
  return reportOf(
    render(context, 'Check report', [
      ...clientSection(requireClient(context, check.clientId)),
      ...checkSection(check, 1),
      { text: 'Breakdown:', spaceBefore: 1 },
      { text: JSON.stringify(check.result?.breakdown ?? {}, null, 2) },
    ]),
  );
}

function clientReport(context: OperationContext, clientId: string): ResponseOf<operations['generateReport']> {
  const client = requireClient(context, clientId);
  const checks = collections(context.partition).checks.values().filter((check) => check.clientId === client.id);
  const profile = riskProfileOf(context, client);
  return reportOf(
    render(context, 'Client report', [
      ...clientSection(client),
      { text: 'Risk profile', size: 12, spaceBefore: 1 },
      ...lines([['Overall', profile.overall], ['Country', profile.countryRisk.risk], ['Political exposure', profile.politicalExposureRisk.risk]]),
      { text: `Checks (${checks.length})`, size: 12, spaceBefore: 1 },
      ...checks.flatMap((check, index) => checkSection(check, index === 0 ? 0 : 0.5)),
    ]),
  );
}

const generateReport: OperationHandler<operations['generateReport']> = (context) => {
  const { clientId, checkId } = context.query;
  if (checkId !== undefined && clientId === undefined) return checkReport(context, checkId);
  if (clientId !== undefined && checkId === undefined) return clientReport(context, clientId);
  throw invalidRequest("Exactly one of 'clientId' and 'checkId' must be provided", 'clientId');
};

export const reportHandlers = { generateReport };
