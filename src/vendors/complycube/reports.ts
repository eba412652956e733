import type PDFKit from 'pdfkit';
import { VendorError, type OperationContext, type OperationHandler } from '../contract.js';
import { requireCheck } from './checks.js';
import { requireClient, type ComplyCubeClient } from './clients.js';
import { complyCubeError, invalidRequest } from './errors.js';
import { riskProfileOf } from './risk-profile.js';
import { collections, type Check } from './records.js';

type Pdf = InstanceType<typeof PDFKit>;

// pdfkit takes longer to load than the rest of the sandbox: loaded with the first report, not at start.
let pdfkit: Promise<typeof PDFKit> | undefined;

async function render(context: OperationContext, title: string, draw: (pdf: Pdf) => void): Promise<Buffer> {
  const PDFDocument = await (pdfkit ??= import('pdfkit').then((module) => module.default));
  // Dated by the sandbox clock, like everything else the sandbox writes.
  const pdf = new PDFDocument({ size: 'A4', margin: 50, info: { Title: title, Producer: 'kyc-sandbox', CreationDate: context.now() } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  pdf.fontSize(20).text('ComplyCube', { continued: true }).fontSize(12).text(' (sandbox)');
  pdf.moveDown().fontSize(16).text(title).moveDown(0.5).fontSize(10);
  draw(pdf);
  pdf.moveDown().fontSize(8).fillColor('gray').text(`Generated ${context.now().toISOString()} by kyc-sandbox. Not a real ComplyCube report.`);
  pdf.end();
  return done;
}

function lines(pdf: Pdf, entries: [string, unknown][]): void {
  for (const [label, value] of entries) if (value !== undefined) pdf.text(`${label}: ${String(value)}`);
}

function clientSection(pdf: Pdf, client: ComplyCubeClient): void {
  lines(pdf, [
    ['Client ID', client.id],
    ['Name', client.entityName],
    ['Type', client.type],
    ['Email', client.email],
    ['Date of birth', client.personDetails?.dob],
    ['Nationality', client.personDetails?.nationality],
    ['Registration number', client.companyDetails?.registrationNumber],
    ['Created', client.createdAt],
  ]);
}

function checkSection(pdf: Pdf, check: Check): void {
  lines(pdf, [['Check ID', check.id], ['Type', check.type], ['Status', check.status], ['Outcome', check.result?.outcome], ['Created', check.createdAt]]);
}

const reportOf = (data: Buffer) => ({ status: 200, body: { contentType: 'application/pdf', data: data.toString('base64') } });

const generateReport: OperationHandler = async (context) => {
  const { clientId, checkId } = context.query as { clientId?: string; checkId?: string };
  if ((clientId === undefined) === (checkId === undefined)) throw invalidRequest("Exactly one of 'clientId' and 'checkId' must be provided", 'clientId');
  if (checkId !== undefined) {
    const check = requireCheck(context, checkId);
    if (check.status === 'pending') {
      throw new VendorError(complyCubeError(422, 'processing_error', 'pending_check_unmodifiable: a report cannot be generated for a pending check'));
    }
    const client = collections(context.partition).clients.get(check.clientId)!;
    return reportOf(
      await render(context, 'Check report', (pdf) => {
        clientSection(pdf, client);
        pdf.moveDown();
        checkSection(pdf, check);
        pdf.moveDown().text('Breakdown:').text(JSON.stringify(check.result?.breakdown ?? {}, null, 2));
      }),
    );
  }
  const client = requireClient(context, clientId!);
  const checks = collections(context.partition).checks.values().filter((check) => check.clientId === client.id);
  const profile = riskProfileOf(context, client);
  return reportOf(
    await render(context, 'Client report', (pdf) => {
      clientSection(pdf, client);
      pdf.moveDown().fontSize(12).text('Risk profile').fontSize(10);
      lines(pdf, [['Overall', profile.overall], ['Country', profile.countryRisk.risk], ['Political exposure', profile.politicalExposureRisk.risk]]);
      pdf.moveDown().fontSize(12).text(`Checks (${checks.length})`).fontSize(10);
      for (const check of checks) {
        checkSection(pdf, check);
        pdf.moveDown(0.5);
      }
    }),
  );
};

export const reportHandlers = { generateReport };
