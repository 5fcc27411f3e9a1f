import { describe, expect, it } from 'vitest';
import { documentId, type SearchDocument } from '@shared/search/documents';
import { createSearchIndex, searchGrouped } from '@shared/search/engine';
import { excerpt, fold, highlight } from '@shared/search/text';

const doc = (kind: SearchDocument['kind'], rowId: string, title: string, more: Partial<SearchDocument> = {}): SearchDocument => ({
  id: documentId(kind, rowId),
  kind,
  rowId,
  title,
  text: '',
  context: '',
  where: '',
  route: `/${kind}/${rowId}`,
  date: '2026-11-24',
  ...more,
});

function indexOf(docs: SearchDocument[]) {
  const index = createSearchIndex();
  index.addAll(docs);
  return index;
}

describe('search text', () => {
  it('folds case and accents', () => {
    expect(fold('Dr. Álvarez, Peña')).toBe('dr. alvarez, pena');
  });

  it('highlights the start of matching words whatever their accents', () => {
    expect(highlight('Dr. Álvarez asked for parking', ['alvarez', 'park'])).toEqual([
      { text: 'Dr. ', match: false },
      { text: 'Álvarez', match: true },
      { text: ' asked for ', match: false },
      { text: 'park', match: true },
      { text: 'ing', match: false },
    ]);
    // Not inside a word: "art" does not light up "parking".
    expect(highlight('parking', ['art'])).toEqual([{ text: 'parking', match: false }]);
  });

  it('shows a window of a long text around its first match', () => {
    const long = `${'Budget review. '.repeat(20)}We agreed to reserve parking for night shift staff. ${'Other business. '.repeat(20)}`;
    const shown = excerpt(long, ['parking'], 80);
    expect(shown).toMatch(/^….*parking.*…$/);
    expect(shown.length).toBeLessThanOrEqual(82);
  });
});

describe('search engine', () => {
  const docs = [
    doc('person', 'p1', 'Dr. Lucía Álvarez', { where: 'Physician' }),
    doc('decision', 'd1', 'Reserve ten garage spaces for the night shift', {
      context: 'How can night staff reach their cars safely? Staff feel safe walking to the car at 3 am',
    }),
    doc('interest', 'i1', 'Staff feel safe walking to the car at 3 am'),
    doc('meeting', 'm1', 'November UBT meeting', { text: 'Parking and lunch coverage' }),
  ];

  it('finds accents without typing them, typos and the start of a word', () => {
    const index = indexOf(docs);
    expect(searchGrouped(index, 'alvarez')[0]?.hits[0]?.doc.rowId).toBe('p1');
    expect(searchGrouped(index, 'Alvares')[0]?.hits[0]?.doc.rowId).toBe('p1');
    expect(searchGrouped(index, 'garag')[0]?.hits[0]?.doc.rowId).toBe('d1');
  });

  it('finds a decision by a word from the interests behind it, and groups results by kind', () => {
    const groups = searchGrouped(indexOf(docs), 'walking');
    expect(groups.map((g) => g.kind).sort()).toEqual(['decision', 'interest']);
    // Its own words rank the interest first; the decision is found through its context.
    expect(groups[0]!.kind).toBe('interest');
  });

  it('lists the newest first, at most five of a kind, and forgets what is discarded', () => {
    const many = Array.from({ length: 8 }, (_, i) => doc('meeting', `m${i}`, `Monthly UBT meeting ${i}`, { date: `2026-0${(i % 8) + 1}-15` }));
    const index = indexOf(many);
    const hits = searchGrouped(index, 'monthly')[0]!.hits;
    expect(hits.map((h) => h.doc.rowId)).toEqual(['m7', 'm6', 'm5', 'm4', 'm3']);
    index.discard(documentId('meeting', 'm7'));
    expect(searchGrouped(index, 'monthly')[0]!.hits[0]!.doc.rowId).toBe('m6');
    expect(index.documentCount).toBe(7);
  });

  it('a single letter finds nothing yet; a decision found only through its context says so', () => {
    const index = indexOf(docs);
    expect(searchGrouped(index, 'p')).toEqual([]);
    const viaInterests = searchGrouped(index, 'walking').find((g) => g.kind === 'decision')!.hits[0]!;
    expect(viaInterests.viaContext).toBe(true);
    expect(searchGrouped(index, 'garage').find((g) => g.kind === 'decision')!.hits[0]!.viaContext).toBe(false);
  });

  it('every word must match, and an empty query finds nothing', () => {
    const index = indexOf(docs);
    expect(searchGrouped(index, 'parking lunch').map((g) => g.kind)).toEqual(['meeting']);
    expect(searchGrouped(index, 'parking zebra')).toEqual([]);
    expect(searchGrouped(index, '   ')).toEqual([]);
  });
});
