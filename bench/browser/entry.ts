/**
 * Browser side of `npm run bench`: runs in real Chromium on the app's own origin, with the app's
 * own modules, so it measures the real write path and can fill the real database the UI reads.
 */
import Dexie from 'dexie';
import { CommonGroundDb } from '@renderer/db/database';
import { createRepositories, type Repositories } from '@renderer/db/repositories';
import { nowIso } from '@shared/clock';
import { newId } from '@renderer/db/repositories/repository';
import { listMeetings, loadMeetingDetail } from '@renderer/features/meetings/queries';
import { CURRENT_SCHEMA_VERSION, SCHEMA_V9, DB_NAME } from '@renderer/db/schema';
import { addInterest, goToStep, startSession } from '@renderer/features/ibps/commands';
import { addMember } from '@renderer/features/roster/commands';
import { buildMinutesDocument } from '@shared/minutes/document';
import { minutesDocx, minutesHtml, minutesMarkdown, minutesCsv } from '@shared/minutes/exports';
import { makeMinutesSource } from '../../tests/fixtures/minutesSource';
import { analyzeRunChart, findSignalSpans } from '@shared/rim/runChart';
import { seriesDate } from '@shared/rim/dataImport';
import { addMeasure, createProject, importDataPoints, startCycle } from '@renderer/features/rim/commands';
import { FOUNDATION_SPEC, generateActionItems, generateHistory, scaledSpec } from './generate';
import { backupsBenchApi } from './backups';
import { syncApi } from './sync';
import { pouchIdbApi } from './pouchIdb';
import { searchApi } from './search';
import { p2pApi } from './p2p';

type History = ReturnType<typeof generateHistory>;
const TABLES = ['councils', 'teams', 'people', 'memberships', 'meetings', 'agendaItems', 'attendance'] as const;

const count = (h: History) => TABLES.reduce((n, t) => n + h[t].length, 0);

async function writeWithApp(repos: Repositories, h: History): Promise<number> {
  const t0 = performance.now();
  for (const table of TABLES) {
    const repo = repos[table] as unknown as { createMany(inputs: unknown[], o: { ids: string[] }): Promise<unknown> };
    await repo.createMany(
      h[table].map((x) => x.input),
      { ids: h[table].map((x) => x.id) },
    );
  }
  return performance.now() - t0;
}

/** One plain Dexie bulkAdd per table: the app's transaction shape (createMany is one bulkAdd), without the app. */
async function writeRaw(db: Dexie, rows: Record<string, unknown[]>): Promise<number> {
  const t0 = performance.now();
  for (const table of TABLES) await db.table(table).bulkAdd(rows[table]!);
  return performance.now() - t0;
}

async function deleteDb(name: string) {
  await Dexie.delete(name);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const api = {
  /**
   * Raw Dexie vs the app's write path (zod validation, id and clock stamping, change capture into
   * the outbox), writing the same records in the same transaction shape (one bulk write per table)
   * with the same durability. Each round writes into two fresh databases, opened before the clock
   * starts, in alternating order (raw first, then app first), so load from other processes and
   * the order itself weigh on both sides alike; a round's ratio compares its two runs only.
   */
  async writeComparison(rounds = 5) {
    const h = generateHistory(FOUNDATION_SPEC, newId);
    // The raw path writes the records the app path would store, built beforehand with the same schemas.
    const buildRepos = createRepositories(new CommonGroundDb('bench-build-only'));
    const now = nowIso();
    const rows: Record<string, unknown[]> = {};
    for (const table of TABLES) {
      const repo = buildRepos[table] as unknown as { validate(i: unknown): { id: string } };
      rows[table] = h[table].map((x) => ({ ...repo.validate(x.input), id: x.id, createdAt: now, updatedAt: now }));
    }
    const runRaw = async () => {
      await deleteDb('bench-raw');
      // Same durability as the app (strict), so the comparison measures the app's work, not fsync policy.
      const raw = new Dexie('bench-raw', { chromeTransactionDurability: 'strict' });
      raw.version(CURRENT_SCHEMA_VERSION).stores(SCHEMA_V9);
      await raw.open();
      const ms = await writeRaw(raw, rows);
      raw.close();
      return ms;
    };
    const runApp = async () => {
      await deleteDb('bench-app');
      const app = createRepositories(new CommonGroundDb('bench-app'));
      await app.db.open();
      const ms = await writeWithApp(app, h);
      app.db.close();
      return ms;
    };
    const runs: Array<{ rawMs: number; appMs: number; ratio: number }> = [];
    for (let round = 0; round < rounds; round++) {
      let rawMs: number;
      let appMs: number;
      if (round % 2 === 0) {
        rawMs = await runRaw();
        appMs = await runApp();
      } else {
        appMs = await runApp();
        rawMs = await runRaw();
      }
      // app throughput / raw throughput for the same records.
      runs.push({ rawMs, appMs, ratio: rawMs / appMs });
    }
    await deleteDb('bench-raw');
    await deleteDb('bench-app');
    const ratios = runs.map((r) => r.ratio);
    return {
      records: count(h),
      rounds,
      rawMs: median(runs.map((r) => r.rawMs)),
      appMs: median(runs.map((r) => r.appMs)),
      ratio: median(ratios),
      minRatio: Math.min(...ratios),
      maxRatio: Math.max(...ratios),
      runs,
    };
  },

  /**
   * Where the write comparison's time goes: one write of the same history into a fresh database,
   * by the app or raw, timed per table (diagnostics: run it under a CPU profiler).
   */
  async writePerTable(kind: 'app' | 'raw') {
    const h = generateHistory(FOUNDATION_SPEC, newId);
    const now = nowIso();
    const name = `bench-${kind}`;
    await deleteDb(name);
    const app = createRepositories(new CommonGroundDb(kind === 'app' ? name : 'bench-build-only'));
    const raw = new Dexie(name, { chromeTransactionDurability: 'strict' });
    raw.version(CURRENT_SCHEMA_VERSION).stores(SCHEMA_V9);
    await (kind === 'app' ? app.db : raw).open();
    const out: Record<string, number> = {};
    for (const table of TABLES) {
      const repo = app[table] as unknown as {
        createMany(inputs: unknown[], o: { ids: string[] }): Promise<unknown>;
        validate(i: unknown): { id: string };
      };
      const rows = kind === 'raw' ? h[table].map((x) => ({ ...repo.validate(x.input), id: x.id, createdAt: now, updatedAt: now })) : [];
      const t0 = performance.now();
      if (kind === 'app')
        await repo.createMany(
          h[table].map((x) => x.input),
          { ids: h[table].map((x) => x.id) },
        );
      else await raw.table(table).bulkAdd(rows);
      out[table] = Math.round(performance.now() - t0);
    }
    app.db.close();
    raw.close();
    await deleteDb(name);
    return out;
  },

  /** Fill the app's real database with the large history; returns a meeting id to open. */
  async fillAppDatabase() {
    await deleteDb(DB_NAME);
    const repos = createRepositories(new CommonGroundDb());
    const h = generateHistory(FOUNDATION_SPEC, newId);
    await writeWithApp(repos, h);
    const t0 = performance.now();
    const list = await listMeetings(repos);
    const listMs = performance.now() - t0;
    const meetingId = h.meetings[h.meetings.length - 1]!.id;
    const t1 = performance.now();
    const detail = await loadMeetingDetail(repos, meetingId);
    const detailMs = performance.now() - t1;
    repos.db.close();
    return { meetingId, meetings: list.length, agendaItems: detail?.agenda.length ?? 0, listMs, detailMs };
  },

  /**
   * The app's database filled with a history of `meetings` meetings (people, teams, agenda,
   * attendance and action items in proportion), for the scale suite; returns a meeting to open.
   */
  async fillScaledHistory(meetings: number) {
    await deleteDb(DB_NAME);
    const repos = createRepositories(new CommonGroundDb());
    const h = generateHistory(scaledSpec(meetings), newId);
    const actionItems = generateActionItems(h, 2, newId);
    const t0 = performance.now();
    await writeWithApp(repos, h);
    await repos.actionItems.createMany(
      actionItems.map((x) => x.input),
      { ids: actionItems.map((x) => x.id) },
    );
    // One improvement project for every tenth team (the improvement page lists them by team).
    const projects = h.teams.filter((_, i) => i % 10 === 0);
    for (const team of projects)
      await createProject(repos, {
        teamId: team.id,
        title: `${team.input.name} falls project`,
        aim: 'Reduce falls per 1,000 patient days from 6 to 3 by June 30, 2027',
      });
    const writeMs = performance.now() - t0;
    repos.db.close();
    return { meetingId: h.meetings[h.meetings.length - 1]!.id, records: count(h) + actionItems.length + projects.length, writeMs };
  },

  /** Where the meeting page's time goes: each of its reads, timed alone (diagnostics). */
  async profileMeetingReads(meetingId: string) {
    const repos = createRepositories(new CommonGroundDb());
    const time = async (label: string, f: () => Promise<unknown>) => {
      const t0 = performance.now();
      await f();
      return [label, performance.now() - t0] as const;
    };
    const m = (await repos.meetings.get(meetingId))!;
    const out = [
      await time('loadMeetingDetail', () => loadMeetingDetail(repos, meetingId)),
      await time('people.toArray', () => repos.db.people.toArray()),
      await time('carriedForwardTo', () => import('@renderer/features/actions/queries').then((a) => a.carriedForwardTo(repos, m))),
      await time('sessionsOfMeeting', () => import('@renderer/features/ibps/queries').then((a) => a.sessionsOfMeeting(repos, meetingId))),
      await time('openSessionsOfBody', () => import('@renderer/features/ibps/queries').then((a) => a.openSessionsOfBody(repos, m.bodyId))),
      await time('listMeetings(body)', () => listMeetings(repos, { bodyId: m.bodyId, limit: 8 })),
    ];
    repos.db.close();
    return Object.fromEntries(out);
  },

  /** A team with a session of `items` interests, on the Interests step; returns the session id. */
  async seedIbpsSession(items: number) {
    await deleteDb(DB_NAME);
    const repos = createRepositories(new CommonGroundDb());
    const council = await repos.councils.create({ name: 'Bench Council', level: 'local' });
    const team = await repos.teams.create({ councilId: council.id, name: 'Bench UBT' });
    for (const [name, side] of [
      ['Ana Torres', 'union'],
      ['Ben Okafor', 'management'],
    ] as const) {
      const p = await repos.people.create({ name, side });
      await addMember(repos, p.id, 'team', team.id);
    }
    const meeting = await repos.meetings.create({ bodyKind: 'team', bodyId: team.id, title: 'Bench meeting', startsAt: '2026-11-24T09:00' });
    const session = await startSession(repos, meeting, null);
    for (let i = 0; i < items; i++)
      await addInterest(repos, session.id, {
        text: `Seeded interest ${i + 1}: staff and patients both need a predictable schedule`,
        sides: i % 3 === 0 ? ['management', 'union'] : ['union'],
      });
    await goToStep(repos, session.id, 'interests');
    repos.db.close();
    return session.id;
  },

  /**
   * A RIM project whose outcome measure has `points` weekly points (a shift halfway) and three PDSA
   * cycles drawn on its chart, in the app's real database; returns the project id to open.
   */
  async seedRimMeasure(points: number) {
    await deleteDb(DB_NAME);
    const repos = createRepositories(new CommonGroundDb());
    const council = await repos.councils.create({ name: 'Bench Council', level: 'local' });
    const team = await repos.teams.create({ councilId: council.id, name: 'Bench UBT' });
    const project = await createProject(repos, {
      teamId: team.id,
      title: 'Bench falls project',
      aim: 'Reduce falls per 1,000 patient days from 6 to 3 by June 30, 2027',
    });
    const measure = await addMeasure(repos, project.id, { name: 'Falls per 1,000 patient days', kind: 'outcome', direction: 'down', target: 3 });
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const rows = Array.from({ length: points }, (_, i) => ({
      date: seriesDate('2016-01-04', 'weekly', i),
      value: i % 53 === 0 ? null : Math.round(((i > points / 2 ? 3 : 6) + random() * 3) * 10) / 10,
      note: '',
    }));
    await importDataPoints(repos, measure.id, rows);
    for (const at of [0.4, 0.5, 0.6]) {
      const cycle = await startCycle(repos, project.id, { title: `Test ${at}`, measureIds: [measure.id] });
      await repos.pdsaCycles.update(cycle.id, { doneOn: rows[Math.floor(points * at)]!.date });
    }
    repos.db.close();
    return project.id;
  },

  /**
   * A project with three `points`-point weekly measures, one of each kind and chart: an outcome
   * rate (falls per 1,000 patient days, U chart), a process proportion (bed alarms on, P chart)
   * and a balancing measurement (minutes to answer a call light, I/MR chart with a frozen
   * baseline), with PDSA cycles and a chart note. Returns the project's id.
   */
  async seedRimProject(points: number) {
    await deleteDb(DB_NAME);
    const repos = createRepositories(new CommonGroundDb());
    const council = await repos.councils.create({ name: 'Bench Council', level: 'local' });
    const team = await repos.teams.create({ councilId: council.id, name: '5 North Med-Surg UBT' });
    const project = await createProject(repos, {
      teamId: team.id,
      title: 'Fewer falls on 5 North',
      aim: 'Reduce falls per 1,000 patient days from 4 to 2 by June 30, 2027',
    });
    let seed = 11;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const dates = Array.from({ length: points }, (_, i) => seriesDate('2016-01-04', 'weekly', i));
    const later = (i: number) => i > points * 0.55;
    const falls = await addMeasure(repos, project.id, {
      name: 'Falls per 1,000 patient days',
      kind: 'outcome',
      direction: 'down',
      valueType: 'rate',
      ratePer: 1000,
      numeratorLabel: 'Falls',
      denominatorLabel: 'Patient days',
      target: 2,
    });
    await importDataPoints(
      repos,
      falls.id,
      dates.map((date, i) => {
        // A 130-bed unit: about 900 patient days a week.
        const days = 850 + Math.round(random() * 100);
        return {
          date,
          value: null,
          note: '',
          numerator: i % 61 === 0 ? null : Math.round((days * (later(i) ? 2.2 : 4) * (0.5 + random())) / 1000),
          denominator: days,
        };
      }),
    );
    const alarms = await addMeasure(repos, project.id, {
      name: 'High-risk patients with bed alarm on',
      kind: 'process',
      direction: 'up',
      valueType: 'proportion',
      numeratorLabel: 'Alarm on',
      denominatorLabel: 'High-risk patients',
      target: 95,
    });
    await importDataPoints(
      repos,
      alarms.id,
      dates.map((date, i) => {
        const n = 20 + Math.round(random() * 15);
        const p = later(i) ? 0.9 : 0.6;
        return { date, value: null, note: '', numerator: Math.min(n, Math.round(n * p + (random() - 0.5) * 6)), denominator: n };
      }),
    );
    const answer = await addMeasure(repos, project.id, {
      name: 'Minutes to answer a call light',
      kind: 'balancing',
      direction: 'down',
      valueType: 'measurement',
      unit: 'minutes',
    });
    await importDataPoints(
      repos,
      answer.id,
      dates.map((date, i) => ({ date, value: Math.round((4 + random() * 3 + (i === Math.floor(points * 0.3) ? 6 : 0)) * 10) / 10, note: '' })),
    );
    await repos.measures.update(answer.id, { frozenBaselineCount: 40, frozenReason: 'Forty weeks before the first test', frozenAt: nowIso() });
    for (const at of [0.5, 0.55, 0.6]) {
      const cycle = await startCycle(repos, project.id, { title: `Bed alarms ${at}`, measureIds: [falls.id, alarms.id] });
      await repos.pdsaCycles.update(cycle.id, { doneOn: dates[Math.floor(points * at)]!, decision: 'adapt' });
    }
    await repos.chartNotes.create({ projectId: project.id, measureId: null, date: dates[Math.floor(points * 0.7)]!, text: 'EHR go-live' });
    repos.db.close();
    return project.id;
  },

  /**
   * Run-chart analysis of a long measure (`points` values: a seeded noisy series with a shift and
   * some missing points), median of `runs` timings after warm-up.
   */
  runChartAnalysis(points: number, runs: number) {
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const values = Array.from({ length: points }, (_, i) => (i % 97 === 0 ? null : Math.round((i > points / 2 ? 38 : 45) + random() * 10)));
    for (let i = 0; i < 5; i++) analyzeRunChart(values);
    const analysis: number[] = [];
    const spans: number[] = [];
    for (let i = 0; i < runs; i++) {
      let t0 = performance.now();
      analyzeRunChart(values);
      analysis.push(performance.now() - t0);
      t0 = performance.now();
      findSignalSpans(values);
      spans.push(performance.now() - t0);
    }
    const result = analyzeRunChart(values);
    return { analysisMs: median(analysis), spansMs: median(spans), useful: result.useful, nonRandom: result.nonRandom };
  },

  /**
   * Minutes of a 3-hour meeting with a long IBPS session (`scale` 30: ~320 captured items), each
   * format timed as the renderer makes it: median of `runs` after one warm-up. Returns the HTML
   * so the suite can time Chromium's print to PDF of the very same page.
   */
  async minutesExports(scale: number, runs: number) {
    const { source } = makeMinutesSource({ scale });
    const s = source.sessions[Object.keys(source.sessions)[0]!]!;
    const items =
      s.interests.length +
      s.options.length +
      s.criteria.length +
      s.evaluations.length +
      s.coverage.length +
      source.actionItems.length +
      source.parkingLot.length +
      source.plusDeltas.length;
    const approval = { status: 'draft' as const, version: 1, approvals: [], history: [], amendmentReason: '' };
    const timed = async (fn: () => unknown) => {
      await fn();
      const xs: number[] = [];
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        await fn();
        xs.push(performance.now() - t0);
      }
      return median(xs);
    };
    const doc = buildMinutesDocument(source);
    const docx = await minutesDocx(doc, approval);
    const html = minutesHtml(doc, approval);
    return {
      items,
      durationMinutes: source.meeting.durationMinutes,
      buildMs: await timed(() => buildMinutesDocument(source)),
      mdMs: await timed(() => minutesMarkdown(buildMinutesDocument(source), approval)),
      htmlMs: await timed(() => minutesHtml(buildMinutesDocument(source), approval)),
      csvMs: await timed(() => minutesCsv(buildMinutesDocument(source))),
      docxMs: await timed(() => minutesDocx(buildMinutesDocument(source), approval)),
      docxBytes: docx.byteLength,
      html,
    };
  },

  /** The app's sync client against the real sync server (bench/browser/sync.ts, driven by the sync suite). */
  ...syncApi,
  /** PouchDB on IndexedDB in the same browser, for the app client's like-for-like ratio. */
  ...pouchIdbApi,
  ...searchApi,
  /** Back up and restore a large store (bench/browser/backups.ts, driven by the backups suite). */
  ...backupsBenchApi,
  /** Path to Performance: a large council's assessments and the dashboard query (bench/suites/p2p.mjs). */
  ...p2pApi,
};

(window as unknown as { cgBench: typeof api }).cgBench = api;
document.title = 'cg-bench-ready';
