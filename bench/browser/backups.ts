/**
 * Backups benchmark, browser side: the app's real store filled with a council history (2,000
 * meetings, each with a full IBPS session, and the teams' RIM projects), written through the app's
 * write path so every record carries its sync state and the outbox holds every change, as on a
 * laptop that has not synced yet. Then the app's own backup and restore, timed, with long tasks
 * watched while a backup runs the way an automatic one does (yielding to the UI).
 */
import Dexie from 'dexie';
import { CommonGroundDb } from '@renderer/db/database';
import { createRepositories, type Repositories } from '@renderer/db/repositories';
import { newId } from '@renderer/db/repositories/repository';
import { DB_NAME } from '@renderer/db/schema';
import { markSyncInternal } from '@renderer/db/capture/capture';
import { directlyWritable, dumpStore, replaceTables } from '@renderer/features/backups/rawStore';
import { restoreStore } from '@renderer/features/backups/restore';
import { makeBackupFile, openBackup, yieldToUi, type StoreDump } from '@renderer/features/backups/storeFile';
import { CURRENT_SCHEMA_VERSION } from '@renderer/db/schema';
import { makeMinutesSource } from '../../tests/fixtures/minutesSource';
import { FOUNDATION_SPEC, generateHistory, rng } from './generate';

const HISTORY_TABLES = ['councils', 'teams', 'people', 'memberships', 'meetings', 'agendaItems', 'attendance'] as const;

type Row = Record<string, unknown>;

/** A full IBPS session for each meeting (the minutes fixture's, scale 2), tied to the meeting, its team and people on the roster. */
function ibpsRows(h: ReturnType<typeof generateHistory>, scale: number): Record<string, Row[]> {
  const out: Record<string, Row[]> = {};
  const add = (table: string, rows: readonly Row[]) => (out[table] ??= []).push(...rows);
  const people = h.people.map((p) => p.id);
  const agendaByMeeting = new Map<string, string>();
  for (const a of h.agendaItems) if (a.input.type === 'ibps') agendaByMeeting.set(a.input.meetingId, a.id);
  h.meetings.forEach((m, i) => {
    const { source } = makeMinutesSource({ scale });
    const s = Object.values(source.sessions)[0]!;
    const teamId = m.input.bodyId;
    const person = (k: number) => people[(i * 7 + k) % people.length]!;
    const session = { ...s.session, meetingId: m.id, bodyId: teamId, agendaItemId: agendaByMeeting.get(m.id) ?? null } as Row;
    add('ibpsSessions', [session]);
    add('ibpsSessionMeetings', [
      {
        id: newId(),
        sessionId: s.session.id,
        meetingId: m.id,
        agendaItemId: session.agendaItemId,
        createdAt: s.session.createdAt,
        updatedAt: s.session.updatedAt,
      },
    ]);
    add('issueRevisions', s.revisions as unknown as Row[]);
    add('interests', s.interests as unknown as Row[]);
    add('options', s.options as unknown as Row[]);
    add('criteria', s.criteria as unknown as Row[]);
    add('evaluations', s.evaluations as unknown as Row[]);
    add('coverage', s.coverage as unknown as Row[]);
    for (const t of s.tests) {
      add('consensusTests', [{ ...t.test, meetingId: m.id }]);
      add(
        'votes',
        t.votes.map((v, k) => ({ ...v, personId: person(k) })),
      );
      add('tallies', t.tallies as unknown as Row[]);
      add(
        'concerns',
        t.concerns.map((c, k) => ({ ...c, personId: person(k) })),
      );
    }
    add(
      'decisions',
      s.decisions.map((d) => ({ ...d, meetingId: m.id })),
    );
    add(
      'actionItems',
      source.actionItems.map((a, k) => ({ ...a, bodyId: teamId, meetingId: m.id, ownerId: a.ownerId ? person(k) : null })),
    );
    add(
      'parkingLot',
      source.parkingLot.map((p) => ({ ...p, bodyId: teamId, meetingId: m.id })),
    );
    add(
      'plusDeltas',
      source.plusDeltas.map((p) => ({ ...p, meetingId: m.id })),
    );
  });
  return out;
}

/** Each team's improvement project: three measures of two years of weekly points, change ideas, PDSA cycles. */
async function writeRim(repos: Repositories, teams: readonly { id: string }[], pointsPerMeasure: number): Promise<number> {
  const r = rng(7);
  let rows = 0;
  const projects = await repos.improvementProjects.createMany(
    teams.map((t, i) => ({
      teamId: t.id,
      title: `Improvement project ${i + 1}`,
      aim: 'Reduce falls from 6 to 3 per 1,000 patient days by June 30, 2027',
      valueCompass: ['best-quality'],
    })),
  );
  rows += projects.length;
  const measures = await repos.measures.createMany(
    projects.flatMap((p) =>
      (['outcome', 'process', 'balancing'] as const).map((kind, k) => ({
        projectId: p.id,
        name: `${kind} measure`,
        kind,
        direction: 'down' as const,
        target: 3,
        position: k + 1,
      })),
    ),
  );
  rows += measures.length;
  for (let i = 0; i < measures.length; i += 30) {
    const points = measures.slice(i, i + 30).flatMap((m) =>
      Array.from({ length: pointsPerMeasure }, (_, w) => {
        const d = new Date(Date.UTC(2024, 0, 1 + 7 * w));
        return {
          measureId: m.id,
          date: d.toISOString().slice(0, 10),
          value: Math.round((4 + r() * 4) * 10) / 10,
          note: w % 13 === 0 ? 'Staffing changed this week' : '',
        };
      }),
    );
    rows += (await repos.dataPoints.createMany(points)).length;
  }
  const ideas = await repos.changeIdeas.createMany(
    projects.flatMap((p) => [1, 2, 3].map((k) => ({ projectId: p.id, text: `Change idea ${k}: hourly rounding`, position: k }))),
  );
  rows += ideas.length;
  const cycles = await repos.pdsaCycles.createMany(
    projects.flatMap((p) =>
      [1, 2, 3, 4].map((n) => ({
        projectId: p.id,
        number: n,
        title: `Cycle ${n}`,
        objective: 'Test hourly rounding on the night shift',
        prediction: 'Falls on nights drop by a third within four weeks',
        stage: 'done' as const,
      })),
    ),
  );
  return rows + cycles.length;
}

/** Watch the main thread: long tasks (Chromium's own measure) and the longest gap between 10 ms ticks. */
function watchMainThread() {
  const longTasks: number[] = [];
  const longTaskAt: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      longTasks.push(e.duration);
      longTaskAt.push(e.startTime);
    }
  });
  observer.observe({ type: 'longtask' });
  let last = performance.now();
  let maxGap = 0;
  const ticker = setInterval(() => {
    const t = performance.now();
    maxGap = Math.max(maxGap, t - last);
    last = t;
  }, 10);
  return () => {
    observer.disconnect();
    clearInterval(ticker);
    return { longTasks, longTaskAt, maxGapMs: maxGap };
  };
}

let lastBackup: Uint8Array | null = null;

async function timed<T>(label: string, out: Record<string, number>, f: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  const r = await f();
  out[label] = Math.round(performance.now() - t0);
  return r;
}

export const backupsBenchApi = {
  /** Diagnostics (CG_BENCH_PROFILE=1): where a backup's time goes, and the dump's bytes per table. */
  async profileBackup() {
    const db = new CommonGroundDb();
    await db.open();
    const ms: Record<string, number> = {};
    const bytes: Record<string, number> = {};
    await timed('raw read of every table (toArray)', ms, async () => {
      for (const t of db.tables) bytes[t.name] = JSON.stringify(await t.toArray()).length;
    });
    await timed('direct read + JSON (rawStore.dumpStore)', ms, () => dumpStore(db, () => undefined));
    await timed('direct read only (getAll, 1000 rows a read)', ms, async () => {
      const tx = db.backendDB().transaction(
        db.tables.map((t) => t.name),
        'readonly',
      );
      for (const t of db.tables) {
        const store = tx.objectStore(t.name);
        let range: IDBKeyRange | undefined;
        for (;;) {
          const rows = await new Promise<Record<string, IDBValidKey>[]>((resolve, reject) => {
            const req = store.getAll(range, 1000);
            req.onsuccess = () => resolve(req.result as Record<string, IDBValidKey>[]);
            req.onerror = () => reject(req.error);
          });
          if (rows.length < 1000) break;
          range = IDBKeyRange.lowerBound(rows[rows.length - 1]![t.schema.primKey.keyPath as string]!, true);
        }
      }
    });
    const { exportDB } = await import('dexie-export-import');
    const blob = await timed('exportDB (500 rows a chunk)', ms, () => exportDB(db, { numRowsPerChunk: 500 }));
    await timed('exportDB (2000 rows a chunk)', ms, () => exportDB(db, { numRowsPerChunk: 2000 }));
    const json = await timed('blob.arrayBuffer', ms, async () => new Uint8Array(await blob.arrayBuffer()));
    const { gzipPayload } = await import('@shared/backup/payload');
    for (const level of [1, 6] as const) await timed(`gzip level ${level}`, ms, () => gzipPayload(json, { level }));
    await timed('gzip level 1, yielding', ms, () => gzipPayload(json, { level: 1, pause: yieldToUi }));
    await timed('sha-256 (WebCrypto)', ms, async () => crypto.subtle.digest('SHA-256', json));
    const text = await timed('decode', ms, async () => new TextDecoder().decode(json));
    const parsed = await timed('JSON.parse', ms, async () => JSON.parse(text) as { data: { data: Array<{ tableName: string; rows: unknown[] }> } });
    // Writing the same rows: with the app's middlewares (capture passes sync-internal writes through) and without.
    const plain = new Dexie('bench-restore-plain', { chromeTransactionDurability: 'strict' });
    plain
      .version(CURRENT_SCHEMA_VERSION)
      .stores(Object.fromEntries(db.tables.map((t) => [t.name, [t.schema.primKey.src, ...t.schema.indexes.map((i) => i.src)].join(',')])));
    await plain.open();
    await timed('bulkAdd all rows, plain Dexie, one transaction', ms, () =>
      plain.transaction('rw', plain.tables, async () => {
        for (const t of parsed.data.data) if (t.rows.length) await plain.table(t.tableName).bulkAdd(t.rows);
      }),
    );
    await timed('clear all tables, plain Dexie', ms, () => plain.transaction('rw', plain.tables, async () => Promise.all(plain.tables.map((t) => t.clear()))));
    // The same rows put straight into one raw IndexedDB transaction (what a restore does), by durability:
    // the renderer idles through most of a restore, so the time is the browser process's writing.
    const idb = plain.backendDB();
    for (const durability of ['strict', 'relaxed'] as const) {
      await timed(`raw put of all rows, one transaction, durability ${durability}`, ms, async () => {
        const tx = idb.transaction(
          plain.tables.map((t) => t.name),
          'readwrite',
          { durability },
        );
        for (const t of parsed.data.data) for (const row of t.rows) tx.objectStore(t.tableName).put(row);
        await new Promise<void>((resolve, reject) => {
          tx.oncomplete = () => resolve();
          tx.onabort = () => reject(tx.error);
        });
      });
    }
    plain.close();
    await Dexie.delete('bench-restore-plain');
    // A restore's write phase into a wiped app database, before (dexie-export-import's importInto
    // through Dexie's stack) and after (rawStore's direct puts), back to back at the same load.
    const { importInto } = await import('dexie-export-import');
    for (const variant of ['before: importInto through Dexie', 'after: direct puts'] as const) {
      const scratch = new CommonGroundDb('bench-restore-ab');
      await scratch.open();
      const dump = JSON.parse(text) as StoreDump;
      await timed(`restore write phase, wiped store, ${variant}`, ms, () =>
        scratch.transaction('rw', scratch.tables, async () => {
          const idb = Dexie.currentTransaction.idbtrans;
          markSyncInternal(idb);
          if (variant.startsWith('before')) {
            const stream = { result: dump, done: () => true, eof: () => true, pullAsync: async () => dump, pullSync: () => dump };
            await importInto(scratch, stream as unknown as Parameters<typeof importInto>[1], {
              noTransaction: true,
              overwriteValues: true,
              acceptNameDiff: true,
            });
          } else {
            const rowsByTable = new Map(dump.data.data.map((t) => [t.tableName, t.rows]));
            await replaceTables(scratch, idb, directlyWritable(scratch, rowsByTable), rowsByTable);
          }
        }),
      );
      scratch.close();
      await Dexie.delete('bench-restore-ab');
    }
    db.close();
    return { ms, jsonMB: json.length / 1024 / 1024, bytesPerTable: Object.fromEntries(Object.entries(bytes).sort((a, b) => b[1] - a[1])) };
  },

  /** Fill the app's database; returns rows per table and how long the fill took. */
  async fillBackupStore(options: { ibpsScale?: number; pointsPerMeasure?: number; synced?: boolean } = {}) {
    await Dexie.delete(DB_NAME);
    const repos = createRepositories(new CommonGroundDb());
    const t0 = performance.now();
    const h = generateHistory(FOUNDATION_SPEC, newId);
    for (const table of HISTORY_TABLES) {
      const repo = repos[table] as unknown as { createMany(inputs: unknown[], o: { ids: string[] }): Promise<unknown> };
      await repo.createMany(
        h[table].map((x) => x.input),
        { ids: h[table].map((x) => x.id) },
      );
    }
    const ibps = ibpsRows(h, options.ibpsScale ?? 2);
    // Records built and checked by the model's schemas (the fixture parses them); written in bulk
    // through the same middleware as every app write, so each carries its sync state.
    for (const [table, rows] of Object.entries(ibps)) {
      for (let i = 0; i < rows.length; i += 5000) await repos.db.table(table).bulkAdd(rows.slice(i, i + 5000));
    }
    await writeRim(repos, h.teams, options.pointsPerMeasure ?? 52);
    let outboxBytes = 0;
    await repos.db.syncOutbox.each((e) => (outboxBytes += JSON.stringify(e).length));
    // A laptop that syncs: the server acknowledged every change, the outbox is empty (each record
    // still carries its merge state). A laptop that never syncs keeps them all (outboxMB).
    if (options.synced ?? true) {
      await repos.db.transaction('rw', repos.db.syncOutbox, repos.db.syncMeta, async () => {
        await repos.db.syncOutbox.clear();
        await repos.db.syncMeta.put({ key: 'pending', n: 0 });
      });
    }
    const fillMs = performance.now() - t0;
    const tables: Record<string, number> = {};
    for (const t of repos.db.tables) tables[t.name] = await t.count();
    repos.db.close();
    return { fillMs, tables, rows: Object.values(tables).reduce((a, b) => a + b, 0), outboxMB: outboxBytes / 1024 / 1024 };
  },

  /** The backup an automatic one makes (yielding to the UI between slices), timed and watched. */
  async timeBackup() {
    const db = new CommonGroundDb();
    await db.open();
    const stop = watchMainThread();
    const t0 = performance.now();
    performance.clearMarks();
    const { bytes, header } = await makeBackupFile(db, { reason: 'automatic', appVersion: 'bench', pause: yieldToUi });
    const ms = performance.now() - t0;
    const watched = stop();
    // Which phase each long task fell in (the backup's own user-timing marks).
    const mark = (name: string) => performance.getEntriesByName(name).at(-1)?.startTime ?? 0;
    const phases = [
      ['read + export', mark('backup:start'), mark('backup:exported')],
      ['compress', mark('backup:exported'), mark('backup:compressed')],
      ['checksum + file', mark('backup:compressed'), mark('backup:encoded')],
    ] as const;
    const phaseMs = Object.fromEntries(phases.map(([name, a, b]) => [name, Math.round(b - a)]));
    const longTasksByPhase = Object.fromEntries(
      phases.map(([name, a, b]) => [name, watched.longTasks.filter((_, i) => watched.longTaskAt[i]! >= a && watched.longTaskAt[i]! < b).map(Math.round)]),
    );
    lastBackup = bytes;
    db.close();
    return {
      ms,
      fileBytes: bytes.length,
      jsonBytes: header.payload.uncompressedBytes,
      longTasks: watched.longTasks.length,
      longestTaskMs: Math.max(0, ...watched.longTasks),
      longTasksOver200: watched.longTasks.filter((d) => d > 200).length,
      maxGapMs: watched.maxGapMs,
      phaseMs,
      longTasksByPhase,
    };
  },

  /**
   * Restore the last backup, as the facilitator does: check and unpack it, write the revert point
   * of the current store, replace everything in one transaction. `wipe` first deletes the store
   * (a new laptop). Timed in parts.
   */
  async timeRestore(options: { wipe?: boolean } = {}) {
    if (!lastBackup) throw new Error('run timeBackup first');
    if (options.wipe) await Dexie.delete(DB_NAME);
    const db = new CommonGroundDb();
    await db.open();
    const t0 = performance.now();
    const backup = await openBackup(lastBackup, { currentSchemaVersion: CURRENT_SCHEMA_VERSION });
    const opened = performance.now();
    let revertMs = 0;
    const outcome = await restoreStore(db, backup, {
      beforeRestore: async () => {
        const r0 = performance.now();
        await makeBackupFile(db, { reason: 'before-restore', appVersion: 'bench' });
        revertMs = performance.now() - r0;
      },
    });
    const ms = performance.now() - t0;
    db.close();
    return { ms, openMs: opened - t0, revertMs, writeMs: ms - (opened - t0) - revertMs, rows: Object.values(outcome.tables).reduce((a, b) => a + b, 0) };
  },
};
