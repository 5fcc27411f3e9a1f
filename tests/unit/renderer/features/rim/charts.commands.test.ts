import { afterEach, describe, expect, it } from 'vitest';
import { ValidationError } from '@renderer/db/errors';
import { readOutboxEntry } from '@renderer/db/capture/syncTables';
import {
  addChartNote,
  addMeasure,
  createProject,
  freezeBaseline,
  importDataPoints,
  removeChartNote,
  removeDataPoint,
  restoreChartNote,
  restoreFrozenBaseline,
  setMeasureChart,
  setPoint,
  unfreezeBaseline,
  updateChartNote,
  updateMeasure,
} from '@renderer/features/rim/commands';
import { loadProject } from '@renderer/features/rim/queries';
import type { Repositories } from '@renderer/db/repositories';
import { buildMeasureChart } from '@shared/rim/measureChart';
import { parseDataPointsCsv } from '@shared/rim/dataImport';
import { rimWords } from '@shared/rim/words';
import { setClockFixed } from '@shared/clock';
import { freshRepos } from '../../db/helpers';

const EN = rimWords('en');

let repos: Repositories;
afterEach(async () => {
  repos?.db.close();
  if (repos) await repos.db.delete();
});

async function setUp() {
  repos = freshRepos();
  const council = await repos.councils.create({ name: 'Lakeside Council', level: 'local' });
  const team = await repos.teams.create({ councilId: council.id, name: 'Emergency Department UBT' });
  const project = await createProject(repos, { teamId: team.id, title: 'Faster first look' });
  const seen = await addMeasure(repos, project.id, {
    name: 'Seen within 30 minutes',
    kind: 'outcome',
    direction: 'up',
    valueType: 'proportion',
    numeratorLabel: 'Seen in 30 min',
    denominatorLabel: 'Patients seen',
  });
  const waits = await addMeasure(repos, project.id, { name: 'Minutes to first look', kind: 'process', direction: 'down', unit: 'minutes' });
  return { team, project, seen, waits };
}

async function refusal(promise: Promise<unknown>, field: string): Promise<string> {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).forField(field) ?? '';
}

const points = async (measureId: string) => repos.db.dataPoints.where('[measureId+date]').between([measureId, ''], [measureId, '\uffff']).toArray();

describe('numerator and denominator points', () => {
  it('takes a numerator and a denominator one cell at a time, as they are typed, into one point', async () => {
    const { seen } = await setUp();
    await setPoint(repos, seen.id, '2026-03-02', { numerator: 41 });
    await setPoint(repos, seen.id, '2026-03-02', { denominator: 50 });
    const [point, ...rest] = await points(seen.id);
    expect(rest).toEqual([]);
    expect(point).toMatchObject({ date: '2026-03-02', value: null, numerator: 41, denominator: 50, note: '' });
    // Clearing a cell stores a blank, leaving the other count.
    await setPoint(repos, seen.id, '2026-03-02', { numerator: null });
    expect((await points(seen.id))[0]).toMatchObject({ numerator: null, denominator: 50 });
    await expect(setPoint(repos, seen.id, '2026-03-09', { denominator: -3 })).rejects.toBeInstanceOf(ValidationError);
    expect(await points(seen.id)).toHaveLength(1);
  });

  it('imports numerators and denominators from a file, a column pasted into one of them keeps the other', async () => {
    const { seen } = await setUp();
    const csv = parseDataPointsCsv(
      'Week,Seen in 30 min,Patients seen\n2026-03-02,41,50\n2026-03-09,38,48\n2026-03-16,,\n',
      {
        valueType: 'proportion',
        numeratorLabel: 'Seen in 30 min',
        denominatorLabel: 'Patients seen',
      },
      EN,
    );
    expect(await importDataPoints(repos, seen.id, csv.rows)).toEqual({ created: 3, updated: 0 });
    expect((await points(seen.id)).map((p) => [p.date, p.numerator, p.denominator, p.value])).toEqual([
      ['2026-03-02', 41, 50, null],
      ['2026-03-09', 38, 48, null],
      ['2026-03-16', null, null, null],
    ]);
    // A corrected column of denominators, pasted into the denominator column.
    await importDataPoints(repos, seen.id, [
      { date: '2026-03-09', value: null, note: '', denominator: 49 },
      { date: '2026-03-16', value: null, note: '', denominator: 52 },
    ]);
    expect((await points(seen.id)).map((p) => [p.numerator, p.denominator])).toEqual([
      [41, 50],
      [38, 49],
      [null, 52],
    ]);
  });

  it('refuses plain values for a proportion (they would never be charted) and writes nothing', async () => {
    const { seen } = await setUp();
    const message = await refusal(importDataPoints(repos, seen.id, [{ date: '2026-03-02', value: 82, note: '' }]), 'value');
    expect(message).toBe('row 1: Seen within 30 minutes takes a numerator and a denominator, and this row has neither.');
    expect(await points(seen.id)).toEqual([]);
  });

  it('never loses values when a measure changes what its points are', async () => {
    const { waits } = await setUp();
    await importDataPoints(repos, waits.id, [
      { date: '2026-03-02', value: 42, note: '' },
      { date: '2026-03-09', value: 38, note: '' },
    ]);
    await updateMeasure(repos, waits.id, { valueType: 'rate' });
    await importDataPoints(repos, waits.id, [{ date: '2026-03-02', value: null, note: '', numerator: 3, denominator: 900 }]);
    expect((await points(waits.id)).map((p) => [p.value, p.numerator, p.denominator])).toEqual([
      [42, 3, 900],
      [38, null, null],
    ]);
    await updateMeasure(repos, waits.id, { valueType: 'measurement' });
    const record = (await loadProject(repos, waits.projectId))!.measures.find((m) => m.measure.id === waits.id)!;
    expect(buildMeasureChart({ measure: record.measure, points: record.points }, EN).points.map((p) => p.y)).toEqual([42, 38]);
  });
});

describe('baseline safety', () => {
  async function frozenMeasure() {
    const ids = await setUp();
    await importDataPoints(
      repos,
      ids.waits.id,
      [42, 38, 45, 40, 39, 30].map((value, i) => ({ date: `2026-03-0${i + 1}`, value, note: '' })),
    );
    setClockFixed('2026-03-10T09:00:00Z');
    await freezeBaseline(repos, ids.waits.id, 5, '  Five weeks before the triage nurse role  ');
    return ids;
  }

  it('records the freeze, with its reason, in the measure’s history', async () => {
    const { waits } = await frozenMeasure();
    const history = (await loadProject(repos, waits.projectId))!.measures.find((m) => m.measure.id === waits.id)!.history;
    expect(history).toEqual([
      expect.objectContaining({
        kind: 'baseline-frozen',
        baselineCount: 5,
        reason: 'Five weeks before the triage nurse role',
        frozenAt: '2026-03-10T09:00:00.000Z',
      }),
    ]);
  });

  it('unfreezing keeps the frozen baseline and its reason in the history, and Undo puts exactly it back', async () => {
    const { waits } = await frozenMeasure();
    setClockFixed('2026-04-01T12:00:00Z');
    const { measure, unfrozen } = await unfreezeBaseline(repos, waits.id);
    expect(measure).toMatchObject({ frozenBaselineCount: null, frozenReason: '', frozenAt: null });
    expect(unfrozen).toEqual({ frozenBaselineCount: 5, frozenReason: 'Five weeks before the triage nurse role', frozenAt: '2026-03-10T09:00:00.000Z' });
    await expect(unfreezeBaseline(repos, waits.id)).rejects.toBeInstanceOf(ValidationError);

    const restored = await restoreFrozenBaseline(repos, waits.id, unfrozen);
    expect(restored).toMatchObject(unfrozen);
    // A second Undo (a double click) changes nothing and records nothing.
    expect(await restoreFrozenBaseline(repos, waits.id, unfrozen)).toMatchObject(unfrozen);
    const history = await repos.db.measureHistory.where('measureId').equals(waits.id).toArray();
    expect(history.map((h) => [h.kind, h.baselineCount, h.reason, h.frozenAt])).toEqual([
      ['baseline-frozen', 5, 'Five weeks before the triage nurse role', '2026-03-10T09:00:00.000Z'],
      ['baseline-unfrozen', 5, 'Five weeks before the triage nurse role', '2026-03-10T09:00:00.000Z'],
      ['baseline-restored', 5, 'Five weeks before the triage nurse role', '2026-03-10T09:00:00.000Z'],
    ]);
  });

  it('Undo does not overwrite a baseline frozen since, nor freeze points that are gone', async () => {
    const { waits } = await frozenMeasure();
    const { unfrozen } = await unfreezeBaseline(repos, waits.id);
    await freezeBaseline(repos, waits.id, 3, 'A shorter baseline');
    expect(await refusal(restoreFrozenBaseline(repos, waits.id, unfrozen), 'frozenBaselineCount')).toMatch(/A baseline of 3 points is frozen now/);
    expect(await repos.measures.require(waits.id)).toMatchObject({ frozenBaselineCount: 3, frozenReason: 'A shorter baseline' });

    await unfreezeBaseline(repos, waits.id);
    for (const p of (await points(waits.id)).slice(0, 3)) await removeDataPoint(repos, p.id);
    expect(await refusal(restoreFrozenBaseline(repos, waits.id, unfrozen), 'frozenBaselineCount')).toMatch(/only 3 points with a value/);
    expect((await repos.measures.require(waits.id)).frozenBaselineCount).toBeNull();
  });

  it('freezes a proportion on the points that have both counts', async () => {
    const { seen } = await setUp();
    await importDataPoints(repos, seen.id, [
      { date: '2026-03-02', value: null, note: '', numerator: 41, denominator: 50 },
      { date: '2026-03-09', value: null, note: '', numerator: 40, denominator: null },
      { date: '2026-03-16', value: null, note: '', numerator: 44, denominator: 52 },
    ]);
    expect(await refusal(freezeBaseline(repos, seen.id, 3, 'All of them'), 'frozenBaselineCount')).toMatch(/only 2 points/);
    expect((await freezeBaseline(repos, seen.id, 2, 'Both weeks')).frozenBaselineCount).toBe(2);
  });
});

describe('chart choice and chart notes', () => {
  it('keeps the team’s chart and goes back to the suggestion', async () => {
    const { seen } = await setUp();
    expect((await setMeasureChart(repos, seen.id, 'pp')).chart).toBe('pp');
    expect((await setMeasureChart(repos, seen.id, null)).chart).toBeNull();
  });

  it('adds a note at a date on one chart or every chart of the project, edits it, and removes it with Undo', async () => {
    const { project, seen } = await setUp();
    const all = await addChartNote(repos, project.id, { date: '2026-03-02', text: '  EHR go-live ', measureId: null });
    const one = await addChartNote(repos, project.id, { date: '2026-02-01', text: 'Flu season', measureId: seen.id });
    expect(all).toMatchObject({ projectId: project.id, measureId: null, text: 'EHR go-live' });
    expect((await loadProject(repos, project.id))!.notes.map((n) => n.text)).toEqual(['Flu season', 'EHR go-live']);

    expect(await updateChartNote(repos, one.id, { text: ' Flu season peak ', date: '2026-02-08' })).toMatchObject({
      text: 'Flu season peak',
      date: '2026-02-08',
    });
    expect(await refusal(updateChartNote(repos, one.id, { text: '   ' }), 'text')).toBeTruthy();
    expect(await refusal(updateChartNote(repos, one.id, { date: '8 Feb' }), 'date')).toBeTruthy();

    const removed = await removeChartNote(repos, all.id);
    expect(await repos.chartNotes.get(all.id)).toBeUndefined();
    await restoreChartNote(repos, removed!);
    expect(await repos.chartNotes.get(all.id)).toEqual(removed);
  });

  it('refuses a note for a measure of another project, and an empty note', async () => {
    const { project, team } = await setUp();
    const other = await createProject(repos, { teamId: team.id, title: 'Shorter stays' });
    const elsewhere = await addMeasure(repos, other.id, { name: 'Length of stay', kind: 'outcome', direction: 'down' });
    expect(await refusal(addChartNote(repos, project.id, { date: '2026-03-02', text: 'x', measureId: elsewhere.id }), 'measureId')).toBe(
      'Choose a measure of this project.',
    );
    expect(await refusal(addChartNote(repos, project.id, { date: '2026-03-02', text: '  ', measureId: null }), 'text')).toBeTruthy();
    expect(await repos.db.chartNotes.count()).toBe(0);
  });

  it('syncs notes and history with the project’s council like the rest of the project', async () => {
    const { project, waits } = await setUp();
    await importDataPoints(repos, waits.id, [{ date: '2026-03-02', value: 42, note: '' }]);
    await repos.db.syncOutbox.clear();
    await addChartNote(repos, project.id, { date: '2026-03-02', text: 'EHR go-live', measureId: null });
    await freezeBaseline(repos, waits.id, 1, 'One week');
    const changes = (await repos.db.syncOutbox.toArray()).flatMap((e) => readOutboxEntry(e).changes);
    const tables = new Set(changes.map((c) => c.table));
    expect(tables).toEqual(new Set(['chartNotes', 'measureHistory', 'measures']));
    const councilId = (await repos.db.councils.toArray())[0]!.id;
    expect(changes.every((c) => c.councilId === councilId)).toBe(true);
  });
});
