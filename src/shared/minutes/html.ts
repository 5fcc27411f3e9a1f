import type { Block, Inline } from './blocks';
import { minutesWords, type MinutesWords } from './words';

// A self-contained, print-friendly HTML page: inline CSS, no scripts, no remote resources. The
// same page is the in-app preview (in a sandboxed iframe), the HTML export and, printed by
// Chromium, the PDF.

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const text = (t: string) => escapeHtml(t).replace(/\n/g, '<br>');

const inline = (runs: readonly Inline[]) =>
  runs
    .map((r) => {
      if (typeof r === 'string') return text(r);
      const inner = text(r.text);
      return r.bold ? `<strong>${inner}</strong>` : r.italic ? `<em>${inner}</em>` : inner;
    })
    .join('');

export function renderBlocksHtmlBody(blocks: readonly Block[]): string {
  return blocks
    .map((b) => {
      switch (b.kind) {
        case 'heading':
          return `<h${b.level}>${text(b.text)}</h${b.level}>`;
        case 'paragraph':
          return b.keepWithNext ? `<p class="lead">${inline(b.content)}</p>` : `<p>${inline(b.content)}</p>`;
        case 'fields':
          return `<dl>${b.rows.map(([label, value]) => `<div><dt>${text(label)}</dt><dd>${text(value)}</dd></div>`).join('')}</dl>`;
        case 'list': {
          const tag = b.ordered ? 'ol' : 'ul';
          return `<${tag}>${b.items.map((item) => `<li>${inline(item)}</li>`).join('')}</${tag}>`;
        }
        case 'table':
          return `<table><thead><tr>${b.header.map((h) => `<th scope="col">${text(h)}</th>`).join('')}</tr></thead><tbody>${b.rows
            .map((r) => `<tr>${b.header.map((_, i) => `<td>${text(r[i] ?? '')}</td>`).join('')}</tr>`)
            .join('')}</tbody></table>`;
        case 'image':
          return `<figure><img src="data:image/svg+xml;charset=utf-8,${encodeURIComponent(b.svg)}" alt="${escapeHtml(b.alt)}" width="${b.width}" height="${b.height}"></figure>`;
      }
    })
    .join('\n');
}

const STYLE = `
@page { size: Letter; margin: 18mm 16mm; }
:root { color-scheme: light; }
body { font-family: "DejaVu Sans", "Segoe UI", Arial, sans-serif; font-size: 10.5pt; line-height: 1.45; color: #1a1a1a; max-width: 52em; margin: 2em auto; padding: 0 1.5em; }
h1 { font-size: 19pt; margin: 0 0 .4em; color: #123; }
h2 { font-size: 14pt; margin: 1.6em 0 .5em; padding-bottom: .2em; border-bottom: 1.5px solid #345; color: #123; }
h3 { font-size: 12pt; margin: 1.3em 0 .3em; color: #123; }
h4 { font-size: 10.5pt; margin: 1em 0 .3em; text-transform: uppercase; letter-spacing: .04em; color: #456; }
h2, h3, h4, p.lead { break-after: avoid; page-break-after: avoid; }
p { margin: .35em 0; }
dl { margin: .3em 0 .6em; display: grid; grid-template-columns: max-content 1fr; gap: .15em 1em; }
dl > div { display: contents; }
dt { font-weight: 600; color: #345; }
dd { margin: 0; white-space: pre-wrap; }
ul, ol { margin: .3em 0 .6em; padding-left: 1.6em; }
li { margin: .15em 0; }
table { border-collapse: collapse; width: calc(100% - 2px); margin: .4em 0 .8em; font-size: 9.5pt; }
th, td { border: 1px solid #b8c2cc; padding: .3em .5em; text-align: left; vertical-align: top; overflow-wrap: break-word; }
th { background: #e9eef3; font-weight: 600; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
.status { display: inline-block; padding: .1em .6em; border: 1px solid #a60; color: #a60; border-radius: 3px; font-size: 9pt; letter-spacing: .05em; text-transform: uppercase; }
.status.approved { border-color: #1a7f37; color: #1a7f37; }
.status.neutral { border-color: #456; color: #456; }
figure { margin: .4em 0 .8em; break-inside: avoid; page-break-inside: avoid; }
figure img { max-width: 100%; height: auto; }
footer { margin-top: 2.5em; font-size: 8.5pt; color: #666; }
@media print { body { margin: 0; max-width: none; padding: 0; } }
`;

/** A self-contained printable page of blocks, with an optional badge above the title. */
export function renderDocumentHtml(input: {
  title: string;
  blocks: readonly Block[];
  badge?: { text: string; tone: 'draft' | 'approved' | 'neutral' };
  footer?: string;
  /** The document's language (screen readers pick their voice by it, printing hyphenates by it). */
  lang?: string;
}): string {
  const badge = input.badge
    ? `<p class="status${input.badge.tone === 'approved' ? ' approved' : input.badge.tone === 'neutral' ? ' neutral' : ''}">${escapeHtml(input.badge.text)}</p>`
    : '';
  return `<!doctype html>
<html lang="${escapeHtml(input.lang ?? 'en')}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(input.title)}</title>
<style>${STYLE}</style>
</head>
<body>
${badge}
${renderBlocksHtmlBody(input.blocks)}
${input.footer ? `<footer>${escapeHtml(input.footer)}</footer>` : ''}
</body>
</html>
`;
}

/** The minutes page. `status` marks a draft clearly so a draft is never mistaken for the record. */
export function renderMinutesHtml(input: {
  title: string;
  blocks: readonly Block[];
  status: 'draft' | 'approved';
  footer?: string;
  words?: MinutesWords;
}): string {
  const { t, locale } = input.words ?? minutesWords();
  const badge =
    input.status === 'approved' ? { text: t('approval.badgeApproved'), tone: 'approved' as const } : { text: t('approval.badgeDraft'), tone: 'draft' as const };
  return renderDocumentHtml({ title: input.title, blocks: input.blocks, badge, footer: input.footer, lang: locale });
}
