import { describe, expect, it } from 'vitest';
import {
  ActionItem,
  ActionItemFields,
  ConcernFields,
  ConsensusTestFields,
  DecisionFields,
  Decision,
  IBPS_STEPS,
  IbpsSessionFields,
  InterestFields,
  IssueStatementRevisionFields,
  Option,
  OptionFields,
  ParkingLotItemFields,
  PlusDeltaFields,
  TallyVoteFields,
  VoteFields,
} from '@shared/model/ibps';

const id = (n: number) => `0190a000-0000-7000-8000-${String(n).padStart(12, '0')}`;
const meta = { id: id(99), createdAt: '2026-03-01T10:00:00.000Z', updatedAt: '2026-03-01T10:00:00.000Z' };

describe('IbpsSession', () => {
  it('starts at the issue step with every step not started, no timeboxes and brainstorm mode off', () => {
    const s = IbpsSessionFields.parse({ bodyKind: 'team', bodyId: id(1), meetingId: id(2) });
    expect(s).toMatchObject({
      agendaItemId: null,
      currentStep: 'issue',
      groundRules: [],
      criteriaAgreedAt: null,
      criteriaOverrideReason: '',
      brainstormMode: false,
    });
    expect(Object.keys(s.stepStatus)).toEqual([...IBPS_STEPS]);
    expect(Object.values(s.stepStatus).every((v) => v === 'not-started')).toBe(true);
    expect(Object.values(s.timeboxMinutes).every((v) => v === null)).toBe(true);
  });

  it('keeps partial step statuses and timeboxes, filling the rest', () => {
    const s = IbpsSessionFields.parse({
      bodyKind: 'council',
      bodyId: id(1),
      meetingId: id(2),
      currentStep: 'options',
      stepStatus: { issue: 'done', interests: 'done', options: 'in-progress' },
      timeboxMinutes: { options: 15 },
    });
    expect(s.stepStatus).toMatchObject({ issue: 'done', options: 'in-progress', criteria: 'not-started' });
    expect(s.timeboxMinutes).toMatchObject({ options: 15, issue: null });
  });

  it('rejects an unknown step and a negative timebox', () => {
    const base = { bodyKind: 'team', bodyId: id(1), meetingId: id(2) };
    expect(IbpsSessionFields.safeParse({ ...base, currentStep: 'vote' }).success).toBe(false);
    expect(IbpsSessionFields.safeParse({ ...base, timeboxMinutes: { issue: -5 } }).success).toBe(false);
  });
});

describe('rows of a session', () => {
  it('needs text for an issue statement revision', () => {
    expect(IssueStatementRevisionFields.safeParse({ sessionId: id(1), text: '   ' }).success).toBe(false);
    expect(IssueStatementRevisionFields.parse({ sessionId: id(1), text: ' How can we? ' }).text).toBe('How can we?');
  });

  it('tags interests by side, each side once, and keeps the position they came from', () => {
    const i = InterestFields.parse({ sessionId: id(1), text: 'Predictable schedules', sides: ['union', 'management'], position: 1.5 });
    expect(i).toMatchObject({ isPosition: false, groupLabel: '', convertedFromPosition: '' });
    expect(InterestFields.safeParse({ sessionId: id(1), text: 'x', sides: ['union', 'union'], position: 1 }).success).toBe(false);
    expect(InterestFields.safeParse({ sessionId: id(1), text: 'x', sides: ['labor'], position: 1 }).success).toBe(false);
    expect(InterestFields.parse({ sessionId: id(1), text: 'x', position: 0 }).sides).toEqual([]);
  });

  it('merges an option only with a recorded agreement, and never into itself', () => {
    const base = { sessionId: id(1), text: 'Self-scheduling pilot', position: 2 };
    expect(OptionFields.parse(base)).toMatchObject({ suggestedById: null, suggestedByName: '', mergedIntoId: null, shortlisted: false });
    expect(OptionFields.safeParse({ ...base, mergedIntoId: id(5) }).success).toBe(false);
    const ok = OptionFields.parse({ ...base, mergedIntoId: id(5), mergeConfirmation: { confirmedByName: 'Rosa', at: meta.createdAt } });
    expect(ok.mergeConfirmation).toEqual({ confirmedById: null, confirmedByName: 'Rosa', at: meta.createdAt });
    const self = Option.safeParse({ ...meta, ...base, mergedIntoId: meta.id, mergeConfirmation: { at: meta.createdAt } });
    expect(self.success).toBe(false);
  });

  it('bounds vote values to the widest scale and counts to whole people', () => {
    expect(VoteFields.parse({ testId: id(1), side: 'union', value: 3 }).personId).toBeNull();
    expect(VoteFields.safeParse({ testId: id(1), side: 'union', value: 9 }).success).toBe(false);
    expect(VoteFields.safeParse({ testId: id(1), side: 'union', value: 2.5 }).success).toBe(false);
    expect(TallyVoteFields.safeParse({ testId: id(1), side: 'management', value: 4, count: -1 }).success).toBe(false);
  });

  it('opens a consensus test undecided, numbered from 1', () => {
    const t = ConsensusTestFields.parse({ sessionId: id(1), meetingId: id(2), number: 1, proposal: 'Pilot for 90 days', method: 'thumbs' });
    expect(t).toMatchObject({ outcome: null, decidedAt: null, modifiedFromTestId: null });
    expect(ConsensusTestFields.safeParse({ ...t, number: 0 }).success).toBe(false);
    expect(ConsensusTestFields.safeParse({ ...t, outcome: 'incomplete' }).success).toBe(false);
  });

  it('records concerns by person or by side', () => {
    expect(ConcernFields.parse({ testId: id(1), text: 'Cost' })).toMatchObject({ personId: null, side: null });
  });

  it('escalates only a failed decision', () => {
    const base = { sessionId: id(1), text: 'Adopt self-scheduling' };
    expect(DecisionFields.parse({ ...base, outcome: 'consensus' })).toMatchObject({ escalatedTo: null, dissent: '' });
    expect(DecisionFields.safeParse({ ...base, outcome: 'consensus', escalatedTo: 'sponsors' }).success).toBe(false);
    expect(DecisionFields.parse({ ...base, outcome: 'failed', escalatedTo: 'dispute-resolution' }).escalatedTo).toBe('dispute-resolution');
    expect(Decision.safeParse({ ...meta, ...base, outcome: 'consensus', escalatedTo: 'council' }).success).toBe(false);
  });
});

describe('action items, parking lot and plus/delta', () => {
  it('opens an action item unassigned and undated, ready to be filled in after the meeting', () => {
    const a = ActionItemFields.parse({ bodyKind: 'team', bodyId: id(1), meetingId: id(2), what: 'Draft the pilot schedule' });
    expect(a).toMatchObject({ sessionId: null, ownerId: null, dueDate: null, status: 'open', doneAt: null });
    expect(ActionItemFields.safeParse({ ...a, dueDate: '14/03/2026' }).success).toBe(false);
    expect(ActionItem.parse({ ...meta, ...a }).updatedAt).toBe(meta.updatedAt);
  });

  it('opens a parking-lot item and a plus/delta note', () => {
    expect(ParkingLotItemFields.parse({ bodyKind: 'council', bodyId: id(1), meetingId: id(2), text: 'Parking garage' })).toMatchObject({
      status: 'open',
      resolution: '',
      resolvedMeetingId: null,
    });
    expect(PlusDeltaFields.safeParse({ meetingId: id(2), kind: 'minus', text: 'x' }).success).toBe(false);
    expect(PlusDeltaFields.parse({ meetingId: id(2), kind: 'delta', text: 'Start on time' }).sessionId).toBeNull();
  });
});
