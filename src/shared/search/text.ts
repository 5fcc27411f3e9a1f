// Matching that works the way people type names in a break room: without accents ("Alvarez"
// finds "Álvarez"), in any case, and on the start of a word.

/** Lower case without diacritics: the form both the index and the query are compared in. */
export const fold = (text: string): string =>
  // Most text is plain ASCII: only text with other characters pays for Unicode normalization.
  // eslint-disable-next-line no-control-regex -- the ASCII range is exactly what is tested
  /[^\u0000-\u007f]/.test(text) ? text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase() : text.toLowerCase();

/** Words of a text for the index: letters and digits, folded. */
export const tokenize = (text: string): string[] =>
  fold(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

export interface Segment {
  text: string;
  match: boolean;
}

/**
 * `text` cut into segments, the parts that start with one of `words` (folded: any case or accent)
 * marked as matches, for highlighting a result. Folding keeps one character per character for the
 * Latin scripts the app is used in, so positions in the folded text are positions in the original.
 */
export function highlight(text: string, words: readonly string[]): Segment[] {
  const folded = fold(text);
  const wanted = [...new Set(words.map(fold).filter((w) => w.length > 0))].sort((a, b) => b.length - a.length);
  if (folded.length !== text.length || wanted.length === 0) return [{ text, match: false }];
  const segments: Segment[] = [];
  let plain = 0;
  let i = 0;
  while (i < folded.length) {
    const atWordStart = i === 0 || !/[\p{L}\p{N}]/u.test(folded[i - 1]!);
    const hit = atWordStart ? wanted.find((w) => folded.startsWith(w, i)) : undefined;
    if (hit) {
      if (i > plain) segments.push({ text: text.slice(plain, i), match: false });
      segments.push({ text: text.slice(i, i + hit.length), match: true });
      i += hit.length;
      plain = i;
    } else i++;
  }
  if (plain < text.length) segments.push({ text: text.slice(plain), match: false });
  return segments;
}

/** A short window of a long text around its first match, so a result shows why it was found. */
export function excerpt(text: string, words: readonly string[], width = 140): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= width) return flat;
  const folded = fold(flat);
  const positions = words.map((w) => folded.indexOf(fold(w))).filter((p) => p >= 0);
  const at = positions.length ? Math.min(...positions) : 0;
  const start = Math.max(0, Math.min(at - Math.floor(width / 3), flat.length - width));
  return `${start > 0 ? '…' : ''}${flat.slice(start, start + width).trim()}${start + width < flat.length ? '…' : ''}`;
}
