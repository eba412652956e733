/**
 * A PDF of plain text lines in Helvetica, one of the fonts every PDF reader carries: nothing is
 * embedded, so a report is a few kilobytes and needs no PDF library (pdfkit and its fonts weighed
 * 17 MB of the installed package for the same pages).
 */
export interface PdfLine {
  text: string;
  /** Font size in points (default 10). */
  size?: number;
  /** Written in grey, for notes. */
  muted?: boolean;
  /** Extra space above the line, in lines of its size. */
  spaceBefore?: number;
}

export interface PdfInfo {
  title: string;
  producer: string;
  createdAt: Date;
}

const PAGE_WIDTH = 595.28;
const PAGE_HEIGHT = 841.89;
const MARGIN = 50;
const LINE_HEIGHT = 1.25;
/** Helvetica's average advance is about half its size: enough to wrap a line before the margin. */
const AVERAGE_ADVANCE = 0.5;

/** The characters WinAnsi keeps at 0x80–0x9F, where Latin-1 has control codes: quotes, dashes, the euro sign… */
const WIN_ANSI_EXTRAS = new Map(
  [...'€ ‚ƒ„…†‡ˆ‰Š‹Œ Ž  ‘’“”•–—˜™š›œ žŸ']
    .map((character, index) => [character, 0x80 + index] as const)
    .filter(([character]) => character !== ' '),
);

/** Text as WinAnsi bytes in a PDF string: the standard fonts' encoding, anything else shown as `?`. */
function pdfString(text: string): string {
  let escaped = '';
  for (const character of text) {
    const code = character.codePointAt(0)!;
    const winAnsi = code >= 0xa0 && code <= 0xff ? code : WIN_ANSI_EXTRAS.get(character);
    if (character === '\\' || character === '(' || character === ')') escaped += `\\${character}`;
    else if (code >= 0x20 && code <= 0x7e) escaped += character;
    else if (winAnsi !== undefined) escaped += `\\${winAnsi.toString(8).padStart(3, '0')}`;
    else escaped += '?';
  }
  return `(${escaped})`;
}

function wrap(text: string, size: number): string[] {
  const perLine = Math.max(1, Math.floor((PAGE_WIDTH - 2 * MARGIN) / (size * AVERAGE_ADVANCE)));
  const wrapped: string[] = [];
  for (const paragraph of text.split('\n')) {
    let rest = paragraph;
    while (rest.length > perLine) {
      const breakAt = rest.lastIndexOf(' ', perLine);
      const cut = breakAt > 0 ? breakAt : perLine;
      wrapped.push(rest.slice(0, cut));
      rest = rest.slice(cut).replace(/^ /, '');
    }
    wrapped.push(rest);
  }
  return wrapped;
}

function pdfDate(date: Date): string {
  const digits = date.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return `(D:${digits}Z)`;
}

/** Lays the lines out top to bottom, on as many A4 pages as they need. */
function pageContents(lines: PdfLine[]): string[] {
  const pages: string[][] = [[]];
  let y = PAGE_HEIGHT - MARGIN;
  for (const line of lines) {
    const size = line.size ?? 10;
    const step = size * LINE_HEIGHT;
    y -= (line.spaceBefore ?? 0) * step;
    for (const text of wrap(line.text, size)) {
      y -= step;
      if (y < MARGIN) {
        pages.push([]);
        y = PAGE_HEIGHT - MARGIN - step;
      }
      const colour = line.muted ? '0.5 g' : '0 g';
      pages.at(-1)!.push(`BT /F1 ${size} Tf ${colour} ${MARGIN} ${y.toFixed(2)} Td ${pdfString(text)} Tj ET`);
    }
  }
  return pages.map((commands) => commands.join('\n'));
}

export function textPdf(info: PdfInfo, lines: PdfLine[]): Buffer {
  const contents = pageContents(lines);
  // Objects: 1 catalog, 2 page tree, 3 font, 4 info, then a page and its content stream for each page.
  const pageIds = contents.map((_, index) => 5 + index * 2);
  const objects: string[] = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pageIds.length} >>`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    `<< /Title ${pdfString(info.title)} /Producer ${pdfString(info.producer)} /CreationDate ${pdfDate(info.createdAt)} >>`,
  ];
  contents.forEach((content, index) => {
    objects.push(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${PAGE_WIDTH} ${PAGE_HEIGHT}] /Resources << /Font << /F1 3 0 R >> >> /Contents ${pageIds[index]! + 1} 0 R >>`,
      `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
    );
  });
  let body = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 4 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}
