// Gentle checks on an IBPS issue statement, shown while the group words it. They are hints for the
// facilitator to read aloud, never errors: a group may keep its own wording. The patterns lean
// towards missing a problem rather than nagging about a neutral question, because a warning on
// a good statement teaches the room to ignore the warnings.

export type IssueWarningCode = 'not-a-question' | 'yes-no-question' | 'embeds-solution' | 'blames' | 'names-person' | 'more-than-one-issue' | 'too-long';

export interface IssueWarning {
  code: IssueWarningCode;
  message: string;
  /** The words that set the warning off, for highlighting; absent when it is about the whole text. */
  excerpt?: string;
}

export interface IssueCheckOptions {
  /**
   * Names of the people on the roster. Each entry is matched as a whole phrase, so pass first and
   * last names separately too if the room tends to use them alone.
   */
  peopleNames?: readonly string[];
}

export const ISSUE_STATEMENT_MAX_WORDS = 40;

const PARTY =
  'management|leadership|administration|admin|the union|unions?|labor|hr|the hospital|the clinic|the company|managers?|supervisors?|directors?|chiefs?';
/** Authority figures the other side may be blamed through; narrower than PARTY ("because of the clinic's signage" is fine). */
const BLAMED_PARTY = 'management|leadership|administration|the union|unions?|managers?|supervisors?|directors?';
// "people" is left out of the headcount words on purpose: "more people at the flu clinic" is about patients.
const HEADCOUNT =
  'nurses?|staff|staffers|rns?|lvns?|cnas?|mas|techs?|technicians?|doctors?|physicians?|employees|workers|ftes?|positions?|travell?ers?|per diems?|hires|scribes?|clerks?|assistants?|headcount|bodies';
const STAFF_NOUN = `${HEADCOUNT}|people`;
const QUANTITY = '\\d+|one|two|three|four|five|six|seven|eight|nine|ten|an?|another|more|additional|extra|a few|several|second|third';
const ACTION_GERUND =
  'adding|hiring|having|making|switching|moving|creating|requiring|mandating|cutting|eliminating|removing|replacing|giving|paying|buying|installing|implementing|bringing|assigning|closing|opening|extending|limiting|banning|stopping|outsourcing|contracting|forcing|firing|posting|scheduling more|using more';

/** Verbs that name a fix rather than describe a problem, as the object of a need or a want. */
const SOLUTION_VERB =
  'hire|hiring|buy|purchase|add|install|bring in|fire|replace|outsource|close|cancel|cut|eliminate|ban|require|mandate|another|two|three|four|five';
/** Quantities that make "add"/"get" name a thing to acquire ("add a", "get another"); "get the word out" is not one. */
const ITEM_QUANTITY = 'a|an|another|more|additional|extra|new|second|third|two|three|four|five|\\d+';
/**
 * Words that describe staff between "more" and the headcount ("two more night-shift float RNs").
 * A closed list: "more patients see nurses" must not read as "more nurses".
 */
const STAFF_MODIFIER =
  '[a-z]+-[a-z-]+|night|day|evening|weekend|weekday|float|pool|charge|travel(?:l?ing)?|bilingual|experienced|trained|certified|registered|licensed|temporary|permanent|agency|pharmacy|lab|icu|er|ed|bedside|unit|desk|shift|clinic|clinical|senior|junior|new|full|part|time|or';

/** Before "hire": the hiring process ("the time it takes to hire a CNA"), not a call to hire. */
const NOT_HIRING_PROCESS = '(?<!\\b(?:new|per|each|first|recent|the|a|every|time to|long to|takes? to|took to|weeks to|days to|months to)\\s)';

const re = (source: string) => new RegExp(source, 'i');

/** Checked anywhere, questions included: these name a particular fix, whatever the sentence's shape. */
export const SOLUTION_ANYWHERE: readonly RegExp[] = [
  // "more staff", but not "without more staff", which rules a fix out rather than proposing one.
  re(`(?<!\\b(?:without|no)\\s)\\b(?:more|additional|extra)\\s+(?:${HEADCOUNT})\\b`),
  re(
    `${NOT_HIRING_PROCESS}\\b(?:hire|hiring|hired|add|adding|bring in|bringing in|recruit|recruiting)\\s+(?:(?:${QUANTITY})\\s+)+(?:[\\w-]+\\s+)?(?:${STAFF_NOUN})\\b`,
  ),
  // A need or want aimed at a fix: "we need to hire", "they want to buy", "we need two more".
  re(`\\b(?:we|you|they|${PARTY}|${STAFF_NOUN}|everyone)\\s+(?:really\\s+)?(?:needs?|wants?)\\s+(?:to\\s+)?(?:${SOLUTION_VERB})\\b`),
  // "two more night-shift float RNs": the headcount may come a few describing words after "more".
  re(`(?<!\\b(?:without|no)\\s)\\b(?:more|additional|extra)\\s+(?:(?:${STAFF_MODIFIER})\\s+){1,3}(?:${HEADCOUNT})\\b`),
  // Buying or installing a named thing is a fix: "buy a second scanner", "add another printer".
  re(`\\b(?:buy|buying|purchase|purchasing|install|installing|add|adding)\\s+(?:${ITEM_QUANTITY})\\s+(?:[\\w-]+\\s+){0,2}[\\w-]+`),
  // "hire" as a verb; "new hire", "time to hire" and "hire date" are about the hiring process,
  // but "need to hire" is a fix: only the process phrasings are let through after "to".
  re(`${NOT_HIRING_PROCESS}\\bhire\\b(?!\\s+(?:date|process|paperwork|orientation|packet|class|cohort)s?\\b)`),
  re(
    "\\b(?:fire|fired|firing|get rid of|getting rid of|terminate|terminating|lay off|laying off|suspend|suspending|discipline|disciplining|write up|writing up|replace|replacing)\\s+(?:him|her|them|the (?:manager|supervisor|director|lead|charge nurse)|that (?:manager|supervisor|person|nurse|doctor)|this (?:manager|supervisor|person|nurse|doctor)|our (?:manager|supervisor|director))\\b(?!')",
  ),
  re(
    `\\b(?:require|requiring|mandate|mandating|force|forcing|compel|compelling|order|ordering)\\s+(?:${PARTY}|${STAFF_NOUN}|everyone|everybody|them|him|her)\\s+to\\b`,
  ),
  // "get management to approve...": the problem is put on the other side's shoulders.
  re(
    `\\b(?:get|getting|convince|convincing|persuade|persuading|make|making)\\s+(?:${PARTY}|them)\\s+(?:to\\s+)?(?:agree|approve|give|pay|hire|fund|stop|start|accept|allow|let|drop|cancel|back down|listen|do)\\b`,
  ),
  // "caused by having one scanner" describes the problem; "by adding a nurse" proposes the fix.
  re(`(?<!\\b(?:caused|created|made|driven|affected|worsened|triggered|brought on)\\s)\\bby\\s+(?:${ACTION_GERUND})\\b`),
];

/**
 * Checked only outside questions, where "must" states a demand rather than describes a situation.
 * Even there "Nurses have to walk to the basement" and "the contract requires two RNs" are
 * descriptions, so "have to" and "need to" count only with a party being told what to do.
 */
export const DEMAND_IN_STATEMENT: readonly RegExp[] = [
  re('\\bthere\\s+(?:should|must|needs? to|has to|ought to)\\s+be\\b'),
  re('\\b(?:must|should|shall|ought to|demands?|insists? on)\\b'),
  re(`\\b(?:${PARTY})\\s+(?:needs? to|ha(?:s|ve) to|(?:is|are) required to)\\b`),
  re(`\\b(?:we|you|${PARTY}|${STAFF_NOUN}|everyone)\\s+(?:needs?|wants?|deserves?)\\b(?!\\s+to\\b)`),
  // Outside a question, "we need to ..." and "we want to ..." state what someone should do.
  re(`\\b(?:we|you|they|${PARTY}|${STAFF_NOUN}|everyone)\\s+(?:really\\s+)?(?:needs?|wants?)\\s+to\\b`),
  // An imperative opening ("Stop cancelling PTO") is a position, not a problem.
  re('^(?:stop|eliminate|ban|bring back|restore|give|hire|fire|cut|remove|replace|install|buy|pay|outsource|cancel|close|add|allow|let|require|mandate)\\b'),
];

const BLAME: readonly RegExp[] = [
  // "at fault" / "their fault", not "a fault in the call-light system" or a "no-fault culture".
  re("(?:\\bat|'s|\\btheir|\\bhis|\\bher|\\byour|\\bits)\\s+fault\\b|\\bblam(?:e|es|ed|ing)\\b"),
  re("\\b(?:lazy|incompetent|incompetence|negligent|negligence|irresponsible|favoritism|playing favou?rites|don't care|doesn't care|can't be bothered)\\b"),
  re(`\\b(?:${PARTY})\\s+(?:keeps?|kept)\\s+(?:ignoring|refusing|failing|cancell?ing|changing|blocking|breaking|denying|rejecting|losing|dropping)\\b`),
  re(
    `\\b(?:${PARTY})\\s+(?:refuses?|refused|ignores?|ignored|failed|fails|never listens?|won't listen|will not listen|messed up|screwed up|dropped the ball)\\b`,
  ),
  re(`\\b(?:${PARTY})'s\\s+(?:failure|fault|mistakes?|incompetence|negligence|refusal)\\b`),
  re(`\\bbecause\\s+(?:of\\s+)?(?:${BLAMED_PARTY})\\b`),
];

const MULTIPLE_ISSUES: readonly RegExp[] = [
  re('\\band also\\b|;\\s*also\\b|\\bsecondly\\b'),
  re('\\b(?:and|or|also)\\s+(?:how|what|why)\\s+(?:can|might|could|should|do|will|would)\\s+we\\b'),
  re('\\b(?:another|a second)\\s+(?:issue|problem)\\b'),
];

const OPEN_QUESTION_START = re('^(?:how|in what ways?|what)\\s+(?:can|might|could|do|should|would|will|may|shall)\\s+(?:we|us|our)\\b');
const QUESTION_WORD_START = re('^(?:how|what|why|when|where|who|which|whose|in what)\\b');
const YES_NO_START = re(
  "^(?:should|shall|can|could|will|would|must|may|is|are|was|were|do|does|did|isn't|aren't|don't|doesn't|why don't|why can't|why won't|why doesn't|why isn't|why not)\\b",
);

function normalize(text: string): string {
  return text
    .replace(/[\u2018\u2019\u02BC]/g, "'")
    .replace(/[\u201C\u201D]/g, '"')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Sentences and semicolon-joined parts, each keeping its closing mark so questions can be told apart. */
function clauses(text: string): string[] {
  return text
    .split(/(?<=[?!;])\s*|(?<=\.)\s+/)
    .map((c) => c.trim())
    .filter((c) => /[\p{L}\p{N}]/u.test(c));
}

function isQuestionClause(clause: string): boolean {
  return clause.endsWith('?') || QUESTION_WORD_START.test(clause);
}

function firstMatch(patterns: readonly RegExp[], text: string): string | undefined {
  for (const p of patterns) {
    const m = p.exec(text);
    if (m) return m[0];
  }
  return undefined;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Whole-word match that also works for names with accents or apostrophes (José, O'Brien), which \b does not. */
function mentions(text: string, name: string): boolean {
  const phrase = normalize(name);
  if (!/[\p{L}\p{N}]/u.test(phrase)) return false;
  const words = phrase.split(' ').map(escapeRegExp).join('\\s+');
  return new RegExp(`(?<![\\p{L}\\p{N}_])${words}(?![\\p{L}\\p{N}_])`, 'iu').test(text);
}

export function countWords(text: string): number {
  return normalize(text)
    .split(' ')
    .filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

/**
 * Hints about an issue statement: one issue, asked as an open question, with no solution and no
 * blame in it. Returns an empty list for a blank text (there is nothing to comment on yet).
 */
export function checkIssueStatement(text: string, options: IssueCheckOptions = {}): IssueWarning[] {
  const t = normalize(text);
  if (t.length === 0) return [];
  const warnings: IssueWarning[] = [];
  const parts = clauses(t);

  if (!t.endsWith('?') && !OPEN_QUESTION_START.test(t)) {
    warnings.push({
      code: 'not-a-question',
      message: 'Try putting it as a question, for example "How can we ...?" A question invites everyone to look for answers together.',
    });
  }

  const yesNo = parts.find((c) => isQuestionClause(c) && YES_NO_START.test(c));
  if (yesNo) {
    warnings.push({
      code: 'yes-no-question',
      message: 'This can be answered yes or no, which usually means one answer is already on the table. Try "How can we ...?" so every option stays open.',
      excerpt: yesNo,
    });
  }

  const solution =
    firstMatch(SOLUTION_ANYWHERE, t) ??
    parts.filter((c) => !isQuestionClause(c)).reduce<string | undefined>((found, c) => found ?? firstMatch(DEMAND_IN_STATEMENT, c), undefined);
  if (solution) {
    warnings.push({
      code: 'embeds-solution',
      message: `This seems to include a solution or a demand ("${solution}"). Try describing the problem instead, so every side can suggest options.`,
      excerpt: solution,
    });
  }

  const blame = firstMatch(BLAME, t);
  if (blame) {
    warnings.push({
      code: 'blames',
      message: `This may come across as blame ("${blame}"). Try describing what happens rather than who is at fault.`,
      excerpt: blame,
    });
  }

  const named = [...new Set((options.peopleNames ?? []).map(normalize))].filter((n) => mentions(t, n));
  if (named.length > 0) {
    warnings.push({
      code: 'names-person',
      message: `This names ${named.join(' and ')}. An issue statement works best about the problem, not a person.`,
      excerpt: named.join(', '),
    });
  }

  const questionMarks = t.split(/\?+/).length - 1;
  const multiple = questionMarks > 1 ? undefined : firstMatch(MULTIPLE_ISSUES, t);
  if (questionMarks > 1 || multiple) {
    warnings.push({
      code: 'more-than-one-issue',
      message: 'This looks like more than one issue. Try one question at a time; the other can wait in the parking lot or get its own session.',
      ...(multiple ? { excerpt: multiple } : {}),
    });
  }

  const words = countWords(t);
  if (words > ISSUE_STATEMENT_MAX_WORDS) {
    warnings.push({
      code: 'too-long',
      message: `This is ${words} words. A short question (${ISSUE_STATEMENT_MAX_WORDS} words or fewer) is easier for everyone to keep in mind.`,
    });
  }

  return warnings;
}

/**
 * The current issue statement: the newest revision. Revisions made on two laptops in the same
 * millisecond fall back to the id, which is time-ordered (UUIDv7), so every device picks the same one.
 */
export function currentIssueStatement<T extends { createdAt: string; id: string }>(revisions: readonly T[]): T | null {
  let newest: T | null = null;
  for (const r of revisions) {
    if (newest === null || r.createdAt > newest.createdAt || (r.createdAt === newest.createdAt && r.id > newest.id)) {
      newest = r;
    }
  }
  return newest;
}
