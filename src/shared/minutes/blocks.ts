/**
 * The minutes as a small, format-neutral document: headings, paragraphs, label/value fields,
 * lists and tables. The Markdown, HTML, Word and PDF exports all walk the same blocks, so the
 * preview (the HTML) is exactly what every format contains.
 */

/** A run of text; plain strings are unstyled. Renderers escape text, never interpret it. */
export type Inline = string | { text: string; bold?: boolean; italic?: boolean };

export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3 | 4; text: string }
  /**
   * keepWithNext: a lead-in ("Union interests", "Test 2: ...") that must not end a page apart from
   * the list or table it introduces (Word's keep-with-next, CSS break-after in print).
   */
  | { kind: 'paragraph'; content: Inline[]; keepWithNext?: boolean }
  /** "Label: value" lines, e.g. the header's date and location. */
  | { kind: 'fields'; rows: ReadonlyArray<readonly [label: string, value: string]> }
  | { kind: 'list'; ordered?: boolean; items: Inline[][] }
  | { kind: 'table'; header: string[]; rows: string[][] }
  /** A picture drawn as SVG (run charts); formats that cannot show it print its description. */
  | {
      kind: 'image';
      svg: string;
      alt: string;
      width: number;
      height: number;
      /** What the picture is called where it cannot be shown ("Chart"), in the document's language. */
      label?: string;
    };

export const inlineText = (inline: Inline): string => (typeof inline === 'string' ? inline : inline.text);

export const plainText = (content: readonly Inline[]): string => content.map(inlineText).join('');

export const bold = (text: string): Inline => ({ text, bold: true });
export const italic = (text: string): Inline => ({ text, italic: true });

/** A bold label introducing the block after it, kept on the same page as that block. */
export const leadIn = (...content: Inline[]): Block => ({ kind: 'paragraph', content, keepWithNext: true });
