import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { textPdf, type PdfLine } from '../../src/pdf/text-pdf.js';

/** Writes the PDF and reads it back with poppler, as any PDF reader would. */
function readBack(lines: PdfLine[]) {
  const file = join(mkdtempSync(join(tmpdir(), 'kyc-pdf-')), 'out.pdf');
  writeFileSync(file, textPdf({ title: 'Client report', producer: 'kyc-sandbox', createdAt: new Date('2026-11-30T10:20:30Z') }, lines));
  return {
    info: execFileSync('pdfinfo', [file], { encoding: 'utf8' }),
    text: execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }),
  };
}

describe('text PDFs', () => {
  it('carry their title, producer and date, and text in WinAnsi (accents, curly quotes, dashes) with the rest as ?', () => {
    const { info, text } = readBack([{ text: 'Name: José Ñúñez (O’Brien) \\ “quoted” — 50 €' }, { text: 'Kanji: 漢字' }]);
    expect(info).toMatch(/Title:\s+Client report/);
    expect(info).toMatch(/Producer:\s+kyc-sandbox/);
    expect(info).toMatch(/CreationDate:\s+Mon Nov 30 10:20:30 2026 UTC/);
    expect(info).toMatch(/Pages:\s+1\n/);
    expect(text).toContain('Name: José Ñúñez (O’Brien) \\ “quoted” — 50 €');
    expect(text).toContain('Kanji: ??');
  });

  it('runs onto further pages, and wraps a long line at a word', () => {
    const lines: PdfLine[] = Array.from({ length: 120 }, (_, index) => ({ text: `Line ${index}` }));
    lines.push({ text: 'word '.repeat(60).trim() });
    const { info, text } = readBack(lines);
    expect(info).toMatch(/Pages:\s+3\n/);
    for (const index of [0, 59, 119]) expect(text).toMatch(new RegExp(`^\\s*Line ${index}$`, 'm'));
    const wrapped = text.split('\n').filter((line) => /^\s*word( word)*\s*$/.test(line));
    expect(wrapped.length).toBeGreaterThan(1);
    expect(wrapped.join(' ').trim().split(/\s+/)).toHaveLength(60);
  });
});
