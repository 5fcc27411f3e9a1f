import Dexie, { type ObservabilitySet } from 'dexie';
import { KIND_TABLE, SEARCH_KINDS, documentId, type SearchKind } from '@shared/search/documents';
import { createSearchIndex, searchGrouped, type HitGroup, type SearchIndex } from '@shared/search/engine';
import type { Repositories } from '../../db/repositories';
import { searchDocuments, searchLookups } from './queries';

// The search index of one store, built lazily (the first time search is opened, in chunks that
// leave the screen responsive) and kept current afterwards from Dexie's change events: every
// committed write, a sync's included, names the rows it touched, and those rows are re-read and
// re-indexed just before the next search, not on every keystroke of the app.

const TABLE_KIND = new Map(Object.entries(KIND_TABLE).map(([kind, table]) => [table, kind as SearchKind]));
/** Tables whose change also changes another kind's documents (a decision is found by its interests). */
const ALSO = new Map<string, SearchKind>([
  ['interests', 'decision'],
  ['issueRevisions', 'decision'],
]);

interface IntervalNode {
  from: unknown;
  to: unknown;
  l?: IntervalNode | null;
  r?: IntervalNode | null;
}

/** Keys of a change set's interval tree; null when it holds a range (a bulk delete or clear). */
function keysOf(tree: IntervalNode | undefined): string[] | null {
  const keys: string[] = [];
  const stack = tree ? [tree] : [];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.from === undefined) continue;
    if (node.from !== node.to || typeof node.from !== 'string') return null;
    keys.push(node.from);
    if (node.l) stack.push(node.l);
    if (node.r) stack.push(node.r);
  }
  return keys;
}

export interface BuildProgress {
  done: number;
  total: number;
}

export class LiveSearchIndex {
  private index: SearchIndex = createSearchIndex();
  /** The document ids in the index, per kind (to drop a whole kind before reading it again). */
  private readonly ids = new Map<SearchKind, Set<string>>(SEARCH_KINDS.map((k) => [k, new Set<string>()]));
  private building: Promise<void> | null = null;
  /** Changed rows per kind not yet re-indexed; `'all'` when a whole kind must be read again. */
  private changed = new Map<SearchKind, Set<string> | 'all'>();
  private readonly onMutated = (parts: ObservabilitySet) => this.noteChanges(parts);

  constructor(private readonly repos: Repositories) {
    Dexie.on('storagemutated', this.onMutated);
  }

  dispose(): void {
    Dexie.on('storagemutated').unsubscribe(this.onMutated);
  }

  get documentCount(): number {
    return this.index.documentCount;
  }

  private noteChanges(parts: ObservabilitySet): void {
    const prefix = `idb://${this.repos.db.name}/`;
    for (const [part, tree] of Object.entries(parts)) {
      if (!part.startsWith(prefix)) continue;
      const [table, indexName] = part.slice(prefix.length).split('/');
      if (indexName !== '' && indexName !== ':dels') continue;
      const kind = TABLE_KIND.get(table ?? '');
      const also = ALSO.get(table ?? '');
      if (also) this.changed.set(also, 'all');
      if (!kind) continue;
      const keys = keysOf(tree as unknown as IntervalNode);
      const current = this.changed.get(kind);
      if (keys === null || current === 'all') this.changed.set(kind, 'all');
      else this.changed.set(kind, new Set([...(current ?? []), ...keys]));
    }
  }

  /** Build once (all kinds, in chunks); later calls wait for the same build. */
  ensureBuilt(onProgress?: (p: BuildProgress) => void): Promise<void> {
    this.building ??= this.build(onProgress);
    return this.building;
  }

  private async build(onProgress?: (p: BuildProgress) => void): Promise<void> {
    this.changed.clear(); // the build reads everything as it is now
    const shared = await searchLookups(this.repos);
    let done = 0;
    for (const kind of SEARCH_KINDS) {
      const docs = await searchDocuments(this.repos, kind, null, shared);
      // Chunks of 500: each takes a few ms, so the screen never freezes while the index fills.
      await this.index.addAllAsync(docs, { chunkSize: 500 });
      for (const d of docs) this.ids.get(kind)!.add(d.id);
      done += docs.length;
      onProgress?.({ done, total: done });
    }
  }

  /** Re-index what changed since the last search. */
  private async catchUp(): Promise<void> {
    if (this.changed.size === 0) return;
    const changed = this.changed;
    this.changed = new Map();
    const shared = await searchLookups(this.repos);
    for (const [kind, rows] of changed) {
      const known = this.ids.get(kind)!;
      const stale = rows === 'all' ? [...known] : [...rows].map((rowId) => documentId(kind, rowId)).filter((id) => known.has(id));
      for (const id of stale) {
        this.index.discard(id);
        known.delete(id);
      }
      const docs = await searchDocuments(this.repos, kind, rows === 'all' ? null : [...rows], shared);
      await this.index.addAllAsync(docs, { chunkSize: 500 });
      for (const d of docs) known.add(d.id);
    }
  }

  async search(query: string): Promise<HitGroup[]> {
    await this.ensureBuilt();
    await this.catchUp();
    return searchGrouped(this.index, query);
  }
}

let instance: LiveSearchIndex | null = null;
/** The app's one search index (created on first use). */
export function appSearchIndex(repos: Repositories): LiveSearchIndex {
  instance ??= new LiveSearchIndex(repos);
  return instance;
}
