import { describe, expect, it } from 'vitest';
import {
  ImprovementProject,
  ImprovementProjectFields,
  Measure,
  MeasureFields,
  MeasurePeriodFields,
  PdsaCycle,
  PdsaCycleFields,
  type ImprovementProjectInput,
  type PdsaCycleInput,
} from '@shared/model/rim';
import { advanceProblems, canAdvance, nextStage, nextStageProblems, projectProgress, spawnNextCycle, valueCompassCoverage } from '@shared/rim/pdsa';
import { rimWords } from '@shared/rim/words';

const EN = rimWords('en');

const id = (n: number) => `0190a000-0000-7000-8000-${String(n).padStart(12, '0')}`;
const at = (date: string) => `${date}T15:30:00.000Z`;
const meta = (n: number, updated = '2026-03-01') => ({ id: id(n), createdAt: at('2026-01-05'), updatedAt: at(updated) });

const TEAM_ICU = id(1);
const TEAM_LAB = id(2);
const PROJECT_FALLS = id(10);

function cycle(overrides: Partial<PdsaCycleInput> = {}, n = 100, updated = '2026-03-01'): PdsaCycle {
  return PdsaCycle.parse({ ...meta(n, updated), ...PdsaCycleFields.parse({ projectId: PROJECT_FALLS, number: 1, ...overrides }) });
}

function project(n: number, teamId: string, overrides: Partial<ImprovementProjectInput> = {}, updated = '2026-03-01'): ImprovementProject {
  return ImprovementProject.parse({ ...meta(n, updated), ...ImprovementProjectFields.parse({ teamId, title: `Project ${n}`, ...overrides }) });
}

const planned = {
  title: 'Bed alarm check at shift huddle',
  objective: 'Test a bed-alarm check at the 7am huddle on 4 West',
  question: 'Will nurses check every high-risk bed alarm within 30 minutes of huddle?',
  prediction: 'At least 8 of 10 high-risk beds will have alarms checked',
  who: 'Charge nurse Maria Lopez',
  what: 'Read the high-risk list aloud at huddle',
  when: 'Mon–Fri, week of March 9',
  where: '4 West',
  dataCollection: 'Tally sheet at the nurses station',
};
const done = { ...planned, doneAsPlanned: false, observations: 'Huddle ran late twice; list was read on 3 of 5 days' };
const studied = { ...done, results: '6 of 10 beds checked on average, below the prediction of 8' };

describe('rim model', () => {
  it('fills project defaults and refuses a blank title or a repeated Value Compass point', () => {
    const p = ImprovementProjectFields.parse({ teamId: TEAM_ICU, title: '  Reduce falls on 4 West ' });
    expect(p).toMatchObject({ title: 'Reduce falls on 4 West', status: 'planning', valueCompass: [], sponsorId: null, startDate: null, archivedAt: null });
    expect(ImprovementProjectFields.safeParse({ teamId: TEAM_ICU, title: ' ' }).success).toBe(false);
    expect(ImprovementProjectFields.safeParse({ teamId: TEAM_ICU, title: 'x', valueCompass: ['best-quality', 'best-quality'] }).success).toBe(false);
  });

  it('requires a reason to freeze a measure baseline', () => {
    const base = { projectId: PROJECT_FALLS, name: 'Falls per 1,000 patient days', kind: 'outcome', direction: 'down', position: 1 } as const;
    expect(MeasureFields.parse(base)).toMatchObject({ frequency: 'weekly', baseline: null, target: null, frozenBaselineCount: null });
    const noReason = MeasureFields.safeParse({ ...base, frozenBaselineCount: 12 });
    expect(noReason.success).toBe(false);
    expect(noReason.error?.issues[0]?.path).toEqual(['frozenReason']);
    const frozen = Measure.parse({ ...meta(20), ...base, frozenBaselineCount: 12, frozenReason: '12 weeks before the first test', frozenAt: at('2026-03-01') });
    expect(frozen.frozenBaselineCount).toBe(12);
    expect(MeasureFields.safeParse({ ...base, baseline: Number.NaN }).success).toBe(false);
  });

  it('a measure period (re-base) needs a reason and a start date', () => {
    expect(MeasurePeriodFields.safeParse({ measureId: id(20), startsOn: '2026-05-04', reason: '' }).success).toBe(false);
    expect(MeasurePeriodFields.parse({ measureId: id(20), startsOn: '2026-05-04', reason: 'Huddle check adopted', pdsaCycleId: id(100) })).toMatchObject({
      baselineCount: null,
    });
  });

  it('a new cycle starts in plan with nothing decided', () => {
    expect(PdsaCycleFields.parse({ projectId: PROJECT_FALLS, number: 1 })).toMatchObject({
      stage: 'plan',
      doneAsPlanned: null,
      decision: null,
      measureIds: [],
      spawnedFromCycleId: null,
    });
    expect(PdsaCycleFields.safeParse({ projectId: PROJECT_FALLS, number: 0 }).success).toBe(false);
  });
});

describe('PDSA stage rules', () => {
  it('no Do without an objective and a prediction', () => {
    const c = cycle({ title: 'Huddle check' });
    expect(canAdvance(c, 'do')).toBe(false);
    expect(nextStageProblems(c, EN).map((p) => p.field)).toEqual(['objective', 'prediction']);
    expect(nextStageProblems(cycle({ ...planned, prediction: '   ' }), EN)).toEqual([
      { field: 'prediction', message: 'Write a prediction before the test: what do you expect to happen?' },
    ]);
    expect(canAdvance(cycle(planned), 'do')).toBe(true);
  });

  it('no Study until Do observations are written and "done as planned?" is answered', () => {
    const c = cycle({ ...planned, stage: 'do', observations: 'List read daily' });
    expect(nextStageProblems(c, EN).map((p) => p.field)).toEqual(['doneAsPlanned']);
    expect(nextStageProblems(cycle({ ...planned, stage: 'do', doneAsPlanned: true }), EN).map((p) => p.field)).toEqual(['observations']);
    // false (not done as planned) is an answer, not a gap
    expect(canAdvance(cycle({ ...done, stage: 'do' }), 'study')).toBe(true);
  });

  it('no Act without Study results', () => {
    expect(nextStageProblems(cycle({ ...done, stage: 'study' }), EN).map((p) => p.field)).toEqual(['results']);
    expect(canAdvance(cycle({ ...studied, stage: 'study' }), 'act')).toBe(true);
  });

  it('done needs a decision, and a next step when adapting', () => {
    expect(nextStageProblems(cycle({ ...studied, stage: 'act' }), EN).map((p) => p.field)).toEqual(['decision']);
    expect(nextStageProblems(cycle({ ...studied, stage: 'act', decision: 'adapt' }), EN)).toEqual([
      { field: 'nextStep', message: 'Say what will change for the next test cycle.' },
    ]);
    expect(canAdvance(cycle({ ...studied, stage: 'act', decision: 'adapt', nextStep: 'Move the check to 7:15 after report' }), 'done')).toBe(true);
    expect(canAdvance(cycle({ ...studied, stage: 'act', decision: 'abandon' }), 'done')).toBe(true);
    expect(nextStageProblems(cycle({ ...studied, stage: 'done', decision: 'adopt' }), EN)).toEqual([]);
  });

  it('skipping ahead collects the problems of every stage passed', () => {
    const c = cycle({ objective: planned.objective });
    expect(advanceProblems(c, 'act', EN).map((p) => p.field)).toEqual(['prediction', 'doneAsPlanned', 'observations', 'results']);
    expect(canAdvance(cycle({ ...studied, decision: 'adopt' }), 'done')).toBe(true);
  });

  it('going back or staying is always allowed', () => {
    const c = cycle({ stage: 'study' });
    expect(canAdvance(c, 'plan')).toBe(true);
    expect(canAdvance(c, 'study')).toBe(true);
    expect(nextStage('act')).toBe('done');
    expect(nextStage('done')).toBeNull();
  });
});

describe('spawnNextCycle', () => {
  const adapted = cycle(
    {
      ...studied,
      number: 2,
      stage: 'done',
      changeIdeaId: id(30),
      measureIds: [id(20), id(21)],
      decision: 'adapt',
      nextStep: 'Move the check to 7:15, after bedside report',
      reviewedMeetingId: id(40),
      doneOn: '2026-03-13',
    },
    102,
  );

  it('pre-fills the next cycle from an adapted one', () => {
    const next = spawnNextCycle(adapted, { number: 3, plannedOn: '2026-03-20' });
    expect(next).toMatchObject({
      projectId: PROJECT_FALLS,
      changeIdeaId: id(30),
      number: 3,
      objective: planned.objective,
      question: planned.question,
      dataCollection: planned.dataCollection,
      what: 'Move the check to 7:15, after bedside report',
      prediction: '',
      observations: '',
      results: '',
      decision: null,
      doneAsPlanned: null,
      reviewedMeetingId: null,
      spawnedFromCycleId: id(102),
      stage: 'plan',
      plannedOn: '2026-03-20',
      doneOn: null,
    });
    expect(next.measureIds).toEqual([id(20), id(21)]);
    expect(next.measureIds).not.toBe(adapted.measureIds);
    // valid input for a new row, and it cannot be started before a new prediction is written
    const parsed = PdsaCycleFields.parse(next);
    expect(canAdvance({ ...parsed }, 'do')).toBe(false);
  });

  it('refuses cycles that were not adapted', () => {
    expect(() => spawnNextCycle(cycle({ ...studied, decision: 'abandon' }), { number: 3 })).toThrow(/Only an adapted cycle/);
    expect(() => spawnNextCycle(cycle(studied), { number: 3 })).toThrow(/undecided/);
  });
});

describe('projectProgress', () => {
  const today = '2026-06-30';
  const falls = project(10, TEAM_ICU, { status: 'active' }, '2026-02-01');
  const handHygiene = project(11, TEAM_ICU, { status: 'active' }, '2026-01-02');
  const closedOld = project(12, TEAM_ICU, { status: 'closed' }, '2025-06-01');
  const archived = project(13, TEAM_ICU, { status: 'active', archivedAt: at('2026-04-01') }, '2025-06-01');
  const labTat = project(14, TEAM_LAB, { status: 'sustaining' }, '2026-06-01');
  const cycles = [
    cycle({ projectId: falls.id, number: 1, stage: 'done' }, 100, '2026-03-01'),
    cycle({ projectId: falls.id, number: 2, stage: 'done' }, 101, '2026-04-01'),
    cycle({ projectId: falls.id, number: 3, stage: 'do' }, 102, '2026-05-15'),
    cycle({ projectId: handHygiene.id, number: 1, stage: 'plan' }, 103, '2026-03-31'),
    cycle({ projectId: archived.id, number: 1, stage: 'done' }, 104, '2025-06-01'),
    cycle({ projectId: labTat.id, number: 1, stage: 'done' }, 105, '2026-05-01'),
  ];

  it('counts cycles per project and flags projects not updated for over 90 days', () => {
    // the lab project logged a data point recently; the hand hygiene one's last cycle edit was 91 days ago
    const result = projectProgress([falls, handHygiene, closedOld, archived, labTat], cycles, { [labTat.id]: '2026-06-29' }, today);
    expect(result.projects.map((p) => [p.projectId, p.cyclesCompleted, p.cyclesInProgress, p.lastUpdated, p.daysSinceUpdate, p.stale])).toEqual([
      [falls.id, 2, 1, '2026-05-15', 46, false],
      [handHygiene.id, 0, 1, '2026-03-31', 91, true],
      [closedOld.id, 0, 0, '2025-06-01', 394, false],
      [labTat.id, 1, 0, '2026-06-29', 1, false],
    ]);
    expect(result.projects[1]?.staleCycleIds).toEqual([id(103)]);
  });

  it('exactly 90 days is still on time', () => {
    const r = projectProgress([handHygiene], [], { [handHygiene.id]: '2026-04-01' }, today);
    expect(r.projects[0]).toMatchObject({ daysSinceUpdate: 90, stale: false });
  });

  it('sums per team and checks the Path to Performance cycle criteria', () => {
    const result = projectProgress([falls, handHygiene, closedOld, archived, labTat], cycles, {}, today);
    expect(result.teams).toEqual([
      {
        teamId: TEAM_ICU,
        projectCount: 3,
        openProjectCount: 2,
        cyclesCompleted: 2,
        staleProjectIds: [handHygiene.id],
        meetsLevel3Cycles: true,
        meetsLevel4Cycles: false,
      },
      { teamId: TEAM_LAB, projectCount: 1, openProjectCount: 1, cyclesCompleted: 1, staleProjectIds: [], meetsLevel3Cycles: false, meetsLevel4Cycles: false },
    ]);
  });

  it('level 4 needs three cycles and nothing overdue', () => {
    const more = [...cycles, cycle({ projectId: falls.id, number: 4, stage: 'done' }, 106, '2026-06-20')];
    const fresh = projectProgress([falls], more, {}, today);
    // cycle 3 (stage do, last edited 2026-05-15) is 46 days old: fine
    expect(fresh.teams[0]).toMatchObject({ cyclesCompleted: 3, meetsLevel4Cycles: true });
    const later = projectProgress([falls], more, {}, '2026-09-30');
    expect(later.teams[0]).toMatchObject({ cyclesCompleted: 3, staleProjectIds: [falls.id], meetsLevel4Cycles: false });
  });
});

describe('valueCompassCoverage', () => {
  it('counts open and closed projects per point and lists the missing points', () => {
    const coverage = valueCompassCoverage([
      project(10, TEAM_ICU, { valueCompass: ['best-quality', 'best-service'] }),
      project(11, TEAM_ICU, { valueCompass: ['best-quality'], status: 'closed' }),
      project(12, TEAM_ICU, { valueCompass: ['most-affordable'], status: 'abandoned' }),
      project(13, TEAM_ICU, { valueCompass: ['best-place-to-work'], archivedAt: at('2026-04-01') }),
    ]);
    expect(coverage).toEqual({
      counts: { 'best-quality': 2, 'best-service': 1, 'most-affordable': 0, 'best-place-to-work': 0 },
      covered: ['best-quality', 'best-service'],
      missing: ['most-affordable', 'best-place-to-work'],
      allFour: false,
    });
  });

  it('all four points covered', () => {
    expect(
      valueCompassCoverage([
        project(10, TEAM_LAB, { valueCompass: ['best-quality', 'most-affordable'] }),
        project(11, TEAM_LAB, { valueCompass: ['best-service', 'best-place-to-work'] }),
      ]).allFour,
    ).toBe(true);
    expect(valueCompassCoverage([]).missing).toHaveLength(4);
  });
});
