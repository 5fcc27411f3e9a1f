import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { setClockFixed } from '@shared/clock';
import { CRITERIA } from '@shared/p2p/criteria';
import { parseProgramFiguresCsv } from '@shared/p2p/programFigures';
import { formatShare } from '@shared/p2p/rollup';
import type { P2pDimension } from '@shared/model/p2p';
import { appSyncRegistry } from '@renderer/db/capture/syncedTables';
import type { Repositories } from '@renderer/db/repositories';
import {
  addEvidence,
  checkId,
  confirmAssessment,
  discardCorrection,
  importProgramFigures,
  removeEvidence,
  removeProgramFigure,
  restoreEvidence,
  restoreProgramFigure,
  saveDimensionNote,
  setCriterion,
  startAssessment,
  startCorrection,
} from '@renderer/features/p2p/commands';
import { dashboardPage, loadAssessment, teamP2pHistory } from '@renderer/features/p2p/queries';
import { addMember } from '@renderer/features/roster/commands';
import { addMeasure, createProject, moveCycleTo, setDataPoint, startCycle, updateCycle } from '@renderer/features/rim/commands';
import { addAgendaItem, createMeeting, setAttendance } from '@renderer/features/meetings/commands';
import { freshRepos } from '../../db/helpers';

let repos: Repositories;
afterEach(async () => {
  repos?.db.close();
  if (repos) await repos.db.delete();
});

async function setUp() {
  const council = await repos.councils.create({ name: 'Colorado Regional Council', level: 'regional', region: 'Colorado' });
  const ana = await repos.people.create({ name: 'Ana Torres', side: 'union', union: 'SEIU-UHW', local: '105' });
  const ben = await repos.people.create({ name: 'Ben Okafor', side: 'management' });
  const cara = await repos.people.create({ name: 'Cara Lim', side: 'management' });
  const odessa = await repos.people.create({ name: 'Odessa Kwan', side: 'management' });
  const team = await repos.teams.create({
    councilId: council.id,
    name: 'Pharmacy UBT',
    managementCoLeadId: ben.id,
    unionCoLeadId: ana.id,
    managementSponsorId: odessa.id,
  });
  for (const p of [ana, ben, cara]) await addMember(repos, p.id, 'team', team.id);
  return { council, team, ana, ben, cara, odessa };
}

const upTo = (n: number) => CRITERIA.filter((c) => c.level <= n).map((c) => c.id);
const inRoom = { method: 'in-room' as const, recordedByName: 'Pat Okafor' };

async function tick(assessmentId: string, ids: readonly string[]) {
  for (const id of ids) await setCriterion(repos, assessmentId, id, true);
}

/** Both co-leads confirm what is stored now. */
async function confirmBoth(teamId: string, quarter: string, people: { ana: { id: string }; ben: { id: string } }) {
  const view = (await loadAssessment(repos, teamId, quarter))!;
  await confirmAssessment(repos, {
    assessmentId: view.assessment!.id,
    side: 'management',
    personId: people.ben.id,
    role: '',
    seenHash: view.hash,
    signOff: inRoom,
  });
  return confirmAssessment(repos, {
    assessmentId: view.assessment!.id,
    side: 'union',
    personId: people.ana.id,
    role: '',
    seenHash: view.hash,
    signOff: inRoom,
  });
}

describe('Path to Performance assessments', () => {
  it('assesses a team across seven dimensions: the level follows from the boxes ticked, both co-leads confirm, then it is read-only', async () => {
    repos = freshRepos();
    const { team, ana, ben, cara } = await setUp();
    const assessment = await startAssessment(repos, team.id, '2026-Q4');
    // Opening the quarter again gives the same draft, not a second one.
    expect((await startAssessment(repos, team.id, '2026-Q4')).id).toBe(assessment.id);

    await tick(assessment.id, upTo(2));
    await tick(assessment.id, ['use-of-tools.3.two-cycles', 'sponsorship.3.in-touch']);
    // Unticking and ticking again writes the same row (derived id), never a second one.
    await setCriterion(repos, assessment.id, 'training.2.co-leads', false);
    await setCriterion(repos, assessment.id, 'training.2.co-leads', true);
    expect(await repos.db.p2pChecks.where('assessmentId').equals(assessment.id).count()).toBe(upTo(2).length + 2);
    expect((await repos.p2pChecks.get(checkId(assessment.id, 'training.2.co-leads')))?.met).toBe(true);
    await saveDimensionNote(repos, assessment.id, 'training', 'Both co-leads finished training in October.');
    await addEvidence(repos, assessment.id, { dimension: 'training', criterionId: 'training.2.co-leads', text: 'Training certificates, Oct 2026' });

    let view = (await loadAssessment(repos, team.id, '2026-Q4'))!;
    expect(view.result.level).toBe(2);
    expect(view.result.holdingBack.map((c) => c.id)).toContain('leadership.3.facilitate');
    expect(view.result.holdingBack.map((c) => c.id)).not.toContain('use-of-tools.3.two-cycles');

    // Only the team's named co-lead confirms for a side; an email sign-off needs its note.
    await expect(
      confirmAssessment(repos, { assessmentId: assessment.id, side: 'management', personId: cara.id, role: '', seenHash: view.hash, signOff: inRoom }),
    ).rejects.toThrow(/Only the team's management co-lead can confirm/);
    await expect(
      confirmAssessment(repos, {
        assessmentId: assessment.id,
        side: 'union',
        personId: ana.id,
        role: '',
        seenHash: view.hash,
        signOff: { method: 'email', recordedByName: 'Pat Okafor' },
      }),
    ).rejects.toThrow(/Say which email backs this confirmation/);

    const first = await confirmAssessment(repos, {
      assessmentId: assessment.id,
      side: 'management',
      personId: ben.id,
      role: 'Management co-lead',
      seenHash: view.hash,
      signOff: { method: 'own-laptop', recordedByName: 'Ben Okafor' },
    });
    expect(first.rating).toBeNull();
    expect(first.confirmation).toMatchObject({ method: 'own-laptop', recordedByName: 'Ben Okafor', name: 'Ben Okafor' });
    // The account that pushed it is the sync server's word, never written by a laptop.
    expect(first.confirmation).not.toHaveProperty('recordedByAccount');

    // A change after management confirmed: the union co-lead read an older assessment, so nothing is confirmed,
    // and management's confirmation no longer counts for the changed one.
    await setCriterion(repos, assessment.id, 'leadership.3.facilitate', true);
    await expect(
      confirmAssessment(repos, { assessmentId: assessment.id, side: 'union', personId: ana.id, role: '', seenHash: view.hash, signOff: inRoom }),
    ).rejects.toThrow(/changed while you were reading/);
    view = (await loadAssessment(repos, team.id, '2026-Q4'))!;
    const union = await confirmAssessment(repos, {
      assessmentId: assessment.id,
      side: 'union',
      personId: ana.id,
      role: 'Union co-lead',
      seenHash: view.hash,
      signOff: { method: 'email', recordedByName: 'Pat Okafor', evidenceNote: 'Email of 2 Dec, subject "Q4 assessment OK"' },
    });
    expect(union.rating).toBeNull();
    const done = await confirmAssessment(repos, {
      assessmentId: assessment.id,
      side: 'management',
      personId: ben.id,
      role: 'Management co-lead',
      seenHash: view.hash,
      signOff: inRoom,
    });
    expect(done.rating).toMatchObject({ level: 2, quarter: '2026-Q4', version: 1, teamId: team.id });
    expect(done.rating!.dimensionLevels).toMatchObject({ sponsorship: 3, training: 2, 'use-of-tools': 3, leadership: 3, engagement: 2 });
    expect(done.rating!.confirmations.map((c) => [c.side, c.name, c.method, c.evidenceNote])).toEqual([
      ['management', 'Ben Okafor', 'in-room', ''],
      ['union', 'Ana Torres', 'email', 'Email of 2 Dec, subject "Q4 assessment OK"'],
    ]);
    expect(done.rating!.notes).toEqual([{ dimension: 'training', text: 'Both co-leads finished training in October.' }]);

    // Confirmed: read-only, and the team record's level follows.
    await expect(setCriterion(repos, assessment.id, 'training.3.members', true)).rejects.toThrow(/confirmed and read-only/);
    await expect(saveDimensionNote(repos, assessment.id, 'training', 'changed')).rejects.toThrow(/confirmed and read-only/);
    await expect(addEvidence(repos, assessment.id, { dimension: 'training', text: 'late' })).rejects.toThrow(/confirmed and read-only/);
    await expect(startAssessment(repos, team.id, '2026-Q4')).rejects.toThrow(/already confirmed/);
    expect(await repos.teams.get(team.id)).toMatchObject({ p2pLevel: 2 });
    view = (await loadAssessment(repos, team.id, '2026-Q4'))!;
    expect(view.assessment?.status).toBe('confirmed');
    expect(view.result.level).toBe(2);
  });

  it('corrects a confirmed assessment as a new version, which replaces it once confirmed; the confirmed version is kept', async () => {
    repos = freshRepos();
    const people = await setUp();
    const { team } = people;
    setClockFixed('2026-09-20T10:00:00.000Z');
    const q3 = await startAssessment(repos, team.id, '2026-Q3');
    await tick(q3.id, upTo(3));
    await confirmBoth(team.id, '2026-Q3', people);
    setClockFixed('2026-12-10T10:00:00.000Z');
    // Q4 starts from Q3's confirmed boxes; the co-leads then review each.
    const q3Rating = (await loadAssessment(repos, team.id, '2026-Q4'))!.previous;
    expect(q3Rating?.level).toBe(3);
    const q4 = await startAssessment(repos, team.id, '2026-Q4', { fromRating: q3Rating });
    expect((await loadAssessment(repos, team.id, '2026-Q4'))!.result.level).toBe(3);
    await tick(q4.id, upTo(4));
    await confirmBoth(team.id, '2026-Q4', people);
    expect((await repos.teams.get(team.id))?.p2pLevel).toBe(4);

    await expect(startCorrection(repos, q4.id, '  ')).rejects.toThrow(/Say why/);
    const correction = await startCorrection(repos, q4.id, 'Use of tools: a project was not documented in 90 days');
    expect(correction).toMatchObject({ version: 2, correctsId: q4.id, status: 'draft' });
    await expect(startCorrection(repos, q4.id, 'again')).rejects.toThrow(/already under way/);
    let view = (await loadAssessment(repos, team.id, '2026-Q4'))!;
    expect(view.assessment?.id).toBe(correction.id);
    expect(view.result.level).toBe(4);
    await setCriterion(repos, correction.id, 'use-of-tools.4.documented', false);
    view = (await loadAssessment(repos, team.id, '2026-Q4'))!;
    expect(view.result.level).toBe(3);
    // Until it is confirmed, the dashboard still counts the confirmed version.
    let dash = await dashboardPage(repos, { councilId: null, region: null, quarter: '2026-Q4' }, '2026-12-10');
    expect(dash.data.counts.byLevel[4]).toBe(1);
    await confirmBoth(team.id, '2026-Q4', people);
    dash = await dashboardPage(repos, { councilId: null, region: null, quarter: '2026-Q4' }, '2026-12-10');
    expect(dash.data.counts.byLevel[3]).toBe(1);
    expect(dash.data.movement).toMatchObject({ compared: 1, same: 1 });
    expect(await repos.db.p2pRatings.count()).toBe(3);
    expect((await repos.teams.get(team.id))?.p2pLevel).toBe(3);

    const history = (await teamP2pHistory(repos, team.id, '2026-12-10'))!;
    expect(history.entries.map((e) => [e.rating.quarter, e.rating.version, e.rating.level, e.change])).toEqual([
      ['2026-Q4', 2, 3, 0],
      ['2026-Q3', 1, 3, null],
    ]);
    expect(history.entries[0]!.gained.map((c) => c.level)).toEqual(expect.arrayContaining([4]));

    // A correction started by mistake is discarded; the confirmed version stands.
    const mistaken = await startCorrection(repos, correction.id, 'Wrong team');
    await discardCorrection(repos, mistaken.id);
    expect((await loadAssessment(repos, team.id, '2026-Q4'))!.assessment?.id).toBe(correction.id);
    expect(await repos.db.p2pChecks.where('assessmentId').equals(mistaken.id).count()).toBe(0);
  });

  it('keeps evidence as rows: the same offer attached twice is one, and a removal can be undone', async () => {
    repos = freshRepos();
    const { team } = await setUp();
    const a = await startAssessment(repos, team.id, '2026-Q4');
    const input = {
      dimension: 'sponsorship' as P2pDimension,
      criterionId: 'sponsorship.1.named',
      text: 'Sponsors named on the team record',
      source: 'app' as const,
    };
    const first = await addEvidence(repos, a.id, input);
    expect((await addEvidence(repos, a.id, input)).id).toBe(first.id);
    await expect(addEvidence(repos, a.id, { ...input, criterionId: 'training.1.booked' })).rejects.toThrow(/another dimension/);
    const removed = await removeEvidence(repos, first.id);
    expect(await repos.db.p2pEvidence.count()).toBe(0);
    await restoreEvidence(repos, removed!);
    expect((await repos.p2pEvidence.get(first.id))?.source).toBe('app');
    await expect(setCriterion(repos, a.id, 'no.such.criterion', true)).rejects.toThrow(/Unknown criterion/);
    await expect(startAssessment(repos, team.id, 'Q4')).rejects.toThrow(/not a quarter/);
  });

  it('offers evidence the app holds beside the criteria, without ticking anything', async () => {
    repos = freshRepos();
    const { team, ana, ben } = await setUp();
    const meeting = await createMeeting(repos, { bodyKind: 'team', bodyId: team.id, title: 'October', startsAt: '2026-10-14T09:00' });
    await addAgendaItem(repos, { meetingId: meeting.id, title: 'Scorecard', presenter: 'Ana Torres and Ben Okafor' });
    await setAttendance(repos, meeting.id, ana.id, 'present');
    await setAttendance(repos, meeting.id, ben.id, 'present');
    const project = await createProject(repos, { teamId: team.id, title: 'Fewer missed doses', valueCompass: ['best-quality'] });
    const measure = await addMeasure(repos, project.id, { name: 'Missed doses per week', kind: 'outcome', direction: 'down' });
    await setDataPoint(repos, measure.id, '2026-10-05', 12);
    for (const n of [1, 2]) {
      const cycle = await startCycle(repos, project.id, { title: `Test ${n}`, measureIds: [measure.id] });
      await updateCycle(repos, cycle.id, {
        objective: 'Try it',
        prediction: 'Fewer',
        doneAsPlanned: true,
        observations: 'Seen',
        results: 'Fewer',
        decision: 'adopt',
      });
      await moveCycleTo(repos, cycle.id, 'done');
    }
    const a = await startAssessment(repos, team.id, '2026-Q4');
    const view = (await loadAssessment(repos, team.id, '2026-Q4', '2026-11-25'))!;
    expect(view.offers.get('sponsors-named')!.text).toBe('Only one sponsor is named on the team record: Odessa Kwan (management); no union sponsor.');
    expect(view.offers.get('meeting-cadence')!.text).toBe('1 team meeting recorded in Q4 2026: Oct 14.');
    expect(view.offers.get('joint-agendas')!.text).toBe('In Q4 2026, both co-leads presented agenda items at 1 of 1 meeting and both attended 1.');
    expect(view.offers.get('pdsa-cycles')!.text).toBe('2 PDSA cycles completed (Fewer missed doses: 2).');
    expect(view.offers.get('annotated-run-charts')!.text).toMatch(/^1 run chart annotated .*Missed doses per week/);
    expect(view.offers.get('value-compass')!.text).toMatch(/^Projects cover 1 of 4/);
    // Offered, never decided: nothing is ticked and the level is 0.
    expect(await repos.db.p2pChecks.where('assessmentId').equals(a.id).count()).toBe(0);
    expect(view.result.level).toBe(0);
  });

  it('syncs with the team’s council; the confirmed rating is written once', async () => {
    const rows: Record<string, Record<string, Record<string, unknown>>> = {
      teams: { t1: { id: 't1', councilId: 'c1' } },
      p2pAssessments: { a1: { id: 'a1', teamId: 't1' } },
    };
    const lookup = {
      get: async (table: string, id: string) => rows[table]?.[id],
      findReferencing: async () => undefined,
    };
    for (const table of ['p2pChecks', 'p2pDimensionNotes', 'p2pEvidence', 'p2pConfirmations', 'p2pRatings'])
      expect(await appSyncRegistry.resolveCouncilIdAsync(table, { id: 'x', assessmentId: 'a1' }, lookup)).toBe('c1');
    expect(await appSyncRegistry.resolveCouncilIdAsync('programFigures', { id: 'f', councilId: 'c9' }, lookup)).toBe('c9');
    expect(appSyncRegistry.get('p2pRatings').immutable).toBe(true);
    expect(appSyncRegistry.get('p2pConfirmations').immutable).toBeFalsy();
  });
});

describe('program figures and the dashboard', () => {
  const figuresFile = () => readFileSync(new URL('../../../../fixtures/regional-figures-2021-06.csv', import.meta.url), 'utf8');

  it('imports the June 2021 regional figures in one go; importing again replaces them; each can be removed and restored', async () => {
    repos = freshRepos();
    const { council } = await setUp();
    const parsed = parseProgramFiguresCsv(figuresFile());
    if (!parsed.ok) throw new Error(parsed.message);
    expect(await importProgramFigures(repos, council.id, parsed.rows, 'regional-figures-2021-06.csv')).toEqual({ added: 8, replaced: 0 });
    expect(await importProgramFigures(repos, council.id, parsed.rows, 'regional-figures-2021-06.csv')).toEqual({ added: 0, replaced: 8 });
    expect(await repos.db.programFigures.count()).toBe(8);
    const dash = await dashboardPage(repos, { councilId: council.id, region: null, quarter: '2026-Q4' }, '2026-11-25');
    expect(formatShare(dash.data.imported!.share)).toBe('2,674 of 3,651 (73%)');
    expect(dash.data.regions.filter((r) => r.source === 'imported')).toHaveLength(8);
    // The region filter narrows the imported figures too.
    const hawaii = await dashboardPage(repos, { councilId: council.id, region: 'Hawaii', quarter: '2026-Q4' }, '2026-11-25');
    expect(hawaii.data.regions.map((r) => [r.region, r.share.percent])).toEqual([['Hawaii', 90]]);
    expect(hawaii.data.teams).toBe(0);

    const colorado = dash.figures.find((f) => f.region === 'Colorado')!;
    const removed = await removeProgramFigure(repos, colorado.id);
    expect(await repos.db.programFigures.count()).toBe(7);
    await restoreProgramFigure(repos, removed!);
    expect(await repos.db.programFigures.count()).toBe(8);
    await expect(importProgramFigures(repos, council.id, [], 'empty.csv')).rejects.toThrow(/no figures/);
    await expect(importProgramFigures(repos, '0190aaaa-0000-7000-8000-00000000abcd', parsed.rows, 'x.csv')).rejects.toThrow(/Choose the council/);
  });

  it('shows a council’s teams by level, the share high performing, and what needs attention', async () => {
    repos = freshRepos();
    const people = await setUp();
    const { council, team } = people;
    const other = await repos.councils.create({ name: 'Hawaii Council', level: 'regional', region: 'Hawaii' });
    await repos.teams.create({ councilId: other.id, name: 'Kona Lab UBT' });
    const second = await repos.teams.create({
      councilId: council.id,
      name: 'ICU UBT',
      region: 'Colorado',
      managementCoLeadId: people.ben.id,
      unionCoLeadId: people.ana.id,
    });
    for (const p of [people.ana, people.ben]) await addMember(repos, p.id, 'team', second.id);
    const a1 = await startAssessment(repos, team.id, '2026-Q4');
    await tick(a1.id, upTo(4));
    await confirmBoth(team.id, '2026-Q4', people);
    const a2 = await startAssessment(repos, second.id, '2026-Q4');
    await tick(a2.id, upTo(2));
    await confirmBoth(second.id, '2026-Q4', people);
    const meeting = await createMeeting(repos, { bodyKind: 'team', bodyId: team.id, title: 'November', startsAt: '2026-11-18T09:00' });
    await repos.actionItems.create({ bodyKind: 'team', bodyId: team.id, meetingId: meeting.id, what: 'Post the schedule', dueDate: '2026-11-20' });
    await createProject(repos, { teamId: second.id, title: 'Quiet project', valueCompass: ['best-service'] });

    const dash = await dashboardPage(repos, { councilId: council.id, region: null, quarter: null }, '2026-11-25');
    expect(dash.quarter).toBe('2026-Q4');
    expect(dash.data.teams).toBe(2);
    expect(dash.data.counts.byLevel).toEqual([0, 0, 1, 0, 1, 0]);
    expect(formatShare(dash.data.counts.share)).toBe('1 of 2 (50%)');
    expect(dash.data.overdueActions.map((o) => o.item.what)).toEqual(['Post the schedule']);
    expect(dash.data.quietTeams.map((q) => q.team.name)).toEqual(['ICU UBT']);
    expect(dash.data.valueCompass.teamsByPoint['best-service']).toBe(1);
    expect(dash.regions).toEqual(['Colorado', 'Hawaii']);
    expect(dash.quarters[0]).toBe('2026-Q4');
    // All councils: the Hawaii team is in scope and not assessed.
    const all = await dashboardPage(repos, { councilId: null, region: null, quarter: '2026-Q4' }, '2026-11-25');
    expect(all.data.counts.notAssessed.map((t) => t.name)).toEqual(['Kona Lab UBT']);
  });

  it('opens on the latest rated quarter (never one from a wrong clock), looks back beyond two years, and honours a chosen quarter', async () => {
    repos = freshRepos();
    const people = await setUp();
    const { team } = people;
    const rate = async (quarter: string, level: number) => {
      const a = await startAssessment(repos, team.id, quarter);
      await tick(a.id, upTo(level));
      await confirmBoth(team.id, quarter, people);
    };
    await rate('2023-Q1', 2);
    let dash = await dashboardPage(repos, { councilId: null, region: null, quarter: null }, '2026-11-25');
    expect(dash.quarter).toBe('2023-Q1');
    expect(dash.data.counts.byLevel[2]).toBe(1);
    expect(dash.quarters.at(-1)).toBe('2023-Q1');
    await rate('2026-Q2', 3);
    // A rating for a quarter that has not begun (a laptop with its clock years ahead) is not the default.
    await rate('2031-Q1', 5);
    dash = await dashboardPage(repos, { councilId: null, region: null, quarter: null }, '2026-11-25');
    expect(dash.quarter).toBe('2026-Q2');
    expect(dash.data.trend.map((t) => t.rated)).toEqual([0, 0, 0, 0, 0, 0, 0, 1]);
    dash = await dashboardPage(repos, { councilId: null, region: null, quarter: '2023-Q1' }, '2026-11-25');
    expect(dash.data.counts.byLevel[2]).toBe(1);
    expect(dash.data.movement.compared).toBe(0);
    // The team record follows its latest rated quarter, whatever order the quarters were confirmed in.
    expect((await repos.teams.get(team.id))?.p2pLevel).toBe(5);
  });

  it('sees ratings that arrive by sync after the dashboard was first read', async () => {
    repos = freshRepos();
    const people = await setUp();
    const { team } = people;
    const a = await startAssessment(repos, team.id, '2026-Q4');
    await tick(a.id, upTo(2));
    await confirmBoth(team.id, '2026-Q4', people);
    const read = () => dashboardPage(repos, { councilId: null, region: null, quarter: '2026-Q4' }, '2026-11-25');
    expect((await read()).data.counts.byLevel[2]).toBe(1);
    // Another laptop's confirmed rating for Q3, written the way sync writes a pulled row.
    const q3 = await repos.p2pAssessments.create({ teamId: team.id, quarter: '2026-Q3', status: 'confirmed' });
    const frozen = (await repos.p2pRatings.get(a.id))!;
    await repos.p2pRatings.create({ ...frozen, assessmentId: q3.id, quarter: '2026-Q3', level: 1 }, { id: q3.id });
    expect((await read()).data.movement).toMatchObject({ compared: 1, up: 1 });
    // A confirmed rating cannot be deleted here either: the store refuses it like sync does.
    await expect(repos.db.p2pRatings.delete(q3.id)).rejects.toThrow(/cannot be changed/);
  });
});
