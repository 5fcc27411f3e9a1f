import { ValidationError } from '../../db/errors';
import type { P2pScreenWords } from './labels';

// The assessment commands, the sign-off rules and the approver check refuse in English, without
// knowing the screen's language (they run in transactions and in shared code other features use).
// The screen says each refusal it knows again in the person's language, from the values the
// English sentence carries; one it does not know is shown as it came, never guessed at.

type Values = Record<string, string | number>;

/** "Q4 2026", as the commands print a quarter, back to its id. */
const quarterId = (label: string) => label.replace(/^Q([1-4]) (\d{4})$/, '$2-Q$1');

const KNOWN: ReadonlyArray<readonly [RegExp, string, (m: RegExpExecArray, w: P2pScreenWords) => Values]> = [
  [
    /^The (Q[1-4] \d{4}) assessment(?: \(version (\d+)\))? is confirmed and read-only\. Start a correction to change it; this version is kept\.$/,
    'locked',
    (m, w) => ({ quarter: w.quarter(quarterId(m[1]!)), version: m[2] ?? 1 }),
  ],
  [/^This assessment no longer exists\.$/, 'assessmentGone', () => ({})],
  [/^This team no longer exists\.$/, 'teamGone', () => ({})],
  [/^(.+) is archived; restore it before assessing it\.$/, 'archived', (m) => ({ team: m[1]! })],
  [
    /^(.+)'s (Q[1-4] \d{4}) assessment is already confirmed\. Start a correction to change it\.$/,
    'alreadyConfirmed',
    (m, w) => ({ team: m[1]!, quarter: w.quarter(quarterId(m[2]!)) }),
  ],
  [/^Start from an earlier quarter of the same team\.$/, 'startEarlier', () => ({})],
  [/^The assessment changed while you were reading it\./, 'changed', () => ({})],
  [/^Say why the confirmed assessment is being corrected\.$/, 'reasonMissing', () => ({})],
  [/^Only a confirmed assessment is corrected;/, 'onlyConfirmed', () => ({})],
  [/^A correction of (Q[1-4] \d{4}) is already under way\.$/, 'correctionUnderWay', (m, w) => ({ quarter: w.quarter(quarterId(m[1]!)) })],
  [/^A later version of this assessment exists; correct that one\.$/, 'laterVersion', () => ({})],
  [/^Only a correction is discarded;/, 'onlyCorrection', () => ({})],
  [/^A co-lead has already confirmed this correction;/, 'correctionConfirmed', () => ({})],
  [/^There are no figures to import\.$/, 'noFigures', () => ({})],
  [/^Choose the council to keep the figures with\.$/, 'chooseCouncil', () => ({})],
  [/^Say which email backs this confirmation/, 'emailMissing', () => ({})],
  [/^Who recorded it is required$/, 'recordedByMissing', () => ({})],
  [/^Choose who is confirming\.$/, 'chooseWho', () => ({})],
  [/^This (team|council) has no (management|union|physician) co-lead to confirm\.$/, 'noSide', (m) => ({ body: m[1]!, side: m[2]! })],
  [/^Only the team's (management|union|physician) co-lead can confirm for \1\.$/, 'onlyCoLead', (m) => ({ side: m[1]! })],
  [/^(.+) is on the (management|union|physician) side, not (management|union|physician)\.$/, 'otherSide', (m) => ({ name: m[1]!, theirs: m[2]!, side: m[3]! })],
  [/^(.+) is not a member of this (team|council)\.$/, 'notMember', (m) => ({ name: m[1]!, body: m[2]! })],
];

/** A refusal's message in the screen's words, or as it came when it is not one this feature knows. */
export function refusalText(message: string, w: P2pScreenWords): string {
  for (const [pattern, key, values] of KNOWN) {
    const m = pattern.exec(message);
    if (m) return w.t(`refusal.${key}`, values(m, w));
  }
  return message;
}

/** The message for one field of a refusal, for showing under an input; undefined when that field is fine. */
export function fieldText(error: unknown, path: string, w: P2pScreenWords): string | undefined {
  const message = error instanceof ValidationError ? error.forField(path) : undefined;
  return message === undefined ? undefined : refusalText(message, w);
}

/** An error as a notification shows it: a refusal's every problem in the screen's words, anything else as it came. */
export function shownError(e: unknown, w: P2pScreenWords): unknown {
  return e instanceof ValidationError ? new Error(e.problems.map((p) => refusalText(p.message, w)).join('; ')) : e;
}
