import { plainText, type Block } from './blocks';

// Plain text for the body of an email: no markup to show as stray asterisks in a mail client,
// headings underlined, tables as one indented line per row. Lines are not wrapped, so a mail
// client reflows them to its own width.

const oneLine = (text: string) => text.replace(/\s*\n\s*/g, ' ').trim();

export function renderBlocksText(blocks: readonly Block[]): string {
  const out: string[] = [];
  for (const b of blocks) {
    switch (b.kind) {
      case 'heading': {
        const text = oneLine(b.text);
        out.push(b.level <= 2 ? `${text}\n${(b.level === 1 ? '=' : '-').repeat(Math.min(72, text.length))}` : text.toUpperCase());
        break;
      }
      case 'paragraph':
        out.push(plainText(b.content));
        break;
      case 'fields':
        out.push(b.rows.map(([label, value]) => `${label}: ${oneLine(value)}`).join('\n'));
        break;
      case 'list':
        out.push(b.items.map((item, i) => `${b.ordered ? `${i + 1}.` : '-'} ${oneLine(plainText(item))}`).join('\n'));
        break;
      case 'table':
        // "Label: value" per cell keeps each row readable without column alignment, which
        // proportional fonts in mail clients would break anyway.
        out.push(
          b.rows
            .map((row) =>
              b.header
                .map((h, i) => [h, oneLine(row[i] ?? '')] as const)
                .filter(([, v]) => v !== '')
                .map(([h, v], i) => (i === 0 ? `- ${v}` : `    ${h}: ${v}`))
                .join('\n'),
            )
            .join('\n'),
        );
        break;
      case 'image':
        out.push(`[${b.alt}]`);
        break;
    }
  }
  return `${out.join('\n\n')}\n`;
}
