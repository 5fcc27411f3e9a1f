import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  ImageRun,
  LevelFormat,
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
import type { Block, Inline } from './blocks';
import type { Locale } from '../i18n/locales';
import { minutesWords, type MinutesWords } from './words';

// A Word document with real headings (Heading 1-4 styles, so Word's navigation pane and table of
// contents work), real tables with a repeating header row, and real bullet/numbered lists.

const HEADINGS = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3, 4: HeadingLevel.HEADING_4 } as const;
const FONT = 'Calibri';
const BORDER = { style: BorderStyle.SINGLE, size: 4, color: 'B8C2CC' };

/** Text runs; a newline typed by the recorder becomes a line break. */
function runs(content: readonly Inline[], base: { bold?: boolean } = {}): TextRun[] {
  return content.flatMap((r) => {
    const { text, bold, italic } = typeof r === 'string' ? { text: r, bold: false, italic: false } : r;
    return text.split('\n').map((line, i) => new TextRun({ text: line, bold: bold || base.bold, italics: italic, break: i > 0 ? 1 : undefined }));
  });
}

/** Letter width less the margins, in twentieths of a point. */
const TEXT_WIDTH = 12240 - 2 * 1000;

/** One character of 10.5 pt text in a wide font (DejaVu stands in for Calibri on Linux), in twentieths of a point, and a cell's side padding. */
const CHAR_WIDTH = 140;
const CELL_PADDING = 240;

/**
 * Column widths by how much each column holds (Word and LibreOffice otherwise split the width
 * evenly, cramping long descriptions), but never narrower than the column's longest word, so a
 * side column never breaks "Management" in two.
 */
export function columnWidths(header: readonly string[], rows: readonly string[][]): number[] {
  const cells = (i: number) => [header[i]!, ...rows.map((r) => r[i] ?? '')];
  // Long cells wrap anyway: past 60 characters a column needs no more room.
  const weight = header.map((_, i) => Math.min(Math.max(...cells(i).map((c) => c.length), 6), 60));
  const minimum = header.map((_, i) => Math.max(...cells(i).flatMap((c) => c.split(/\s+/).map((w) => w.length))) * CHAR_WIDTH + CELL_PADDING);
  const total = weight.reduce((a, b) => a + b, 0);
  const widths = weight.map((w) => Math.floor((TEXT_WIDTH * w) / total));
  // Give narrow columns their minimum, taken from the widest column while it can spare it.
  for (let i = 0; i < widths.length; i++) {
    const short = minimum[i]! - widths[i]!;
    if (short <= 0) continue;
    const widest = widths.indexOf(Math.max(...widths));
    if (widest === i) continue;
    const spare = Math.max(0, widths[widest]! - minimum[widest]!);
    const moved = Math.min(short, spare);
    widths[i]! += moved;
    widths[widest]! -= moved;
  }
  return widths;
}

function table(header: readonly string[], rows: readonly string[][]): Table {
  const widths = columnWidths(header, rows);
  const cell = (text: string, head: boolean, i: number) =>
    new TableCell({
      width: { size: widths[i]!, type: WidthType.DXA },
      children: [new Paragraph({ children: runs([text], { bold: head }), spacing: { before: 40, after: 40 } })],
      shading: head ? { type: ShadingType.CLEAR, fill: 'E9EEF3', color: 'auto' } : undefined,
      margins: { left: 90, right: 90 },
    });
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    borders: { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER, insideHorizontal: BORDER, insideVertical: BORDER },
    rows: [
      // The header row never ends a page alone: it stays with the first row under it.
      new TableRow({ tableHeader: true, cantSplit: true, keepNext: true, children: header.map((h, i) => cell(h, true, i)) }),
      ...rows.map((r) => new TableRow({ cantSplit: true, children: header.map((_, i) => cell(r[i] ?? '', false, i)) })),
    ],
  });
}

/** Turns an SVG picture into PNG bytes (the renderer draws it on a canvas); Word needs a bitmap. */
export type Rasterize = (svg: string, width: number, height: number) => Promise<Uint8Array>;

export interface DocxInput {
  title: string;
  blocks: readonly Block[];
  status: 'draft' | 'approved';
  /** PNGs of the image blocks, by block index; an image without one prints its description. */
  images?: ReadonlyMap<number, Uint8Array>;
  /** The minutes' language (the meeting's); English when not given. */
  words?: MinutesWords;
}

/** Word's language tag per locale: spelling and hyphenation follow the minutes' language. */
const WORD_LANGUAGE: Record<Locale, string> = { en: 'en-US', es: 'es-US' };

export function buildMinutesDocx(input: DocxInput): Document {
  const { t, locale } = input.words ?? minutesWords();
  const chart = t('improvement.chartName');
  const children: Array<Paragraph | Table> = [];
  let listCount = 0;
  children.push(
    new Paragraph({
      children: [
        new TextRun({
          text: t(input.status === 'approved' ? 'approval.badgeApproved' : 'approval.badgeDraft').toLocaleUpperCase(locale),
          bold: true,
          size: 18,
          color: input.status === 'approved' ? '1A7F37' : 'AA6600',
        }),
      ],
      spacing: { after: 120 },
    }),
  );
  for (const [index, b] of input.blocks.entries()) {
    switch (b.kind) {
      case 'heading':
        // A heading never ends a page: Word moves it to the next page with what it heads.
        children.push(new Paragraph({ heading: HEADINGS[b.level], children: [new TextRun({ text: b.text })], keepNext: true, keepLines: true }));
        break;
      case 'paragraph':
        children.push(new Paragraph({ children: runs(b.content), spacing: { after: 80 }, keepNext: b.keepWithNext === true || undefined }));
        break;
      case 'fields': {
        // Label lines read as one unit, and stay with a table right after them (a test's method
        // and result above its votes by side).
        const beforeTable = input.blocks[index + 1]?.kind === 'table';
        b.rows.forEach(([label, value], i) =>
          children.push(
            new Paragraph({
              children: [new TextRun({ text: `${label}: `, bold: true }), ...runs([value])],
              spacing: { after: 40 },
              keepNext: i < b.rows.length - 1 || beforeTable || undefined,
              keepLines: true,
            }),
          ),
        );
        break;
      }
      case 'list': {
        // Each numbered list restarts at 1: a numbering instance of its own.
        const instance = listCount++;
        for (const item of b.items) {
          children.push(
            new Paragraph({
              children: runs(item),
              ...(b.ordered ? { numbering: { reference: 'numbered', level: 0, instance } } : { bullet: { level: 0 } }),
              spacing: { after: 40 },
            }),
          );
        }
        break;
      }
      case 'table':
        children.push(table(b.header, b.rows));
        children.push(new Paragraph({ children: [], spacing: { after: 80 } }));
        break;
      case 'image': {
        const png = input.images?.get(index);
        // 6.5 inches wide at most (the text width), keeping the picture's proportions.
        const scale = Math.min(1, 624 / b.width);
        children.push(
          png
            ? new Paragraph({
                children: [
                  new ImageRun({
                    type: 'png',
                    data: png,
                    transformation: { width: Math.round(b.width * scale), height: Math.round(b.height * scale) },
                    altText: { name: b.label ?? chart, description: b.alt, title: b.alt },
                  }),
                ],
                spacing: { after: 120 },
              })
            : new Paragraph({ children: [new TextRun({ text: `[${b.label ?? chart}] ${b.alt}`, italics: true })], spacing: { after: 80 } }),
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
        document: { run: { font: FONT, size: 21, language: { value: WORD_LANGUAGE[locale] } } },
        heading1: { run: { font: FONT, size: 34, bold: true, color: '1F3A5F' }, paragraph: { spacing: { before: 120, after: 160 } } },
        heading2: { run: { font: FONT, size: 27, bold: true, color: '1F3A5F' }, paragraph: { spacing: { before: 320, after: 120 } } },
        heading3: { run: { font: FONT, size: 23, bold: true, color: '1F3A5F' }, paragraph: { spacing: { before: 240, after: 80 } } },
        heading4: { run: { font: FONT, size: 19, bold: true, allCaps: true, color: '4A6078' }, paragraph: { spacing: { before: 200, after: 60 } } },
      },
    },
    numbering: {
      config: [
        {
          reference: 'numbered',
          levels: [
            {
              level: 0,
              format: LevelFormat.DECIMAL,
              text: '%1.',
              alignment: AlignmentType.START,
              style: { paragraph: { indent: { left: 540, hanging: 300 } } },
            },
          ],
        },
      ],
    },
    sections: [
      {
        properties: { page: { margin: { top: 1000, bottom: 1000, left: 1000, right: 1000 } } },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.RIGHT,
                children: [
                  new TextRun({ children: [`${input.title}  ·  page `, PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES], size: 16, color: '666666' }),
                ],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
}

/** The .docx bytes; works in the renderer and in Node (tests, benchmarks, where nothing rasterizes). */
export async function renderMinutesDocx(input: Omit<DocxInput, 'images'>, rasterize?: Rasterize): Promise<Uint8Array<ArrayBuffer>> {
  const images = new Map<number, Uint8Array>();
  if (rasterize) {
    for (const [i, b] of input.blocks.entries()) if (b.kind === 'image') images.set(i, await rasterize(b.svg, b.width, b.height));
  }
  const blob = await Packer.toBlob(buildMinutesDocx({ ...input, images }));
  return new Uint8Array(await blob.arrayBuffer());
}
