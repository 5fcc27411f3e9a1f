import type { Block, Inline } from './blocks';

// CommonMark output. Text typed in the room is never markup: every character that could start
// emphasis, a link, HTML or a table cell is backslash-escaped (valid for any ASCII punctuation),
// and line starts that would open a heading, list, quote or code block are escaped too.

const INLINE_SPECIAL = /[\\`*_[\]<>|~&!]/g;

const escapeInline = (text: string) => text.replace(INLINE_SPECIAL, (c) => `\\${c}`);

/** Line starts that would open a heading, quote, list, thematic break or code block. */
const escapeLineStarts = (text: string) =>
  text
    .split('\n')
    .map((line) =>
      line
        .replace(/^(\s*)([#>+\-=])/, '$1\\$2')
        // Ordered list markers: "1." or "1)" at a line start.
        .replace(/^(\s*\d+)([.)])/, '$1\\$2')
        // Four spaces or a tab would start a code block; leading spaces carry no meaning here.
        .replace(/^\s+/, ''),
    )
    .join('\n');

/** Escape text for use inside a Markdown paragraph, list item or table cell. */
export const escapeMarkdown = (text: string): string => escapeLineStarts(escapeInline(text));

/** A paragraph's runs: escaped one by one, line starts checked once the runs are joined. */
const inline = (runs: readonly Inline[]) =>
  escapeLineStarts(
    runs
      .map((r) => {
        if (typeof r === 'string') return escapeInline(r);
        const text = escapeInline(r.text);
        const core = text.trim();
        if (!core) return text;
        // Emphasis must hug the text, so surrounding spaces stay outside the markers.
        const lead = text.slice(0, text.indexOf(core));
        const trail = text.slice(lead.length + core.length);
        const mark = r.bold ? '**' : '*';
        return `${lead}${mark}${core}${mark}${trail}`;
      })
      .join(''),
  )
    // A line break inside a paragraph is a hard break, as the recorder typed it.
    .replace(/\n/g, '  \n');

/** Table cells are one line: newlines become spaces. */
const cell = (text: string) => escapeMarkdown(text.replace(/\s*\n\s*/g, ' ')) || ' ';

export function renderBlocksMarkdown(blocks: readonly Block[]): string {
  const out: string[] = [];
  for (const b of blocks) {
    switch (b.kind) {
      case 'heading':
        out.push(`${'#'.repeat(b.level)} ${escapeMarkdown(b.text.replace(/\s*\n\s*/g, ' '))}`);
        break;
      case 'paragraph':
        out.push(inline(b.content));
        break;
      case 'fields':
        out.push(b.rows.map(([label, value]) => `**${escapeMarkdown(label)}:** ${inline([value])}`).join('  \n'));
        break;
      case 'list':
        out.push(b.items.map((item, i) => `${b.ordered ? `${i + 1}.` : '-'} ${inline(item).replace(/\n/g, '\n   ')}`).join('\n'));
        break;
      case 'table':
        out.push(
          [
            `| ${b.header.map(cell).join(' | ')} |`,
            `| ${b.header.map(() => '---').join(' | ')} |`,
            ...b.rows.map((r) => `| ${b.header.map((_, i) => cell(r[i] ?? '')).join(' | ')} |`),
          ].join('\n'),
        );
        break;
      case 'image':
        // Markdown readers rarely show embedded SVG: the description stands in for the picture.
        out.push(inline([{ text: `[${b.label ?? 'Chart'}] ${b.alt}`, italic: true }]));
        break;
    }
  }
  return `${out.join('\n\n')}\n`;
}
