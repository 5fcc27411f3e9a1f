import { describe, expect, it } from 'vitest';
import { ISSUE_STATEMENT_MAX_WORDS, checkIssueStatement, countWords, currentIssueStatement, type IssueWarningCode } from '@shared/ibps/issueStatement';

const codes = (text: string, peopleNames?: string[]): IssueWarningCode[] => checkIssueStatement(text, peopleNames ? { peopleNames } : {}).map((w) => w.code);

const roster = ['Maria Lopez', 'Bill Ortiz', 'José Ortega', "Sean O'Brien", 'Dr. Anil Patel'];

describe('checkIssueStatement: neutral questions get no warnings', () => {
  const neutral = [
    'How can we reduce wait times for patients in the clinic?',
    'How might we make shift handoffs safer for patients?',
    'How can we make sure everyone gets their meal breaks on busy days?',
    'How can we reduce the number of forms staff have to fill out?',
    'How can we speed up the hiring process for new CNAs?',
    'How can we help every new hire feel welcome in their first month?',
    'How can we shorten the time to hire for open positions?',
    'How can we reduce mandatory overtime on the night shift?',
    'How can we handle vacation requests fairly during the holidays?',
    'How can we improve fire safety drills on the unit?',
    'How can we lower supply costs without affecting patient care?',
    'How can we build a no-fault culture for reporting near misses?',
    'How can we fix the fault in the call-light system?',
    'How can we cover shifts when nurses call out because of illness?',
    'How can we make sure patients who must fast before surgery get clear instructions?',
    'How might we keep the supply room stocked on weekends?',
    'What can we do to improve communication between day and night shifts?',
    'How can we cover the phones without more staff?',
    'How can we get more people to come to the flu clinic?',
    'How can we avoid delays caused by having only one scanner?',
    'How can we make our huddles shorter and more useful?',
    'How can we know what is working and what is not?',
    'How can we reduce billing errors in the specialty clinics?',
    'How can we give patients a quieter place to recover?',
    'How can we make sure staff don\u2019t miss their breaks?',
    'How can we support new hires so they keep learning?',
    'How can we help patients who are late because of the clinic\u2019s confusing signage?',
    'In what ways might we make the break room a place people want to use?',
    'Nurses have to walk to the basement for supplies. How can we make supplies easier to reach?',
    'The contract requires two RNs on every shift. How can we plan breaks so coverage never drops below that?',
    'How can we schedule the new hires\u2019 orientation so the unit stays covered?',
  ];
  it.each(neutral)('%s', (text) => {
    expect(checkIssueStatement(text, { peopleNames: roster })).toEqual([]);
  });

  it('accepts an open "How can we" start without a question mark', () => {
    expect(codes('How can we reduce no-shows for follow-up visits')).toEqual([]);
  });

  it('says nothing about a blank statement', () => {
    expect(checkIssueStatement('')).toEqual([]);
    expect(checkIssueStatement('   \n ')).toEqual([]);
  });
});

describe('checkIssueStatement: not a question', () => {
  it.each(['Patients wait too long in the clinic.', 'Wait times in the clinic', 'Reducing overtime on nights'])('%s', (text) => {
    expect(codes(text)).toContain('not-a-question');
  });

  it('explains in plain words and suggests the "How can we" form', () => {
    const [w] = checkIssueStatement('Patients wait too long.');
    expect(w?.code).toBe('not-a-question');
    expect(w?.message).toMatch(/How can we/);
  });

  it('nudges yes-or-no questions towards an open question', () => {
    expect(codes('Should we close the clinic on Saturdays?')).toContain('yes-no-question');
    expect(codes('Is there a way to reduce wait times?')).toEqual(['yes-no-question']);
    expect(codes('Why don\u2019t we open on Saturdays?')).toContain('yes-no-question');
    expect(codes('Can management approve more overtime?')).toContain('yes-no-question');
  });
});

describe('checkIssueStatement: embedded solution or demand', () => {
  it.each([
    ['Management must hire two more nurses', 'more nurses'],
    ['How can we get management to hire more staff?', 'more staff'],
    ['We need more staff on nights.', 'more staff'],
    ['We need a float pool.', 'We need'],
    ['How can we require supervisors to post schedules two weeks ahead?', 'require supervisors to'],
    ['How can we reduce wait times by adding a second triage nurse?', 'adding a second triage nurse'],
    ['How can we cut supply costs by switching to a cheaper vendor?', 'by switching'],
    ['How can we hire a scribe for each physician?', 'hire a scribe'],
    ['How can we add two more RNs to the night shift?', 'more RNs'],
    ['How can we fire the supervisor on 4 West?', 'fire the supervisor'],
    ['How can we get rid of him?', 'get rid of him'],
    ['Leadership needs to listen to the front line.', 'Leadership needs to'],
    ['The union should drop the grievance.', 'should'],
    ['Stop cancelling approved vacations.', 'Stop'],
    ['How can we get leadership to approve the new schedule?', 'get leadership to approve'],
    ['How can we fix the schedule? Management must stop changing it.', 'must'],
    ['How can we mandate staff to float to other units?', 'mandate staff to'],
  ])('%s', (text, excerpt) => {
    const w = checkIssueStatement(text).find((x) => x.code === 'embeds-solution');
    expect(w).toBeDefined();
    expect(w?.excerpt?.toLowerCase()).toContain(excerpt.toLowerCase());
    expect(w?.message).toContain(w?.excerpt);
  });

  it('does not read "should" or "must" inside a question as a demand', () => {
    expect(codes('How should we divide holiday shifts fairly?')).toEqual([]);
    expect(codes('How can we make sure patients who must fast before surgery get clear instructions?')).toEqual([]);
  });

  it('reads "more staff" ruled out ("without more staff") as neutral', () => {
    expect(codes('How can we cover the phones without more staff?')).toEqual([]);
    expect(codes('How can we cover the phones with more staff?')).toEqual(['embeds-solution']);
  });
});

describe('checkIssueStatement: blame', () => {
  it.each([
    ['Why does management keep cancelling our PTO requests?', 'management keep cancelling'],
    ['It is the union\u2019s fault that shifts go unfilled.', "'s fault"],
    ['How can we stop the lazy night shift from skipping rounds?', 'lazy'],
    ['How can we deal with leadership\u2019s failure to listen?', "leadership's failure"],
    ['How can we fix morale when supervisors ignore our suggestions?', 'supervisors ignore'],
    ['How can we meet targets when management refuses to listen?', 'management refuses'],
    ['How can we cover nights because management cut the float pool?', 'because management'],
    ['Who is to blame for the lost charts?', 'blame'],
  ])('%s', (text, excerpt) => {
    const w = checkIssueStatement(text).find((x) => x.code === 'blames');
    expect(w?.excerpt?.toLowerCase()).toBe(excerpt.toLowerCase());
  });
});

describe('checkIssueStatement: names a person', () => {
  it('names the people it found, whole word and any case', () => {
    const w = checkIssueStatement('How can we fix the schedule mess Maria Lopez created?', { peopleNames: roster });
    expect(w).toEqual([expect.objectContaining({ code: 'names-person', excerpt: 'Maria Lopez' })]);
    expect(w[0]?.message).toContain('Maria Lopez');
    expect(codes('how can we help maria lopez with the new charting?', roster)).toEqual(['names-person']);
  });

  it('matches names with accents, apostrophes and titles', () => {
    expect(codes('How can we stop José Ortega from double-booking rooms?', roster)).toEqual(['names-person']);
    expect(codes("How can we get Sean O'Brien the supplies he asks for?", roster)).toEqual(['names-person']);
    expect(codes('How can we support Dr. Anil Patel on clinic days?', roster)).toEqual(['names-person']);
  });

  it('lists every person named', () => {
    const w = checkIssueStatement('How can Maria Lopez and Bill Ortiz share the schedule?', { peopleNames: roster });
    expect(w.find((x) => x.code === 'names-person')?.excerpt).toBe('Maria Lopez, Bill Ortiz');
  });

  it('does not match part of a word', () => {
    expect(codes('How can we reduce billing errors?', ['Bill'])).toEqual([]);
    expect(codes('How can we improve the Lopezville clinic parking?', ['Lopez'])).toEqual([]);
    expect(codes('How can we help Bill with billing?', ['Bill'])).toEqual(['names-person']);
  });

  it('ignores blank names', () => {
    expect(codes('How can we reduce wait times?', ['', '  ', '.'])).toEqual([]);
  });
});

describe('checkIssueStatement: more than one issue', () => {
  it.each([
    'How can we reduce wait times and also improve staff morale?',
    'How can we fix parking? How can we fix the break room?',
    'How can we fix scheduling, and how can we fix parking?',
    'How can we cover nights without overtime; also what about weekends?',
    'How can we fix parking?? What about lockers?',
    'How can we reduce falls, and another problem is the call lights?',
  ])('%s', (text) => {
    expect(codes(text)).toContain('more-than-one-issue');
  });

  it('does not count repeated question marks as extra questions', () => {
    expect(codes('How can we fix parking??')).toEqual([]);
  });
});

describe('checkIssueStatement: length', () => {
  const words = (n: number) => `How can we ${Array.from({ length: n - 4 }, () => 'really').join(' ')} improve?`;

  it(`allows ${ISSUE_STATEMENT_MAX_WORDS} words and warns above`, () => {
    expect(countWords(words(40))).toBe(40);
    expect(codes(words(40))).toEqual([]);
    const w = checkIssueStatement(words(41));
    expect(w.map((x) => x.code)).toEqual(['too-long']);
    expect(w[0]?.message).toContain('41 words');
  });

  it('does not count stray punctuation as words', () => {
    expect(countWords('How can we - really - improve ?')).toBe(5);
  });
});

describe('checkIssueStatement: the DOMAIN example', () => {
  it('flags the position and accepts its neutral rewrite', () => {
    expect(codes('Management must hire two more nurses')).toEqual(['not-a-question', 'embeds-solution']);
    expect(codes('How can we make sure patients get timely care on the night shift?')).toEqual([]);
  });

  it('reports several problems at once, in a stable order', () => {
    expect(codes('Maria Lopez must hire more staff and also fix parking', ['Maria Lopez'])).toEqual([
      'not-a-question',
      'embeds-solution',
      'names-person',
      'more-than-one-issue',
    ]);
  });
});

describe('currentIssueStatement', () => {
  it('is the newest revision, whatever order the rows come in', () => {
    const a = { id: '0190a000-0000-7000-8000-000000000001', createdAt: '2026-03-01T10:00:00.000Z', text: 'first' };
    const b = { id: '0190a000-0000-7000-8000-000000000002', createdAt: '2026-03-01T10:05:00.000Z', text: 'second' };
    const c = { id: '0190a000-0000-7000-8000-000000000003', createdAt: '2026-03-01T10:05:00.000Z', text: 'same instant' };
    expect(currentIssueStatement([b, a])?.text).toBe('second');
    expect(currentIssueStatement([c, a, b])?.text).toBe('same instant');
    expect(currentIssueStatement([b, c, a])?.text).toBe('same instant');
    expect(currentIssueStatement([])).toBeNull();
  });
});

describe('checkIssueStatement: solutions phrased as needs and wants', () => {
  // What facilitators hear in the room: a fix stated as what "we need", with the problem left out.
  it.each([
    ['We need to hire two more night-shift float RNs', 'need to hire'],
    ['We need to hire two more night-shift float RNs.', 'need to hire'],
    ['How can we hire two more night-shift float RNs?', 'more night-shift float RNs'],
    ['How can we get two more float RNs on nights?', 'more float RNs'],
    ['We want a second pharmacist at the window.', 'We want'],
    ['We want to close the window at lunch.', 'We want to'],
    ['There should be a float tech every afternoon.', 'There should be'],
    ['How can we buy a second label printer?', 'buy a second label'],
    ['How can we add another scanner to triage?', 'add another scanner'],
    ['Management needs to approve more overtime.', 'Management needs to'],
    ['How can we make sure we get the three extra clerks we need?', 'extra clerks'],
    ['The union wants to bring in agency nurses.', 'wants to bring in'],
  ])('%s', (text, excerpt) => {
    const w = checkIssueStatement(text).find((x) => x.code === 'embeds-solution');
    expect(w, text).toBeDefined();
    expect(w?.excerpt?.toLowerCase()).toContain(excerpt.toLowerCase());
  });

  it('still reads the problem, not the fix, in neutral questions about the same needs', () => {
    // The other direction: the same words, describing a need, are no solution.
    for (const text of [
      'How can we cover the night shift when float RNs are pulled to other units?',
      'How can we make sure patients get what they need before discharge?',
      'How can we give staff the notice they need to plan their lunch?',
      'How can we shorten the time it takes to hire a float RN?',
      'How can we make sure more patients see a nurse within ten minutes?',
      'How can we give nurses more time for breaks on nights?',
      'How can we make sure everyone knows what we want from the huddle?',
      'How can we get a clear picture of midday volume at the window?',
      'How can we reduce the time techs need to restock before noon?',
    ]) {
      expect(codes(text), text).toEqual([]);
    }
  });

  it('flags the facilitator’s example for both reasons, and accepts its neutral rewrite', () => {
    expect(codes('We need to hire two more night-shift float RNs')).toEqual(['not-a-question', 'embeds-solution']);
    expect(codes('How can we cover the night shift safely when the unit is short?')).toEqual([]);
  });
});
