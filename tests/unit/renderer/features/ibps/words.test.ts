import { describe, expect, it } from 'vitest';
import { checkNewTest, evaluateConsensusTest, type ConsensusEvaluationInput } from '@shared/ibps/consensus';
import { sessionCloseProblem } from '@shared/ibps/session';
import { createI18n, translatorOf, type Translate } from '@shared/i18n/translator';
import type { ValidationError } from '@renderer/db/errors';
import type { Repositories } from '@renderer/db/repositories';
import en from '@renderer/i18n/locales/en/ibps.json';
import es from '@renderer/i18n/locales/es/ibps.json';
import { addConcern, overrideCriteriaOrder, rewritePositionAsInterest } from '@renderer/features/ibps/commands';
import { refusalText } from '@renderer/features/ibps/refusals';
import { consensusReasons } from '@renderer/features/ibps/words';

// The IBPS screens say the shared model's English again from their own namespace. In English they
// must say exactly what the shared code says (the record, logs and tests read that), and in
// Spanish something else, never the English passed through.

const ibpsT = (locale: 'en' | 'es'): Translate => translatorOf(createI18n(locale, { en: { ibps: en }, es: { ibps: es } }, 'ibps'), 'ibps');
const english = ibpsT('en');
const spanish = ibpsT('es');

const members = [
  { side: 'union' as const, personId: 'u1' },
  { side: 'union' as const, personId: 'u2' },
  { side: 'management' as const, personId: 'm1' },
  { side: 'management' as const, personId: 'm2' },
];
const base: ConsensusEvaluationInput = {
  method: 'fist-to-five',
  members,
  present: members,
  quorum: { percentOfMembers: 0, minPerSide: { management: 0, union: 0, physician: 0 } },
};
const scenarios: Array<[string, ConsensusEvaluationInput]> = [
  ['no votes yet', base],
  ['some still to vote', { ...base, votes: [{ personId: 'u1', side: 'union', value: 4 }] }],
  [
    'below the line without a concern, a block and a duplicate',
    {
      ...base,
      votes: [
        { personId: 'u1', side: 'union', value: 2 },
        { personId: 'u1', side: 'union', value: 0 },
        { personId: 'm1', side: 'management', value: 5 },
        { personId: 'x9', side: 'management', value: 9 },
      ],
    },
  ],
  ['more votes than people', { ...base, tallies: [{ side: 'union', value: 4, count: 5 }] }],
  [
    'consensus with someone standing aside',
    {
      ...base,
      method: 'gradients-of-agreement',
      votes: members.map((m, i) => ({ personId: m.personId, side: m.side, value: i === 0 ? 4 : 1 })),
    },
  ],
  ['no consensus quorum', { ...base, present: members.slice(0, 1), quorum: { percentOfMembers: 75, minPerSide: { management: 1, union: 1, physician: 0 } } }],
  [
    'thumbs down with its concern, and one vote asking for more discussion',
    {
      ...base,
      method: 'thumbs',
      votes: members.map((m, i) => ({ personId: m.personId, side: m.side, value: i === 0 ? 0 : 2 })),
      concerns: [{ personId: 'u1', side: 'union', text: 'Too early' }],
    },
  ],
];

describe('consensus reasons in the screen language', () => {
  for (const [name, input] of scenarios) {
    it(`${name}: the English words are the shared reasons, the Spanish ones are not`, () => {
      const result = evaluateConsensusTest(input);
      const context = { method: input.method, presentCount: input.present.length, percentOfMembers: input.quorum.percentOfMembers };
      const shared = result.reasons.map((r) =>
        r.replace(/^No consensus quorum: (management|union|physician):/, (_, s: string) => `No consensus quorum: ${s[0]!.toUpperCase()}${s.slice(1)}:`),
      );
      expect(consensusReasons(english, result, context)).toEqual(shared);
      const said = consensusReasons(spanish, result, context);
      expect(said).toHaveLength(result.reasons.length);
      for (const [i, reason] of said.entries()) expect(reason).not.toBe(result.reasons[i]);
    });
  }
});

describe('IBPS refusals in the screen language', () => {
  const refusals = async (): Promise<string[]> => {
    const messages: string[] = [];
    // These commands refuse before they touch the database.
    const none = undefined as unknown as Repositories;
    for (const attempt of [
      () => overrideCriteriaOrder(none, 's1', ' '),
      () => rewritePositionAsInterest(none, 'i1', ''),
      () => addConcern(none, 't1', { personId: null, side: 'union', text: ' ' }),
    ]) {
      await attempt().then(
        () => expect.unreachable('the command accepted empty input'),
        (e: unknown) => messages.push(...(e as ValidationError).problems.map((p) => p.message)),
      );
    }
    const tests = [{ id: 't1', sessionId: 's1', number: 1, proposal: 'Stagger lunches', modifiedFromTestId: null, outcome: 'no-consensus' }];
    messages.push(
      ...checkNewTest(tests, { sessionId: 's1', number: 1, proposal: 'Stagger lunches.', modifiedFromTestId: 't1' }).map((p) => p.message),
      ...checkNewTest(tests, { sessionId: 's1', number: 2, proposal: ' ', modifiedFromTestId: null }).map((p) => p.message),
      sessionCloseProblem([])!,
      sessionCloseProblem([{ outcome: 'failed', escalatedTo: null }])!,
      'Test 3 is closed; a retest is a new test',
    );
    return messages;
  };

  it('says each refusal in English as the command does, and in Spanish in other words', async () => {
    const messages = await refusals();
    expect(messages.length).toBeGreaterThanOrEqual(9);
    for (const m of messages) {
      expect(refusalText(m, english)).toBe(m);
      expect(refusalText(m, spanish)).not.toBe(m);
    }
    expect(refusalText('Test 3 is closed; a retest is a new test', spanish)).toContain('3');
    expect(refusalText('There is already a test number 2; use 3.', spanish)).toMatch(/2.*3/);
  });

  it('leaves a message it does not know as it came', () => {
    expect(refusalText('The disk is full', spanish)).toBe('The disk is full');
  });
});
