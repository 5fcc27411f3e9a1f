import type { Translate } from '@shared/i18n/translator';
import { RecordLockedError } from '../minutes/recordLock';
import { ValidationError } from '../../db/errors';

// The IBPS commands refuse in English (for logs and tests; the shared checks they call have no
// codes for every case). A screen never shows that English on a Spanish screen: each known
// refusal is recognised here and said again in the `ibps` namespace, with its numbers.

const KNOWN: ReadonlyArray<[RegExp, string, (m: RegExpExecArray) => Record<string, unknown>]> = [
  [/^Say why the group evaluates before agreeing criteria$/, 'refusal.overrideReason', () => ({})],
  [/^Write the interest behind the position$/, 'refusal.interestBehind', () => ({})],
  [/^Choose another interest of this session to share$/, 'refusal.shareWith', () => ({})],
  [/^Record who agreed to the merge$/, 'refusal.mergeAgreedBy', () => ({})],
  [/^Choose another standing option of this session to merge into$/, 'refusal.mergeInto', () => ({})],
  [/^This consensus test was not recorded; start it again$/, 'refusal.testNotRecorded', () => ({})],
  [/^Test (\d+) is closed; a retest is a new test$/, 'refusal.testClosed', (m) => ({ number: Number(m[1]) })],
  [/^Record the concern in a few words$/, 'refusal.concernEmpty', () => ({})],
  [/^Record the decision, or that consensus failed/, 'session.closeNoDecision', () => ({})],
  [/^Consensus was not reached: record where the proposal goes/, 'session.closeNoPath', () => ({})],
  [/^A consensus test needs the proposal being tested\.$/, 'consensus.problem.empty-proposal', () => ({})],
  [/^There is already a test number (\d+); use (\d+)\.$/, 'consensus.problem.number-taken', (m) => ({ number: Number(m[1]), next: Number(m[2]) })],
  [/^The first test of a session does not modify an earlier one\.$/, 'consensus.problem.first-test-modifies', () => ({})],
  [/^A new test modifies an earlier one/, 'consensus.problem.retest-needs-source', () => ({})],
  [/^The test this one modifies could not be found\.$/, 'consensus.problem.unknown-source', () => ({})],
  [/^A test can only modify a test of the same session\.$/, 'consensus.problem.other-session', () => ({})],
  [/^Test (\d+) already reached consensus\.$/, 'consensus.problem.source-reached-consensus', (m) => ({ number: Number(m[1]) })],
  [/^The proposal is the same as in test (\d+)\./, 'consensus.problem.proposal-unchanged', (m) => ({ number: Number(m[1]) })],
];

/** A refusal's message in the screen's words; a message this feature does not know stays as it came. */
export function refusalText(message: string, t: Translate): string {
  for (const [pattern, key, values] of KNOWN) {
    const m = pattern.exec(message);
    if (m) return t(key, values(m));
  }
  return message;
}

/** An error as a notification shows it: a refusal in the screen's words, anything else as it came. */
export function shownError(e: unknown, t: Translate): unknown {
  // A locked record's refusal is the minutes' words: notifyError says it (components/errorText.ts).
  if (!(e instanceof ValidationError) || e instanceof RecordLockedError) return e;
  return new Error(e.problems.map((p) => refusalText(p.message, t)).join('; '));
}
