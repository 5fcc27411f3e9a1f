import type { Side } from '../model/common';
import { SOLUTION_ANYWHERE } from './issueStatement';
import { contentWords, sameWords } from './similarity';

// Prompts for IBPS step 2. An interest is the need or concern underneath; a position is a
// proposed solution. People in the room say positions all the time, and the recorder writes them
// down as said: these prompts only help the facilitator notice one and ask "why is that
// important?". They never block or reword anything.

const re = (source: string) => new RegExp(source, 'i');

const OTHERS = 'management|leadership|administration|the union|unions?|they|hr|the hospital|the clinic|managers?|supervisors?';
/** Feelings and abilities are needs: "we should be able to", "staff must feel safe". */
const NOT_A_FIX = '(?!be able\\b|feel\\b|know\\b|understand\\b|trust\\b|have a say\\b)';

/** Shapes of a solution stated as if it were a need. */
const POSITION_WORDING: readonly RegExp[] = [
  // An instruction: "Hire a float tech", "Close the window 12:30 to 1", "Stop cancelling PTO".
  re(
    '^(?:please\\s+)?(?:hire|fire|buy|purchase|install|add|cut|stop|ban|eliminate|remove|replace|cancel|close|outsource|mandate|require|allow|let|give|pay|switch|move|bring back|restore|get rid of)\\b',
  ),
  // "Management should post the schedule", "They must approve overtime", "We should rotate".
  re(`\\b(?:${OTHERS}|we|you)\\s+(?:should|must|ought to)\\s+${NOT_A_FIX}`),
  // "We need to cover the window" is a concern; "management needs to" tells the other side what to do.
  re(`\\b(?:${OTHERS})\\s+(?:needs? to|ha(?:s|ve) to)\\s+${NOT_A_FIX}`),
  re('\\bthere\\s+(?:should|must|needs? to|has to|ought to)\\s+be\\b'),
  re(
    '\\b(?:we|they)\\s+(?:need|want)\\s+(?:a|an|another|two|three|more)\\s+(?:[\\w-]+\\s+){0,2}(?:float|nurse|tech|scribe|clerk|scanner|printer|machine|computer|position|fte)s?\\b',
  ),
];

export interface PositionHint {
  /** The words that sound like a solution. */
  excerpt: string;
  message: string;
}

/**
 * A gentle prompt when a captured interest reads like a position (a solution someone wants), so
 * the facilitator can ask what it would accomplish. Null when it reads like a need or concern.
 */
const hints = new Map<string, PositionHint | null>();

export function positionHint(text: string): PositionHint | null {
  // Every row of a long board asks on first render; the answer for a text never changes.
  if (hints.has(text)) return hints.get(text)!;
  if (hints.size >= 5000) hints.clear();
  const hint = findPositionHint(text);
  hints.set(text, hint);
  return hint;
}

function findPositionHint(text: string): PositionHint | null {
  const t = text
    .replace(/[\u2018\u2019\u02BC]/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
  if (!t) return null;
  for (const pattern of [...SOLUTION_ANYWHERE, ...POSITION_WORDING]) {
    const m = pattern.exec(t);
    if (m)
      return {
        excerpt: m[0].trim(),
        message: `“${m[0].trim()}” sounds like a solution. Ask “why is that important?” and capture the need underneath, or flag it as a position.`,
      };
  }
  return null;
}

export interface InterestLike {
  id: string;
  text: string;
  sides: readonly Side[];
  isPosition: boolean;
  position: number;
}

const SIDE_BIT: Record<Side, number> = { management: 1, union: 2, physician: 4 };

export interface SharedSuggestion {
  /** The later interest, said again by another side. */
  interestId: string;
  /** The earlier interest it repeats. */
  matchId: string;
  /** Every side the two hold between them. */
  sides: Side[];
}

/**
 * Interests one side said that another side had already said in other words: the room may want
 * to record one interest held by both (the foundation of a solution). Each later interest is
 * matched with the earliest one it repeats; positions and untagged interests are left out (a
 * position is not yet an interest, and an untagged one has no side to share with).
 */
export function sharedInterestSuggestions(interests: readonly InterestLike[]): SharedSuggestion[] {
  const ordered = [...interests].filter((i) => !i.isPosition && i.sides.length > 0).sort((a, b) => a.position - b.position || a.id.localeCompare(b.id));
  // This runs after every captured interest, on boards of hundreds: sides are compared as a small
  // number (a bit per side), and a phrase is taken apart only for a pair of sides that could share.
  const masks = ordered.map((i) => i.sides.reduce((m, s) => m | SIDE_BIT[s], 0));
  const suggestions: SharedSuggestion[] = [];
  ordered.forEach((later, index) => {
    const mine = masks[index]!;
    for (let j = 0; j < index; j++) {
      const theirs = masks[j]!;
      // Only another side's interest can be shared: each holds a side the other does not.
      if ((theirs & ~mine) === 0 || (mine & ~theirs) === 0) continue;
      const earlier = ordered[j]!;
      if (!sameWords(contentWords(earlier.text), contentWords(later.text))) continue;
      suggestions.push({ interestId: later.id, matchId: earlier.id, sides: [...new Set([...earlier.sides, ...later.sides])] });
      break;
    }
  });
  return suggestions;
}
