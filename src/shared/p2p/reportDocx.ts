import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  ImageRun,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { Block, Inline } from '../minutes/blocks';
import { columnWidths, type Rasterize } from '../minutes/docx';

// The report's Word file: the same blocks as its HTML/PDF, with the minutes exporter's page, table
// and heading conventions (real Heading styles, repeating table headers, column widths by content).
// The minutes exporter prints a fixed "minutes" status line, which a council report must not carry,
// so the report has this small walker of its own for the block kinds it uses.

const HEADINGS = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3, 4: HeadingLevel.HEADING_4 } as const;
const FONT = 'Calibri';
const BORDER = { style: BorderStyle.SINGLE, size: 4, color: 'B8C2CC' };
const TEXT_WIDTH = 12240 - 2 * 1000;

function runs(content: readonly Inline[], base: { bold?: boolean } = {}): TextRun[] {
  return content.flatMap((r) => {
    const { text, bold, italic } = typeof r === 'string' ? { text: r, bold: false, italic: false } : r;
    return text.split('\n').map((line, i) => new TextRun({ text: line, bold: bold || base.bold, italics: italic, break: i > 0 ? 1 : undefined }));
  });
}

function table(header: readonly string[], rows: readonly string[][]): Table {
  const widths = columnWidths(header, rows);
  const cell = (text: string, head: boolean, i: number) =>
    new TableCell({
      width: { size: widths[i]!, type: WidthType.DXA },
      children: [new Paragraph({ children: runs([text], { bold: head }), spacing: { before: 30, after: 30 } })],
      shading: head ? { type: ShadingType.CLEAR, fill: 'E9EEF3', color: 'auto' } : undefined,
      margins: { left: 90, right: 90 },
    });
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    borders: { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER, insideHorizontal: BORDER, insideVertical: BORDER },
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: header.map((h, i) => cell(h, true, i)) }),
      ...rows.map((r) => new TableRow({ cantSplit: true, children: header.map((_, i) => cell(r[i] ?? '', false, i)) })),
    ],
  });
}

export interface ReportDocxInput {
  title: string;
  /** A short line above the title, e.g. "COUNCIL REPORT". */
  banner: string;
  blocks: readonly Block[];
  /** The words of the document's language; English when not given. */
  chart?: string;
  missingChart?: (alt: string) => string;
  /** The footer line: `page` and `pages` are the marks where Word puts the page numbers. */
  page?: (title: string, page: string, pages: string) => string;
}

const PAGE_MARK = '\u0000page\u0000';
const PAGES_MARK = '\u0000pages\u0000';

/** The footer's runs: its words around Word's page-number fields, in the order the language puts them. */
function footerRuns(input: ReportDocxInput): Array<string | (typeof PageNumber)[keyof typeof PageNumber]> {
  const line = input.page ? input.page(input.title, PAGE_MARK, PAGES_MARK) : `${input.title}  ·  page ${PAGE_MARK} of ${PAGES_MARK}`;
  // A title cannot hold the marks (NUL never survives a text field), so splitting on them is exact.
  return line
    .split(PAGES_MARK)
    .flatMap((part, i) => [...(i ? [PageNumber.TOTAL_PAGES] : []), ...part.split(PAGE_MARK).flatMap((text, j) => [...(j ? [PageNumber.CURRENT] : []), text])])
    .filter((part) => part !== '');
}

function build(input: ReportDocxInput, images: ReadonlyMap<number, Uint8Array>): Document {
  const children: Array<Paragraph | Table> = [
    new Paragraph({ children: [new TextRun({ text: input.banner, bold: true, size: 18, color: '4A6078' })], spacing: { after: 100 } }),
  ];
  for (const [index, b] of input.blocks.entries()) {
    switch (b.kind) {
      case 'heading':
        children.push(new Paragraph({ heading: HEADINGS[b.level], children: [new TextRun({ text: b.text })], keepNext: true }));
        break;
      case 'paragraph':
        children.push(new Paragraph({ children: runs(b.content), spacing: { after: 80 } }));
        break;
      case 'fields':
        for (const [label, value] of b.rows)
          children.push(new Paragraph({ children: [new TextRun({ text: `${label}: `, bold: true }), ...runs([value])], spacing: { after: 20 } }));
        break;
      case 'list':
        for (const item of b.items) children.push(new Paragraph({ children: runs(item), bullet: { level: 0 }, spacing: { after: 30 } }));
        break;
      case 'table':
        children.push(table(b.header, b.rows));
        children.push(new Paragraph({ children: [], spacing: { after: 60 } }));
        break;
      case 'image': {
        const png = images.get(index);
        const scale = Math.min(1, 624 / b.width);
        children.push(
          png
            ? new Paragraph({
                children: [
                  new ImageRun({
                    type: 'png',
                    data: png,
                    transformation: { width: Math.round(b.width * scale), height: Math.round(b.height * scale) },
                    altText: { name: input.chart ?? 'Chart', description: b.alt, title: b.alt },
                  }),
                ],
                spacing: { after: 80 },
              })
            : new Paragraph({
                children: [new TextRun({ text: input.missingChart ? input.missingChart(b.alt) : `[Chart] ${b.alt}`, italics: true })],
                spacing: { after: 80 },
              }),
        );
        break;
      }
    }
  }
  return new Document({
    title: input.title,
    creator: 'Common Ground',
    styles: {
      default: {
        document: { run: { font: FONT, size: 20 } },
        heading1: { run: { font: FONT, size: 30, bold: true, color: '1F3A5F' }, paragraph: { spacing: { before: 80, after: 120 } } },
        heading2: { run: { font: FONT, size: 24, bold: true, color: '1F3A5F' }, paragraph: { spacing: { before: 220, after: 80 } } },
        heading3: { run: { font: FONT, size: 21, bold: true, color: '1F3A5F' }, paragraph: { spacing: { before: 160, after: 60 } } },
        heading4: { run: { font: FONT, size: 19, bold: true, allCaps: true, color: '4A6078' }, paragraph: { spacing: { before: 140, after: 40 } } },
      },
    },
    sections: [
      {
        properties: { page: { margin: { top: 1000, bottom: 1000, left: 1000, right: 1000 } } },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.RIGHT,
                children: [new TextRun({ children: footerRuns(input), size: 16, color: '666666' })],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
}

/** The .docx bytes; image blocks become pictures when a rasterizer is given (the renderer has one). */
export async function renderReportDocx(input: ReportDocxInput, rasterize?: Rasterize): Promise<Uint8Array<ArrayBuffer>> {
  const images = new Map<number, Uint8Array>();
  if (rasterize) for (const [i, b] of input.blocks.entries()) if (b.kind === 'image') images.set(i, await rasterize(b.svg, b.width, b.height));
  const blob = await Packer.toBlob(build(input, images));
  return new Uint8Array(await blob.arrayBuffer());
}
