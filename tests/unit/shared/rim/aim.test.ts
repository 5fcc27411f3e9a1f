import { describe, expect, it } from 'vitest';
import { aimMessages, checkAim, checkScope, outOfScopeMessage } from '@shared/rim/aim';
import { rimWords } from '@shared/rim/words';

const EN = rimWords('en');
const AIM_MESSAGES = aimMessages(EN);
const OUT_OF_SCOPE_MESSAGE = outOfScopeMessage(EN);

const parts = (aim: string) => {
  const r = checkAim(aim, EN);
  return { measure: r.measure.found, value: r.targetValue.found, date: r.targetDate.found };
};

describe('checkAim: SMART aims that pass', () => {
  it.each([
    ['Reduce patient falls on 4 West from 6 to 3 per month by June 30, 2027.', 'patient falls', 'from 6 to 3', 'June 30, 2027'],
    ['Increase hand hygiene compliance in the ICU to 90% by December 2026.', 'hand hygiene compliance', '90%', 'December 2026'],
    ['Decrease average wait time for lab draws from 45 to 30 minutes within 6 months.', 'average wait time', 'from 45 to 30', 'within 6 months'],
    ['Reduce overtime hours by 20% by end of Q3 2027', 'overtime hours', '20%', 'Q3 2027'],
    ['Improve HCAHPS scores to 80 by 6/30/2027', 'HCAHPS scores', 'to 80', '6/30/2027'],
    ['Reduce falls to 2.5 per 1,000 patient days by year end', 'falls', 'to 2.5', 'by year end'],
    ['Cut sharps injuries in half over the next 12 months', 'sharps injuries', 'in half', 'over the next 12 months'],
    ['Reduce no-shows in Pediatrics clinic 2 from 18% to 10% in the next 90 days', 'no-shows', 'from 18% to 10%', 'in the next 90 days'],
    ['Increase first-call resolution at the appointment center to 75 percent by 2027-03-31', 'first-call resolution', '75 percent', '2027-03-31'],
  ])('%s', (aim, measure, value, date) => {
    const r = checkAim(aim, EN);
    expect({ measure: r.measure.found, value: r.targetValue.found, date: r.targetDate.found }).toEqual({ measure, value, date });
    expect(r.smart).toBe(true);
    expect(r.missing).toEqual([]);
    expect(r.messages).toEqual(['This aim has a measure, a target value and a target date.']);
  });

  it('takes the measure from "N% of ..." when there is no change verb', () => {
    const r = checkAim('95% of discharge summaries signed within 48 hours of discharge by March 2027', EN);
    expect(r.measure.found).toBe('discharge summaries signed');
    expect(r.targetValue.found).toBe('95%');
    expect(r.targetDate.found).toBe('March 2027');
    expect(r.smart).toBe(true);
  });
});

describe('checkAim: Spanish aims', () => {
  const ES = rimWords('es');
  it.each([
    ['Reducir a la mitad las lesiones por pinchazo en los próximos 12 meses', 'lesiones por pinchazo', 'a la mitad', 'en los próximos 12 meses'],
    ['Bajar un 20 % las horas extra para el 30 de junio de 2027', 'horas extra', '20 %', '30 de junio de 2027'],
    [
      'Reducir las caídas por cada 1000 días-paciente de 4 a 2 para el 30 de junio de 2027',
      'caídas por cada 1000 días-paciente',
      'de 4 a 2',
      '30 de junio de 2027',
    ],
  ])('%s', (aim, measure, value, date) => {
    const r = checkAim(aim, ES);
    expect({ measure: r.measure.found, value: r.targetValue.found, date: r.targetDate.found }).toEqual({ measure, value, date });
    expect(r.smart).toBe(true);
  });
});

describe('checkAim: aims that miss parts', () => {
  it('says what to add for a vague aim, in measure/value/date order', () => {
    const r = checkAim('Make things better for our members', EN);
    expect(r.smart).toBe(false);
    expect(r.missing).toEqual(['measure', 'targetValue', 'targetDate']);
    expect(r.messages).toEqual([AIM_MESSAGES.measure, AIM_MESSAGES.targetValue, AIM_MESSAGES.targetDate]);
    expect(r.targetDate.message).toMatch(/^Add a target date: by when\?/);
  });

  it('an empty aim misses everything', () => {
    expect(checkAim('   ', EN).missing).toEqual(['measure', 'targetValue', 'targetDate']);
  });

  it('"2027" alone is a date, not a target value', () => {
    const r = checkAim('Improve patient satisfaction by 2027.', EN);
    expect(r.measure.found).toBe('patient satisfaction');
    expect(r.targetDate.found).toBe('by 2027');
    expect(r.targetValue.present).toBe(false);
    expect(r.missing).toEqual(['targetValue']);
    expect(r.messages).toEqual([AIM_MESSAGES.targetValue]);
  });

  it('a bare year with no cue counts as neither value nor date', () => {
    const r = checkAim('Reduce medication errors 2027 goal', EN);
    expect(r.targetValue.present).toBe(false);
    expect(r.targetDate.present).toBe(false);
    expect(r.measure.found).toBe('medication errors');
  });

  it('the day and year of a date are not target values', () => {
    expect(parts('Reduce call abandonment on March 15, 2027')).toEqual({ measure: 'call abandonment', value: null, date: 'March 15, 2027' });
  });

  it('a unit name with a number ("4 West", "clinic 2") is not a target value', () => {
    expect(parts('Reduce falls on 4 West.')).toEqual({ measure: 'falls', value: null, date: null });
    expect(parts('Reduce no-shows in clinic 2 by December 2026').value).toBeNull();
  });

  it('"within 3 days of discharge" is a standard (value), not a deadline', () => {
    const r = checkAim('Increase the percentage of discharge summaries sent within 3 days of discharge to 95%.', EN);
    expect(r.targetDate.present).toBe(false);
    expect(r.targetValue.found).toBe('95%');
    expect(r.missing).toEqual(['targetDate']);
  });

  it('a target and date without a measure asks for the measure', () => {
    const r = checkAim('Get to 90% by June 2027.', EN);
    expect(r.missing).toEqual(['measure']);
    expect(r.measure.message).toBe(AIM_MESSAGES.measure);
  });

  it('"Improve by 2027" has no measure: the verb must name something', () => {
    expect(checkAim('Improve by 2027', EN).missing).toEqual(['measure', 'targetValue']);
  });

  it('keeps a number in a target even when it looks like a year after "to"', () => {
    expect(parts('Increase annual flu shots given to 2000 by March 2027')).toEqual({
      measure: 'annual flu shots given',
      value: 'to 2000',
      date: 'March 2027',
    });
  });
});

describe('checkScope', () => {
  it.each([
    ['Increase staffing to 6 RNs per shift by July 2027', ['staffing']],
    ['Add 2 FTEs to the ED night shift by Q2 2027', ['FTEs']],
    ['Reduce the nurse-to-patient ratio on 5 East to 1:4 by June 2027', ['nurse-to-patient ratio']],
    ['Hire 3 more medical assistants this year', ['Hire 3 more medical assistants']],
    ['Raise headcount in environmental services by 10%', ['headcount']],
    ['Fill vacancies in the lab by March 2027', ['Fill vacancies']],
  ])('flags %s', (aim, matches) => {
    const r = checkScope(aim, EN);
    expect(r.inScope).toBe(false);
    expect(r.matches).toEqual(matches);
    expect(r.message).toBe(OUT_OF_SCOPE_MESSAGE);
    expect(r.message).toMatch(/partnership council or the collective bargaining process/);
  });

  it.each([
    'Increase staff satisfaction scores from 3.2 to 4.0 by December 2027',
    'Reduce staff injuries from lifting by 30% within 12 months',
    '90% of new hires complete orientation checklists within 30 days by March 2027',
    'Reduce central lines infections to zero by end of 2027',
  ])('leaves %s in scope', (aim) => {
    expect(checkScope(aim, EN)).toEqual({ inScope: true, matches: [], message: null });
  });

  // Issue #24: staffing asks in other words, as teams actually write them.
  it.each([
    ['We want more nurses so patients get answered faster', ['more nurses']],
    ['We want more staff.', ['more staff']],
    ['Get an extra CNA on nights so call lights are answered within 5 minutes', ['an extra CNA']],
    ['Add two more techs to the evening shift by March 2027', ['Add two more techs']],
    ['Extra staff on weekends to cut wait times in half by June 2027', ['Extra staff']],
    ['Increase the number of RNs on 5 East to 8 per shift', ['Increase the number of RNs']],
    ['We need more help on night shift', ['We need more help on night shift']],
    ['Reduce wait times: we want more people at the front desk', ['we want more people at the front desk']],
    ['Recruit more respiratory therapists by June 2027', ['Recruit more respiratory therapists']],
    ['Stop being short-staffed on weekends by December 2026', ['short-staffed']],
    ['Backfill the unit clerk so admissions go faster', ['Backfill the unit clerk']],
    ['Get another nurse practitioner for the clinic by Q3 2027', ['another nurse']],
    ['Bring on additional sitters for high fall risk patients', ['Bring on additional sitters']],
    ['Lower the ratio of nurses to patients on 4 West', ['ratio of nurses to patients']],
    ['Answer call lights in under 3 minutes by adding a float nurse to days', ['adding a float nurse']],
    ['More hands on deck during the 7am rush', ['hands on deck']],
    ['Cover lunches with 0.5 FTE by April 2027', ['FTE']],
  ])('flags the staffing ask in %s', (aim, matches) => {
    expect(checkScope(aim, EN)).toEqual({ inScope: false, matches, message: OUT_OF_SCOPE_MESSAGE });
  });

  it.each([
    'Train more nurses in safe patient handling: 90% by June 2027',
    'Increase the number of nurses trained in sepsis screening to 100% by June 2027',
    'Increase the percentage of staff who complete hand hygiene training to 95%',
    'More staff completing the annual safety survey: 80% by Q2 2027',
    'More employees get their flu shot: 90% by December 2026',
    'Free up more nurse time at the bedside by cutting charting by 20 minutes per shift',
    'Hold extra staff huddles during flu season: 2 per week by January 2027',
    'Increase the number of staff suggestions implemented to 10 per quarter',
    'Retain more new graduate nurses through the first year: 90% by 2027',
    'Get more patients discharged before noon: 40% by March 2027',
    'We want more patients to rate us 9 or 10 on the survey: 75% by 2027',
    'More patients get help with forms at the front desk: 90% by June 2027',
    'Increase the number of patients seen by providers within 15 minutes to 80%',
    'Reduce the time nurses spend looking for IV pumps from 30 to 10 minutes per shift',
    'Answer call lights within 3 minutes 90% of the time by adding a second ring-down phone',
    'Add hand hygiene reminders for staff at every sink by May 2027',
    'Increase physician engagement with the huddle board to 4 of 5 huddles per week',
  ])('leaves the ordinary aim %s in scope', (aim) => {
    expect(checkScope(aim, EN)).toEqual({ inScope: true, matches: [], message: null });
  });

  it('lists each staffing word once', () => {
    expect(checkScope('Staffing levels: hire to the staffing grid, more FTE', EN).matches).toEqual(['Staffing levels', 'hire', 'staffing grid', 'FTE']);
  });
});
