import { documentId, type SearchDocument, type SearchKind } from '@shared/search/documents';
import { createSearchIndex, searchGrouped } from '@shared/search/engine';

// Search at scale, in the browser: 20,000 meetings and 200,000 captured items (interests,
// options, action items, agenda items, decisions) as index documents with a facilitator's
// vocabulary; the index built from scratch in chunks (long tasks recorded), then queries typed
// one keystroke at a time.

const WORDS = (
  'staffing lunch coverage parking garage night shift float pool overtime schedule rotation weekend holiday swap breaks ' +
  'patients wait pickup window pharmacy refill discharge noon falls alarms bed rounding huddle handoff safety ' +
  'training orientation preceptor mentor budget supplies equipment scanner printer badge access elevator lighting ' +
  'communication email posting bulletin survey engagement recognition morale fairness seniority vacation leave ' +
  'interpreter spanish language signage phone triage callback portal appointments reminders no-show transport ' +
  'álvarez peña muñoz nuñez garcía lópez ramírez okafor whitfield raman achebe kowalski haddad torres bell liu'
).split(' ');

function rng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

function generate(meetings: number, items: number): SearchDocument[] {
  const r = rng(7);
  const phrase = (n: number) => Array.from({ length: n }, () => WORDS[Math.floor(r() * WORDS.length)]).join(' ');
  const docs: SearchDocument[] = [];
  for (let i = 0; i < meetings; i++) {
    docs.push({
      id: documentId('meeting', `m${i}`),
      kind: 'meeting',
      rowId: `m${i}`,
      title: `${phrase(2)} UBT meeting ${i}`,
      text: phrase(8),
      context: '',
      where: `Team ${i % 50}`,
      route: `/meetings/m${i}`,
      date: '2026-11-24',
    });
  }
  const kinds: SearchKind[] = ['interest', 'option', 'actionItem', 'agendaItem', 'decision'];
  for (let i = 0; i < items; i++) {
    const kind = kinds[i % kinds.length]!;
    docs.push({
      id: documentId(kind, `x${i}`),
      kind,
      rowId: `x${i}`,
      title: phrase(6 + (i % 6)),
      text: i % 5 === 4 ? phrase(10) : '',
      context: i % 5 === 4 ? phrase(20) : '',
      where: `Meeting ${i % meetings}`,
      route: `/x/${i}`,
      date: '2026-11-24',
    });
  }
  return docs;
}

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};

export const searchApi = {
  async searchAtScale(meetings: number, items: number) {
    const docs = generate(meetings, items);
    const longTasks: number[] = [];
    const observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) longTasks.push(e.duration);
    });
    observer.observe({ type: 'longtask' });
    const index = createSearchIndex();
    const t0 = performance.now();
    await index.addAllAsync(docs, { chunkSize: 500 });
    const buildMs = performance.now() - t0;
    await new Promise((resolve) => setTimeout(resolve, 50));
    const buildLongTasks = [...longTasks];
    longTasks.length = 0;

    // Queries as typed: every prefix of each query is one keystroke.
    const queries = [
      'parking garage',
      'alvarez',
      'night shift float',
      'lunch',
      'muñoz',
      'schedul rotation',
      'discharge noon',
      'interpreter spanish',
      'badge access',
      'preceptr',
    ];
    const perKeystroke: number[] = [];
    for (const q of queries) {
      for (let n = 1; n <= q.length; n++) {
        const k0 = performance.now();
        searchGrouped(index, q.slice(0, n));
        perKeystroke.push(performance.now() - k0);
        // The next key comes a frame later, as a person types.
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
    }
    observer.disconnect();
    return {
      documents: docs.length,
      buildMs,
      buildLongTasksOver100: buildLongTasks.filter((d) => d > 100).length,
      buildLongestTask: Math.max(0, ...buildLongTasks),
      keystrokes: perKeystroke.length,
      p50: percentile(perKeystroke, 50),
      p95: percentile(perKeystroke, 95),
      max: Math.max(...perKeystroke),
    };
  },
};
