// Rough "do these say the same thing?" for short captured phrases (interests, criteria). It is a
// prompt for the facilitator, never an automatic merge, so it favours missing a pair over
// suggesting one the room would laugh at: small words are ignored and both phrases must share
// most of what they say.

const STOPWORDS = new Set(
  (
    'a an the and or but of to in on at for with by from as is are was were be been being it its this that these those our ' +
    'we us you your they them their he she his her i me my so than then there here into onto about over under up down out ' +
    'off not no do does did don t doesn isn aren can could would should will shall may might must have has had get gets ' +
    'got getting every each all any some more most much many very just also only even still too when while where who what ' +
    'how why which whose'
  ).split(' '),
);

/** Crude English stemming: enough that "waits", "waiting" and "wait" count as one word. */
function stem(word: string): string {
  if (word.length > 5 && word.endsWith('ing')) return word.slice(0, -3);
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 4 && word.endsWith('ed')) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

/** Phrases taken apart recently: a live board compares the same few hundred phrases after every capture. */
const cache = new Map<string, ReadonlySet<string>>();
const CACHE_LIMIT = 5000;

/** The words that carry a phrase's meaning, lower-cased and stemmed. */
export function contentWords(text: string): ReadonlySet<string> {
  const hit = cache.get(text);
  if (hit) return hit;
  if (cache.size >= CACHE_LIMIT) cache.clear();
  const words = splitWords(text);
  cache.set(text, words);
  return words;
}

function splitWords(text: string): ReadonlySet<string> {
  const words = text
    .toLowerCase()
    .replace(/[\u2018\u2019']/g, '')
    .split(/[^\p{L}\p{N}-]+/u)
    .map((w) => w.replace(/^-+|-+$/g, ''))
    .filter((w) => w.length > 0 && !STOPWORDS.has(w));
  return new Set(words.map(stem));
}

export interface PhraseOverlap {
  /** Dice coefficient of the two sets of content words, 0 to 1. */
  dice: number;
  /** Share of the shorter phrase's content words found in the longer one, 0 to 1. */
  containment: number;
  /** Content words of the shorter phrase. */
  shorter: number;
}

export function phraseOverlap(a: string, b: string): PhraseOverlap {
  return wordsOverlap(contentWords(a), contentWords(b));
}

/** phraseOverlap on content words already taken apart (a list compares each phrase many times). */
export function wordsOverlap(x: ReadonlySet<string>, y: ReadonlySet<string>): PhraseOverlap {
  if (x.size === 0 || y.size === 0) return { dice: 0, containment: 0, shorter: 0 };
  let common = 0;
  for (const w of x) if (y.has(w)) common += 1;
  const shorter = Math.min(x.size, y.size);
  return { dice: (2 * common) / (x.size + y.size), containment: common / shorter, shorter };
}

/**
 * Whether two phrases probably say the same thing: most words in common (Dice 0.6 or more), or
 * the shorter one (two content words at least) nearly all inside the longer ("A predictable
 * schedule" inside "A predictable schedule for everyone").
 */
export function probablySamePhrase(a: string, b: string): boolean {
  return sameWords(contentWords(a), contentWords(b));
}

export function sameWords(x: ReadonlySet<string>, y: ReadonlySet<string>): boolean {
  const o = wordsOverlap(x, y);
  return o.dice >= 0.6 || (o.shorter >= 2 && o.containment >= 0.75);
}

/**
 * Looser than probablySamePhrase: the phrases talk about the same thing (two content words in
 * common, and a fair share of each), e.g. the criterion "Every tech gets a 30-minute lunch" and
 * the interest "Staff get an uninterrupted 30-minute lunch".
 */
export function relatedPhrases(a: string, b: string): boolean {
  const x = contentWords(a);
  const y = contentWords(b);
  let common = 0;
  for (const w of x) if (y.has(w)) common += 1;
  return common >= 2 && (2 * common) / (x.size + y.size) >= 0.4;
}
