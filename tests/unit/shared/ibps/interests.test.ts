import { describe, expect, it } from 'vitest';
import { positionHint, sharedInterestSuggestions, type InterestLike } from '@shared/ibps/interests';
import { phraseOverlap, probablySamePhrase, relatedPhrases } from '@shared/ibps/similarity';

describe('positionHint: a position typed as an interest gets a gentle prompt', () => {
  it.each([
    ['Hire a float tech', 'Hire'],
    ['Hire two more night-shift float RNs', 'more night-shift float RNs'],
    ['Close the window from 12:30 to 1', 'Close'],
    ['Stop cancelling approved vacations', 'Stop'],
    ['Management should post the schedule two weeks ahead', 'Management should'],
    ['They must approve overtime for lunch coverage', 'They must'],
    ['There should be a second pharmacist at noon', 'There should be'],
    ['We need two more float RNs on nights', 'We need two'],
    ['We want a new label printer', 'We want a new'],
    ['Get rid of mandatory huddles at lunch', 'Get rid of'],
  ])('%s', (text, excerpt) => {
    const hint = positionHint(text);
    expect(hint, text).not.toBeNull();
    expect(hint?.excerpt.toLowerCase()).toContain(excerpt.toLowerCase());
    expect(hint?.message).toMatch(/why is that important/);
  });

  it.each([
    'Staff get an uninterrupted 30-minute lunch',
    'Patients are served without long waits',
    'Coverage at the window while techs are at lunch',
    'A predictable schedule',
    'We need to know the lunch rotation a week ahead',
    'We should be able to take breaks without guilt',
    'Staff feel safe raising concerns',
    'Fair turns at the late lunch slot',
    'Stay within the approved budget',
    'No new overtime costs',
    'Patients get their medicines safely',
  ])('no prompt for the need itself: %s', (text) => {
    expect(positionHint(text)).toBeNull();
  });

  it('says nothing about an empty text', () => {
    expect(positionHint('   ')).toBeNull();
  });
});

const interest = (id: string, text: string, sides: InterestLike['sides'], position: number, isPosition = false): InterestLike => ({
  id,
  text,
  sides,
  position,
  isPosition,
});

describe('sharedInterestSuggestions: another side said the same interest', () => {
  it('pairs a later interest with the earlier one another side said in other words', () => {
    const list = [
      interest('a', 'Patients are served without long waits', ['management'], 1),
      interest('b', 'Every tech gets an uninterrupted lunch', ['union'], 2),
      interest('c', 'Patients served without long waits at the window', ['union'], 3),
      interest('d', 'Techs get their lunch uninterrupted', ['management'], 4),
    ];
    expect(sharedInterestSuggestions(list)).toEqual([
      { interestId: 'c', matchId: 'a', sides: ['management', 'union'] },
      { interestId: 'd', matchId: 'b', sides: ['union', 'management'] },
    ]);
  });

  it('leaves alone a repeat from the same side, positions, untagged interests and different needs', () => {
    const list = [
      interest('a', 'A predictable schedule', ['union'], 1),
      interest('b', 'A predictable schedule for everyone', ['union'], 2), // same side: not "shared"
      interest('c', 'Hire a float tech', ['management'], 3, true),
      interest('d', 'Hire a float tech', ['union'], 4, true), // positions are not interests yet
      interest('e', 'A predictable schedule', [], 5), // untagged: no side to share with
      interest('f', 'No new overtime costs', ['management'], 6),
      interest('g', 'Breaks that are not cut short', ['union'], 7),
    ];
    expect(sharedInterestSuggestions(list)).toEqual([]);
  });

  it('matches in board order whatever order the rows arrive in (two laptops)', () => {
    const later = interest('x2', 'A schedule both sides trust', ['union'], 2);
    const earlier = interest('x1', 'A schedule that both sides can trust', ['management'], 1);
    expect(sharedInterestSuggestions([later, earlier])).toEqual([{ interestId: 'x2', matchId: 'x1', sides: ['management', 'union'] }]);
  });
});

describe('phrase similarity', () => {
  it('ignores small words, case and plurals', () => {
    expect(probablySamePhrase('Patients wait less', 'patients waiting less')).toBe(true);
    expect(phraseOverlap('The waits', 'a wait').dice).toBe(1);
  });

  it('tells related phrases from unrelated ones', () => {
    expect(relatedPhrases('Every tech gets an uninterrupted lunch', 'Staff get an uninterrupted 30-minute lunch')).toBe(true);
    expect(relatedPhrases('Within the current budget', 'Staff get an uninterrupted 30-minute lunch')).toBe(false);
    expect(probablySamePhrase('Every tech gets an uninterrupted lunch', 'Staff get an uninterrupted 30-minute lunch')).toBe(false);
    expect(phraseOverlap('', 'anything')).toEqual({ dice: 0, containment: 0, shorter: 0 });
  });
});
