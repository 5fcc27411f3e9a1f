/** Reading pull pages ahead of the engine: order, the read-ahead bound, guessed cursors over slow links, failures after the pages before them, stop. */
import { describe, expect, it } from 'vitest';
import type { SyncResult } from '@shared/sync/connection';
import type { PullResponse } from '@shared/sync/protocol';
import { PageReader } from '@renderer/sync/pageReader';

/** A council log of `total` changes served in pages of `size`; each fetch waits for `gate`. */
function server(total: number, size: number) {
  const asked: number[] = [];
  let release: Array<() => void> = [];
  const fetchPage = async (cursor: number): Promise<SyncResult<PullResponse>> => {
    asked.push(cursor);
    await new Promise<void>((resolve) => release.push(resolve));
    const end = Math.min(total, cursor + size);
    const changes = Array.from({ length: end - cursor }, (_, i) => ({ seq: cursor + i + 1 }) as PullResponse['changes'][number]);
    return { status: 'ok', body: { changes, nextCursor: end, hasMore: end < total, serverTime: 0 } };
  };
  const answer = async (n = Infinity) => {
    for (let i = 0; i < n; i++) {
      // Let the reader ask before answering (each answer is one macrotask later).
      await new Promise((r) => setTimeout(r, 0));
      const next = release.shift();
      if (!next) return;
      next();
    }
  };
  return {
    asked,
    fetchPage,
    answer,
    releaseAll: () => {
      for (const r of release) r();
      release = [];
    },
  };
}

const seqs = (pages: PullResponse[]) => pages.flatMap((p) => p.changes.map((c) => c.seq));

describe('PageReader', () => {
  it('gives every arrived page in order, reads at most the bound ahead, and ends when the log does', async () => {
    const s = server(100, 10);
    const reader = new PageReader(s.fetchPage, 0, 30);
    await s.answer(5);
    // 30 changes may wait: after three pages the reader stops asking.
    expect(s.asked).toEqual([0, 10, 20]);
    const first = await reader.take();
    expect(seqs(first.pages)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(first.done).toBe(false);
    const all = [...first.pages];
    for (;;) {
      void s.answer(3);
      const batch = await reader.take();
      all.push(...batch.pages);
      if (batch.done) break;
    }
    expect(seqs(all)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(s.asked).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90]);
  });

  it('holds at most the bound in pages too: a council of large values comes in pages of a few changes', async () => {
    // Pages bounded in bytes by the server: 2 changes each, however many were asked for.
    const s = server(40, 2);
    const reader = new PageReader(s.fetchPage, 0, 5000, null, 5);
    await s.answer(10);
    expect(s.asked).toEqual([0, 2, 4, 6, 8]);
    const first = await reader.take();
    expect(first.pages).toHaveLength(5);
    const all = [...first.pages];
    for (;;) {
      void s.answer(5);
      const batch = await reader.take();
      expect(batch.pages.length).toBeLessThanOrEqual(5);
      all.push(...batch.pages);
      if (batch.done) break;
    }
    expect(seqs(all)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  });

  it('reports a failure only after the pages read before it, and asks nothing more', async () => {
    let n = 0;
    const reader = new PageReader(
      async (cursor): Promise<SyncResult<PullResponse>> => {
        n++;
        if (n === 3) return { status: 'error', kind: 'offline', message: 'The network went away.' };
        return {
          status: 'ok',
          body: { changes: [{ seq: cursor + 1 } as PullResponse['changes'][number]], nextCursor: cursor + 1, hasMore: true, serverTime: 0 },
        };
      },
      0,
      100,
    );
    const pages: PullResponse[] = [];
    let batch = await reader.take();
    while (!batch.failure) {
      pages.push(...batch.pages);
      batch = await reader.take();
    }
    expect(seqs(pages)).toEqual([1, 2]);
    expect(batch.failure.kind).toBe('offline');
    expect(batch.done).toBe(false);
    expect(n).toBe(3);
  });

  it('rethrows a connection exception after the pages before it', async () => {
    let n = 0;
    const reader = new PageReader(
      async (cursor): Promise<SyncResult<PullResponse>> => {
        if (++n === 2) throw new Error('bridge closed');
        return {
          status: 'ok',
          body: { changes: [{ seq: cursor + 1 } as PullResponse['changes'][number]], nextCursor: cursor + 1, hasMore: true, serverTime: 0 },
        };
      },
      0,
      100,
    );
    const first = await reader.take();
    expect(seqs(first.pages)).toEqual([1]);
    expect(first.done).toBe(false);
    await expect(reader.take()).rejects.toThrow('bridge closed');
  });

  it('stops asking once stopped', async () => {
    const s = server(100, 10);
    const reader = new PageReader(s.fetchPage, 0, 1000);
    await s.answer(2);
    reader.stop();
    s.releaseAll();
    await new Promise((r) => setTimeout(r, 10));
    const asked = s.asked.length;
    await new Promise((r) => setTimeout(r, 10));
    expect(s.asked.length).toBe(asked);
    expect(asked).toBeLessThanOrEqual(3);
  });

  describe('asking for later pages while the next is on its way (slow links)', () => {
    /** A log with the given seqs, served `cap(call)` changes a page (at most the page size); answers take a few ms. */
    function log(seqs: number[], pageSize: number, cap: (call: number) => number = () => pageSize) {
      const asked: number[] = [];
      let inFlight = 0;
      let most = 0;
      const fetchPage = async (cursor: number): Promise<SyncResult<PullResponse>> => {
        asked.push(cursor);
        most = Math.max(most, ++inFlight);
        await new Promise((r) => setTimeout(r, 2));
        inFlight--;
        const after = seqs.filter((q) => q > cursor);
        const page = after.slice(0, Math.min(pageSize, cap(asked.length)));
        const changes = page.map((seq) => ({ seq }) as PullResponse['changes'][number]);
        return {
          status: 'ok',
          body: { changes, nextCursor: page.at(-1) ?? cursor, hasMore: after.length > page.length, serverTime: 0, lastSeq: seqs.at(-1) ?? 0 },
        };
      };
      return { asked, fetchPage, most: () => most };
    }
    const readAll = async (reader: PageReader) => {
      const pages: PullResponse[] = [];
      for (;;) {
        const batch = await reader.take();
        pages.push(...batch.pages);
        if (batch.failure) throw new Error(batch.failure.message);
        if (batch.done) return pages;
      }
    };
    const range = (n: number, step = 1) => Array.from({ length: n }, (_, i) => (i + 1) * step);

    it('keeps several requests in flight once pages are full and the end is known, and delivers each change once, in order', async () => {
      const l = log(range(100), 10);
      const pages = await readAll(new PageReader(l.fetchPage, 0, 50, { pageSize: 10, parallel: 3 }));
      expect(seqs(pages)).toEqual(range(100));
      expect(l.most()).toBe(3);
      expect([...l.asked].sort((a, b) => a - b)).toEqual(range(10, 10).map((c) => c - 10));
    });

    it('never guesses past the memory bound, nor without the end or with a short page', async () => {
      // Changes waiting plus changes asked for stay within the bound: 20 is two pages.
      const bounded = log(range(100), 10);
      expect(seqs(await readAll(new PageReader(bounded.fetchPage, 0, 20, { pageSize: 10, parallel: 3 })))).toEqual(range(100));
      expect(bounded.most()).toBeLessThanOrEqual(2);
      const unguessed = log(range(100), 10);
      expect(seqs(await readAll(new PageReader(unguessed.fetchPage, 0, 50)))).toEqual(range(100));
      expect(unguessed.most()).toBe(1);
    });

    it('drops guesses after a page that ended early (a server capping pages lower) and misses nothing', async () => {
      // Pages 1 and 2 are full; then the server answers 4 changes a page.
      const l = log(range(60), 10, (call) => (call <= 2 ? 10 : 4));
      const pages = await readAll(new PageReader(l.fetchPage, 0, 50, { pageSize: 10, parallel: 3 }));
      expect([...new Set(seqs(pages))]).toEqual(range(60));
      expect(seqs(pages)).toEqual([...seqs(pages)].sort((a, b) => a - b));
    });

    it('on a log with gaps in its seqs, a guess repeats changes at worst', async () => {
      const even = range(80, 2);
      const l = log(even, 10);
      const pages = await readAll(new PageReader(l.fetchPage, 0, 50, { pageSize: 10, parallel: 3 }));
      expect([...new Set(seqs(pages))]).toEqual(even);
      expect(l.most()).toBeGreaterThan(1);
    });
  });
});
