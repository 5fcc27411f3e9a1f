/**
 * Reads one council's pull pages in order, ahead of the engine applying them. IndexedDB commits
 * are dear (measured in Chromium: a first sync's 9,567 records put in 100 transactions took
 * 1.9 s, in one 0.8 s), so the engine takes every page that has arrived and applies them in one
 * transaction, while the next pages are already on their way. At most `aheadChanges` changes
 * wait in memory (or are on their way); the reader pauses until the engine takes them.
 *
 * Over a slow link every page also costs a round trip (100 pages at 30 ms: 3 s of a first sync
 * spent waiting). Once pages come back full and the server has said where the log ends, the
 * reader asks for the pages after the next one too (`parallel` requests in flight), guessing
 * their cursors a page apart. A guess can only be early, never late, on a server whose seqs have
 * gaps: a full page of `pageSize` changes after cursor c ends at c + pageSize or later, so a page
 * asked from c + pageSize repeats changes at worst (applying one twice changes nothing). A page
 * that ends sooner (a server that caps the page size lower) makes the reader drop the guesses
 * after it and go on from where it really ended.
 */
import type { SyncFailure, SyncResult } from '@shared/sync/connection';
import type { PullResponse } from '@shared/sync/protocol';

/** Pull pages read ahead of the one being applied (at most this many pages' changes in memory). */
export const PULL_AHEAD_PAGES = 5;
/** Pull requests on their way at once when the reader can guess cursors (see the module comment). */
export const PULL_PARALLEL = 3;

export interface PageBatch {
  /** Pages in server order (possibly none when reading ended). */
  pages: PullResponse[];
  /** Set once every page is read: nothing more to take. */
  done: boolean;
  /** Why reading stopped early; given only after the pages read before it were taken. */
  failure: SyncFailure | null;
}

export class PageReader {
  private readonly buffered: PullResponse[] = [];
  private bufferedChanges = 0;
  private ended = false;
  private failure: SyncFailure | null = null;
  private error: { thrown: unknown } | null = null;
  private stopped = false;
  private wakeReader: (() => void) | null = null;
  private wakeTaker: (() => void) | null = null;

  constructor(
    private readonly fetchPage: (cursor: number) => Promise<SyncResult<PullResponse>>,
    cursor: number,
    private readonly aheadChanges: number,
    private readonly guessing: { pageSize: number; parallel: number } | null = null,
    /**
     * Pages held at most, whatever their count of changes: the server bounds a page in bytes too
     * (MAX_PULL_PAGE_BYTES), so a council of large values fills pages of a few changes each, and
     * a bound by changes alone would hold hundreds of them.
     */
    private readonly aheadPages: number = PULL_AHEAD_PAGES,
  ) {
    void this.read(cursor);
  }

  /**
   * Every page that has arrived, waiting for the first one if none has. A failure (or an
   * exception of the connection) is reported once the pages before it have been taken.
   */
  async take(): Promise<PageBatch> {
    while (this.buffered.length === 0 && !this.ended) await new Promise<void>((resolve) => (this.wakeTaker = resolve));
    if (this.buffered.length === 0 && this.error) throw this.error.thrown;
    const pages = this.buffered.splice(0);
    this.bufferedChanges = 0;
    this.wake('reader');
    // Done only when reading ended well; a failure or exception is reported by the next take.
    const done = this.ended && !this.failure && !this.error;
    return { pages, done, failure: pages.length === 0 ? this.failure : null };
  }

  /** Stop reading (the engine gave up on this round); pages in flight are dropped. */
  stop(): void {
    this.stopped = true;
    this.wake('reader');
  }

  private async read(from: number): Promise<void> {
    let cursor = from;
    /** Requests on their way, in cursor order; the first is the next page in order. */
    const inFlight: Array<{ start: number; page: Promise<SyncResult<PullResponse>> }> = [];
    const ask = (start: number) => {
      const page = this.fetchPage(start);
      page.catch(() => undefined); // a dropped guess must not surface as unhandled; the head is awaited
      inFlight.push({ start, page });
    };
    let end: number | null = null; // the council's last seq, once pages are full and the server said it
    try {
      for (;;) {
        while ((this.bufferedChanges >= this.aheadChanges || this.buffered.length >= this.aheadPages) && inFlight.length === 0 && !this.stopped)
          await new Promise<void>((resolve) => (this.wakeReader = resolve));
        if (this.stopped) return;
        if (inFlight.length === 0) ask(cursor);
        if (this.guessing && end !== null) {
          const { pageSize, parallel } = this.guessing;
          while (inFlight.length < parallel) {
            const start = inFlight[inFlight.length - 1]!.start + pageSize;
            if (start >= end || this.bufferedChanges + (inFlight.length + 1) * pageSize > this.aheadChanges) break;
            ask(start);
          }
        }
        const head = inFlight.shift()!;
        const result = await head.page;
        if (this.stopped) return;
        if (result.status !== 'ok') {
          this.failure = result;
          return;
        }
        const page = result.body;
        this.buffered.push(page);
        this.bufferedChanges += page.changes.length;
        // A page that does not move the cursor ends the round, whatever hasMore says.
        if (!page.hasMore || page.nextCursor <= head.start) return;
        cursor = page.nextCursor;
        end = this.guessing && page.changes.length === this.guessing.pageSize && page.lastSeq !== undefined ? page.lastSeq : null;
        // A guess past where this page really ended would skip changes: drop it and the ones after it.
        if (inFlight.length > 0 && (inFlight[0]!.start > cursor || end === null)) inFlight.length = 0;
        this.wake('taker');
      }
    } catch (thrown) {
      this.error = { thrown };
    } finally {
      this.ended = true;
      this.wake('taker');
    }
  }

  private wake(who: 'reader' | 'taker'): void {
    const wake = who === 'reader' ? this.wakeReader : this.wakeTaker;
    if (who === 'reader') this.wakeReader = null;
    else this.wakeTaker = null;
    wake?.();
  }
}
