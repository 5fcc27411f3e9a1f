import type { SearchDocument, SearchKind } from './documents';
import { tokenize } from './text';

// The full-text index behind "search everywhere". Hand-written on purpose, after measuring the
// libraries made for it on our target (20,000 meetings and 200,000 captured items, search as
// you type): MiniSearch and FlexSearch score every document a short prefix matches, which took
// hundreds of milliseconds per keystroke (p95 ~680 ms for MiniSearch, build ~16 s; FlexSearch's
// prefix index ~40 s to build) where a facilitator needs under 50 ms. What a facilitator asks
// ("what did we decide about parking last spring?") is answered well by every word matching
// (the last one as a prefix, long ones with one typo, accents and case ignored), grouped by
// kind, newest first. That needs no scoring, so a query walks posting lists newest first and
// stops as soon as the groups are full.
//
// Postings are document numbers in the order documents were added; documents are added oldest
// first (a full build sorts them by date), so walking a list backwards is newest first.

/** The stored part of a document: what a result shows. */
export type StoredDoc = Pick<SearchDocument, 'id' | 'kind' | 'rowId' | 'title' | 'text' | 'where' | 'route' | 'date'>;

export interface Hit {
  doc: StoredDoc;
  /** Index words the query matched (for highlighting). */
  words: string[];
  /** Found only through words that are not its own (a decision through its interests). */
  viaContext: boolean;
}

export interface HitGroup {
  kind: SearchKind;
  hits: Hit[];
}

/** A term with this prefix length or more is matched as a prefix when it is the word being typed. */
const MIN_PREFIX = 2;
/** A term this long or more also matches index words one edit away ("alvares" finds "alvarez"). */
const MIN_FUZZY = 4;
/** A prefix that opens more index words than this is too short to mean anything yet. */
const MAX_PREFIX_TERMS = 400;

const byDate = (a: SearchDocument, b: SearchDocument) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0);

function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb) {
    // One substitution, or two neighbours swapped ("recieve").
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

export class SearchIndex {
  private readonly docs: Array<StoredDoc | null> = [];
  private readonly numberOf = new Map<string, number>();
  /** term -> ascending document numbers, for a document's own words and for its context words. */
  private readonly own = new Map<string, number[]>();
  private readonly context = new Map<string, number[]>();
  /** Index words by first letter and length, for one-edit matching without scanning them all. */
  private readonly buckets = new Map<string, Set<string>>();
  private sortedTerms: string[] | null = null;
  /** Reused marks, one per query word (allocated once per index size, not per keystroke). */
  private readonly marks: Uint8Array[] = [];
  private live = 0;

  get documentCount(): number {
    return this.live;
  }

  has(id: string): boolean {
    return this.numberOf.has(id);
  }

  add(doc: SearchDocument): void {
    if (this.numberOf.has(doc.id)) this.discard(doc.id);
    const n = this.docs.length;
    this.docs.push({ id: doc.id, kind: doc.kind, rowId: doc.rowId, title: doc.title, text: doc.text, where: doc.where, route: doc.route, date: doc.date });
    this.numberOf.set(doc.id, n);
    this.live++;
    const ownTerms = new Set([...tokenize(doc.title), ...tokenize(doc.text)]);
    for (const term of ownTerms) this.post(this.own, term, n);
    for (const term of new Set(tokenize(doc.context))) if (!ownTerms.has(term)) this.post(this.context, term, n);
  }

  private post(map: Map<string, number[]>, term: string, n: number): void {
    const list = map.get(term);
    if (list) {
      list.push(n);
      return;
    }
    map.set(term, [n]);
    const key = `${term[0]}${term.length}`;
    const bucket = this.buckets.get(key) ?? new Set<string>();
    if (!bucket.has(term)) {
      bucket.add(term);
      this.buckets.set(key, bucket);
      this.sortedTerms = null;
    }
  }

  /** A removed document stays in the posting lists and is skipped (lists are rebuilt by a full build). */
  discard(id: string): void {
    const n = this.numberOf.get(id);
    if (n === undefined) return;
    this.numberOf.delete(id);
    this.docs[n] = null;
    this.live--;
  }

  /** Add documents oldest first (so the newest are found first). */
  addAll(docs: readonly SearchDocument[]): void {
    for (const doc of [...docs].sort(byDate)) this.add(doc);
  }

  /** Add documents oldest first, yielding to the page every `chunkSize` so nothing freezes. */
  async addAllAsync(docs: readonly SearchDocument[], options: { chunkSize?: number } = {}): Promise<void> {
    const sorted = [...docs].sort(byDate);
    const chunk = options.chunkSize ?? 2000;
    for (let i = 0; i < sorted.length; i += chunk) {
      for (const doc of sorted.slice(i, i + chunk)) this.add(doc);
      if (i + chunk < sorted.length) await new Promise((resolve) => setTimeout(resolve, 0));
    }
  }

  private termsWithPrefix(prefix: string): string[] {
    this.sortedTerms ??= [...new Set([...this.own.keys(), ...this.context.keys()])].sort();
    const terms = this.sortedTerms;
    let lo = 0;
    let hi = terms.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (terms[mid]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    const found: string[] = [];
    for (let i = lo; i < terms.length && terms[i]!.startsWith(prefix); i++) {
      found.push(terms[i]!);
      if (found.length > MAX_PREFIX_TERMS) break;
    }
    return found;
  }

  private termsNear(word: string): string[] {
    const near: string[] = [];
    for (let len = word.length - 1; len <= word.length + 1; len++) {
      for (const term of this.buckets.get(`${word[0]}${len}`) ?? []) if (withinOneEdit(word, term)) near.push(term);
    }
    return near;
  }

  private scratch(i: number): Uint8Array {
    const size = this.docs.length;
    if (!this.marks[i] || this.marks[i]!.length < size) this.marks[i] = new Uint8Array(Math.max(size, 1024) * 1.25);
    return this.marks[i]!;
  }

  /** The index words one query word stands for. */
  private expand(word: string, isLast: boolean): string[] {
    const terms = new Set<string>();
    if (this.own.has(word) || this.context.has(word)) terms.add(word);
    if (isLast && word.length >= MIN_PREFIX) for (const t of this.termsWithPrefix(word)) terms.add(t);
    if (word.length >= MIN_FUZZY) for (const t of this.termsNear(word)) terms.add(t);
    return [...terms];
  }

  /**
   * The newest hits where every word matches (the last as a prefix, long ones with one typo),
   * up to `perKind` per kind and `total` in all, grouped by kind in the order each kind first
   * appears. A query of one letter finds nothing yet.
   */
  search(query: string, perKind = 5, total = 40): HitGroup[] {
    const words = tokenize(query);
    if (words.length === 0 || (words.length === 1 && words[0]!.length < MIN_PREFIX)) return [];
    const expanded = words.map((w, i) => this.expand(w, i === words.length - 1));
    if (expanded.some((terms) => terms.length === 0)) return [];
    // One mark per document and word (1: its own words match, 2: only its context does); then the
    // documents are walked newest first until the groups are full. Marking costs the matched
    // postings, the walk at most one check per document: a few ms at 220,000 documents.
    const marks = expanded.map((terms, i) => {
      const mark = this.scratch(i);
      for (const t of terms) for (const n of this.context.get(t) ?? []) mark[n] = 2;
      for (const t of terms) for (const n of this.own.get(t) ?? []) mark[n] = 1;
      return mark;
    });
    const matched = [...new Set(expanded.flat())];
    const groups = new Map<SearchKind, Hit[]>();
    let count = 0;
    for (let n = this.docs.length - 1; n >= 0 && count < total; n--) {
      if (!marks.every((m) => m[n] !== 0)) continue;
      const doc = this.docs[n];
      if (!doc) continue;
      const list = groups.get(doc.kind) ?? [];
      if (list.length >= perKind) continue;
      list.push({ doc, words: matched, viaContext: marks.every((m) => m[n] === 2) });
      groups.set(doc.kind, list);
      count++;
    }
    for (const m of marks) m.fill(0);
    return [...groups].map(([kind, hits]) => ({ kind, hits }));
  }
}

export function createSearchIndex(): SearchIndex {
  return new SearchIndex();
}

export function searchGrouped(index: SearchIndex, query: string, perKind = 5, total = 40): HitGroup[] {
  return index.search(query, perKind, total);
}
