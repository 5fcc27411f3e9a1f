// Live checks on a RIM aim statement as the team types it. KP's own review counted a goal SMART when
// it had a measure, a target level and a target date; these heuristics look for exactly those three
// parts. They are hints for the facilitator, never a gate: a team can save any aim. Aims are read
// in English, and in Spanish too when the team works in Spanish (aimSpanish.ts); the hints are
// written in the language of the words given.
import { SPANISH_AIM } from './aimSpanish';
import type { RimWords } from './words';

export type AimPartName = 'measure' | 'targetValue' | 'targetDate';

export interface AimPart {
  present: boolean;
  /** The words that satisfied the check, for highlighting; null when missing. */
  found: string | null;
  /** What to add when missing, or what was recognised when present. */
  message: string;
}

export interface AimCheck {
  measure: AimPart;
  targetValue: AimPart;
  targetDate: AimPart;
  /** All three parts are present. */
  smart: boolean;
  /** The parts still missing, in the order a facilitator would ask for them. */
  missing: AimPartName[];
  /** One friendly line per missing part; a single encouraging line when nothing is missing. */
  messages: string[];
}

const AIM_PARTS: readonly AimPartName[] = ['measure', 'targetValue', 'targetDate'];

/** What to add for each missing part, in the words given. */
export const aimMessages = ({ t }: RimWords): Record<AimPartName, string> => ({
  measure: t('aim.add.measure'),
  targetValue: t('aim.add.targetValue'),
  targetDate: t('aim.add.targetDate'),
});

const MONTH = String.raw`(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`;
const YEAR = String.raw`(?:19|20)\d{2}`;
const NUMBER_WORD = String.raw`(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|eighteen|twenty-four)`;
const BY = String.raw`(?:by|before|until|till|through|thru|in|during|no later than|at the end of|by the end of|by end of|end of|for)`;

/**
 * Target-date patterns, most specific first. Each match is blanked out before numbers are looked
 * for, so "June 30, 2027" is never mistaken for a target value of 30 or 2027.
 */
const DATE_PATTERNS: RegExp[] = [
  // 2027-06-30, 6/30/2027, 6/30/27
  /\b\d{4}-\d{1,2}-\d{1,2}\b/gi,
  /\b\d{1,2}\/\d{1,2}\/(?:\d{4}|\d{2})\b/gi,
  // June 30, 2027 / 30 June 2027 / June 2027 / Jun '27
  new RegExp(String.raw`\b${MONTH}\s+\d{1,2}(?:st|nd|rd|th)?,?\s+${YEAR}\b`, 'gi'),
  new RegExp(String.raw`\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?${MONTH},?\s+${YEAR}\b`, 'gi'),
  new RegExp(String.raw`\b${MONTH},?\s+(?:${YEAR}|'\d{2})\b`, 'gi'),
  // 06/2027 (month/year)
  new RegExp(String.raw`\b(?:0?[1-9]|1[0-2])\/${YEAR}\b`, 'gi'),
  // Q3 2027, Q3 FY27, third quarter of 2027, FY2027, FY 27
  new RegExp(String.raw`\bQ[1-4]\s*(?:of\s+)?(?:FY\s*)?(?:${YEAR}|'?\d{2})\b`, 'gi'),
  new RegExp(String.raw`\b(?:first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter\s+(?:of\s+)?(?:FY\s*)?(?:${YEAR}|'?\d{2})\b`, 'gi'),
  new RegExp(String.raw`\bFY\s*(?:${YEAR}|\d{2})\b`, 'gi'),
  // by June 30 / by June / by end of Q3 / by the end of the year / by year-end
  new RegExp(String.raw`\b${BY}\s+(?:the\s+)?${MONTH}(?:\s+\d{1,2}(?:st|nd|rd|th)?)?\b`, 'gi'),
  new RegExp(String.raw`\b${BY}\s+(?:the\s+)?(?:Q[1-4]|(?:first|second|third|fourth)\s+quarter)\b`, 'gi'),
  /\b(?:by|before|at)\s+(?:the\s+)?(?:end\s+of\s+(?:the\s+)?(?:(?:calendar|fiscal)\s+)?(?:year|quarter|month)|year[-\s]?end|quarter[-\s]?end|month[-\s]?end)\b/gi,
  // by 2027 / in 2027 / end of 2027
  new RegExp(String.raw`\b${BY}\s+(?:the\s+)?(?:(?:calendar|fiscal)\s+year\s+)?${YEAR}\b`, 'gi'),
  // within 6 months / in the next 90 days / over the next two quarters; not "within 3 days of discharge"
  new RegExp(
    String.raw`\b(?:within|in|over|during)\s+(?:the\s+)?(?:next\s+|coming\s+)?${NUMBER_WORD}\s+(?:day|week|month|quarter|year)s?\b(?!\s+(?:of|after|from|before)\b)`,
    'gi',
  ),
  /\bwithin\s+(?:a|one|the\s+next)\s+(?:year|quarter|month)\b(?!\s+(?:of|after|from|before)\b)/gi,
];

const NUM = String.raw`(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+`;

/** Target-value patterns, checked on the aim with dates blanked out. */
const VALUE_PATTERNS: RegExp[] = [
  // from 12% to 6%, from 45 to 30 minutes
  new RegExp(String.raw`\bfrom\s+(?:${NUM})\s*%?[^.;]{0,40}?\bto\s+(?:${NUM}|zero)\b\s*%?`, 'gi'),
  // 90%, 12.5 percent, 10 percentage points
  new RegExp(String.raw`(?:${NUM})\s*(?:%|percent\b|per\s+cent\b|percentage\s+points?\b)`, 'gi'),
  // to 30 minutes, below 5, at least 95, fewer than 3, by 20 minutes, to zero
  new RegExp(
    String.raw`\b(?:to|below|under|above|over|at\s+least|at\s+most|at\s+or\s+(?:below|above)|(?:no\s+)?(?:fewer|less|more|greater|lower|higher)\s+than|reach(?:ing)?|target\s+of|goal\s+of|by|within|of|maintain(?:ing)?|sustain(?:ing)?|achieve|achieving)\s+(?:${NUM}|zero|one|two|three|four|five|six|seven|eight|nine|ten)\b`,
    'gi',
  ),
  // 3 or fewer falls, 95 or higher
  new RegExp(String.raw`(?:${NUM})\s+or\s+(?:fewer|less|more|better|higher|lower|above|below)\b`, 'gi'),
  // zero falls, cut in half, double the number of
  /\b(?:zero|no)\s+(?:preventable\s+|patient\s+|hospital[-\s]acquired\s+)?(?:falls|errors|injuries|infections|incidents|events|defects|harm|complaints|readmissions)\b/gi,
  /\b(?:by|in)\s+half\b|\bhalve\b|\b(?:double|triple)\b/gi,
];

const CHANGE_VERB = String.raw`(?:reduce|reducing|decrease|decreasing|lower|lowering|cut|cutting|increase|increasing|raise|raising|improve|improving|grow|growing|boost|boosting|shorten|shortening|eliminate|eliminating|achieve|achieving|maintain|maintaining|sustain|sustaining|reach|reaching)`;
const STOP = new Set(['the', 'our', 'a', 'an', 'all', 'its', 'their', 'this', 'that', 'it', 'things', 'stuff', 'performance', 'results', 'outcomes']);

/** Words that name something countable or timed; one of them is enough to count as a measure. */
const MEASURE_NOUNS =
  /\b(?:rate|rates|percentage|proportion|number of|count of|score|scores|time|times|wait|waits|turnaround|length of stay|minutes|hours|falls|infections|errors|readmissions|satisfaction|compliance|injuries|injury|visits|calls|no-shows|no shows|cost|costs|spend|spending|overtime|days|incidents|complaints|returns|cancellations|delays|delay|completion|completed|adherence|utilization|throughput|volume|backlog|claims|referrals|discharges|admissions|sick calls|lost work days|HCAHPS|NPS)\b/i;

function blank(text: string, patterns: RegExp[]): { rest: string; matches: string[] } {
  let rest = text;
  const matches: string[] = [];
  for (const pattern of patterns) {
    rest = rest.replace(pattern, (m) => {
      matches.push(m.trim());
      return ' '.repeat(m.length);
    });
  }
  return { rest, matches };
}

function findMeasure(rest: string): string | null {
  const verbPhrase = new RegExp(
    String.raw`\b${CHANGE_VERB}\s+((?:[a-z][\w'/-]*\s*){1,8}?)(?=\s*(?:\bfrom\b|\bto\b|\bby\b|\bwithin\b|\bbelow\b|\bunder\b|\babove\b|\bat\b|\bfor\b|\bon\b|\bin\b|\bamong\b|\d|%|[,.;:]|$))`,
    'gi',
  );
  for (const m of rest.matchAll(verbPhrase)) {
    const phrase = (m[1] ?? '').trim();
    const words = phrase
      .toLowerCase()
      .split(/\s+/)
      .filter((w) => w && !STOP.has(w));
    if (words.length > 0) return phrase;
  }
  // "90% of discharge summaries signed ..." names what is counted after "of".
  const percentOf = /%\s*of\s+((?:[a-z][\w'/-]*\s*){1,6})/i.exec(rest);
  const counted = percentOf?.[1]?.split(/\b(?:within|by|to|from|in|on|at|for|before)\b/i)[0]?.trim();
  if (counted) return counted;
  const noun = MEASURE_NOUNS.exec(rest);
  return noun ? noun[0] : null;
}

/** How one language writes the parts of an aim: what the checks look for. */
export interface AimPatterns {
  /** Target dates, most specific first; each is blanked out before values are looked for. */
  dates: RegExp[];
  /** A bare year right after these words is a number in a target ("to 2000"), not a date. */
  yearIsValueAfter: RegExp;
  values: RegExp[];
  /** The measure named in the aim (dates blanked out), or null. */
  measure: (rest: string) => string | null;
  /** Staffing-level asks, which RIM does not address. */
  scope: RegExp[];
}

/**
 * Check an aim for the three SMART parts KP counts: a measure (what is counted), a target value (a
 * number with a cue such as "to 30", a percentage, or "from X to Y") and a target date (a date,
 * month/year, quarter, "by year end" or "within 6 months"). A year on its own ("in 2027") is a date,
 * never a target value; "within 3 days of discharge" is a standard (a value), not a deadline.
 */
export function checkAim(text: string, words: RimWords): AimCheck {
  const { t } = words;
  const languages = patternsFor(words);
  const aim = text.replace(/\s+/g, ' ').trim();
  const dates = blank(
    aim,
    languages.flatMap((l) => l.dates),
  );
  // Years that are left (for example "2027 goal") are not target values either.
  const withoutYears = dates.rest.replace(
    new RegExp(String.raw`(?<![\d,.])${YEAR}(?!\d|[,.]\d|\s*(?:%|percent|por\s*ciento))`, 'g'),
    (y, offset: number, whole: string) => (languages.some((l) => l.yearIsValueAfter.test(whole.slice(0, offset))) ? y : ' '.repeat(y.length)),
  );
  const values = blank(
    withoutYears,
    languages.flatMap((l) => l.values),
  );
  const measureFound =
    aim === ''
      ? null
      : (languages
          .map((l) => l.measure(dates.rest))
          .find((m) => m !== null)
          ?.replace(/\s+/g, ' ')
          .trim() ?? null);
  const toAdd = aimMessages(words);

  const part = (name: AimPartName, found: string | null): AimPart =>
    found ? { present: true, found, message: t(`aim.found.${name}`, { found }) } : { present: false, found: null, message: toAdd[name] };

  const found = {
    measure: part('measure', measureFound),
    targetValue: part('targetValue', values.matches[0] ?? null),
    targetDate: part('targetDate', dates.matches[0] ?? null),
  };
  const missing = AIM_PARTS.filter((n) => !found[n].present);
  return {
    ...found,
    smart: missing.length === 0,
    missing,
    messages: missing.length === 0 ? [t('aim.smart')] : missing.map((n) => toAdd[n]),
  };
}

export interface ScopeCheck {
  inScope: boolean;
  /** The words that suggested staffing, as written in the aim. */
  matches: string[];
  /** Where such issues go instead; null when the aim looks in scope. */
  message: string | null;
}

/** Where staffing issues go instead, in the words given. */
export const outOfScopeMessage = ({ t }: RimWords): string => t('aim.outOfScope');

/** People a staffing ask asks for, singular or plural ("another nurse", "more CNAs"). */
const STAFF_NOUN = String.raw`(?:nurses?|RNs?|LVNs?|LPNs?|CNAs?|PCTs?|nursing\s+assistants?|medical\s+assistants?|MAs|aides?|techs?|technicians?|staff(?:ers)?|caregivers?|clerks?|secretar(?:y|ies)|physicians?|doctors?|providers?|hospitalists?|pharmacists?|therapists?|employees?|workers?|personnel|travell?ers|sitters?|transporters?|housekeepers?|scribes?|schedulers?|bodies)`;
/** Asking for more of them: "more", "extra", "another", "two more", "increase the number of". */
const MORE_OF = String.raw`(?:more|extra|additional|another|an?\s+(?:extra|additional|second|third)|(?:one|two|three|four|five|six|\d+)\s+(?:more|extra|additional)|(?:increase|increasing|raise|raising|boost|boosting)\s+(?:the\s+)?(?:number|count)\s+of|higher\s+numbers?\s+of)`;
/** Bringing them in: "add a nurse", "bring on two sitters", "backfill the clerk", "recruit therapists". */
const BRING_IN = String.raw`(?:add|adding|bring\s+(?:in|on)|bringing\s+(?:in|on)|backfill(?:ing)?|replace|replacing|recruit(?:ing)?)\s+(?:(?:a|an|the|our|one|two|three|four|five|\d+|new|more|extra|additional)\s+)?`;
/** Up to two words between the ask and the people ("more night shift nurses"), but not a preposition ("more education for nurses"). */
const QUALIFIERS = String.raw`(?:(?!(?:for|with|by|of|to|from|among|per|and|or|than|on|in|at|the|our|their|who|that)\b)[\w-]+\s+){0,2}?`;
/**
 * After the people, words that make it about something else: what the staff do, feel or learn
 * ("more nurses trained in", "more staff completing the survey", "more nurse time at the bedside",
 * "extra staff huddles"). Those are ordinary RIM aims.
 */
const NOT_A_STAFFING_ASK = String.raw`(?![-\s]+(?:satisfaction|engagement|education|training|trained|input|ideas?|suggestions?|participation|involvement|huddles?|meetings?|morale|recognition|feedback|surveys?|injur(?:y|ies)|retention|turnover|wellness|well-?being|safety|communication|rounding|documentation|knowledge|competenc(?:y|ies)|awareness|buy-in|champions?|leaders?|burnout|vaccinations?|compliance|time|who|that|completing|complete|completed|certified|attending|attend|attended|using|use|reporting|report|participating|participate|engaged|enrolled|vaccinated|screened|educated|aware|satisfied|taking|feeling|knowing|documenting|following|washing|wearing|speaking|get|gets|getting|got|to\s+(?:complete|attend|use|report|take|join|participate|wash|wear|document|follow|speak|get|be|feel|know|learn|understand|recognize|identify|share|give|submit))\b)`;
/** "Train more nurses", "retain more staff": developing or keeping people is in scope, asking for more is not. */
const NOT_AFTER = String.raw`(?<!\b(?:train|training|trained|educate|educating|certify|certifying|teach|teaching|coach|coaching|vaccinate|vaccinating|engage|engaging|involve|involving|recognize|recognizing|support|supporting|retain|retaining|keep|keeping)\s+)`;

const SCOPE_PATTERNS: RegExp[] = [
  /\bstaffing(?:\s+(?:levels?|ratios?|grids?|plans?|matrix))?\b/gi,
  /\bstaff(?:ing)?\s+levels?\b/gi,
  /\bFTEs?\b/gi,
  /\bfull[-\s]time\s+equivalents?\b/gi,
  /\bhead\s?-?counts?\b/gi,
  // "new hire orientation" is about onboarding, not hiring.
  /(?<!\bnew[-\s])\b(?:hire|hires|hiring|hired|rehire|rehiring)\b/gi,
  /\b(?:nurse|staff|caregiver|rn|provider|patient)[-\s]to[-\s](?:patient|nurse|staff|rn|caregiver)s?\s+ratios?\b/gi,
  /\bpatient\s+ratios?\b/gi,
  /\b(?:add(?:ing)?|new|more|fill(?:ing)?|open)\s+(?:\w+\s+)?(?:positions|vacancies)\b/gi,
  // Staffing asks in other words: "we want more nurses", "an extra CNA on nights", "two more techs".
  new RegExp(String.raw`${NOT_AFTER}\b${MORE_OF}\s+${QUALIFIERS}${STAFF_NOUN}\b${NOT_A_STAFFING_ASK}`, 'gi'),
  new RegExp(String.raw`\b${BRING_IN}${QUALIFIERS}${STAFF_NOUN}\b${NOT_A_STAFFING_ASK}`, 'gi'),
  /\b(?:more|extra|additional)\s+(?:help|hands|coverage|bodies|people)\s+(?:on|at|during|for|in)\s+(?:the\s+)?(?:(?:day|night|evening|weekend|holiday|every|each)\s+)?(?:nights?|days?|evenings?|weekends?|holidays?|shifts?|floor|unit|front\s+desk)\b/gi,
  /\bwe\s+(?:want|need|would\s+like|are\s+asking\s+for|ask\s+for)\s+(?:more|extra|additional)\s+(?:help|hands|coverage|bodies|people)\b/gi,
  /\bhands\s+on\s+deck\b/gi,
  /\b(?:under|short)[-\s]?staff(?:ed|ing)\b/gi,
  /\bstaff\s+up\b/gi,
  /\b(?:fully|adequately|properly|appropriately|better|safely)\s+staffed\b/gi,
  /\bratios?\s+of\s+(?:nurses|RNs|staff|caregivers)\s+to\s+patients\b/gi,
];

const ENGLISH_AIM: AimPatterns = {
  dates: DATE_PATTERNS,
  yearIsValueAfter: /\b(?:to|from|below|under|above|than|reach|of)\s+$/i,
  values: VALUE_PATTERNS,
  measure: findMeasure,
  scope: SCOPE_PATTERNS,
};

/** English always; Spanish first where the team works in Spanish (a Spanish-speaking team may still write in English). */
const patternsFor = (words: RimWords): AimPatterns[] => (words.locale === 'es' ? [SPANISH_AIM, ENGLISH_AIM] : [ENGLISH_AIM]);

/**
 * Warn when an aim is about staffing levels, FTEs, headcount, hiring or staffing ratios: RIM is for
 * improving how work is done, and those issues go to the partnership's other channels. Asks in
 * other words count too ("we want more nurses", "an extra CNA on nights", "short-staffed",
 * "increase the number of RNs"). "Staff satisfaction", "staff injuries", "train more nurses" or
 * "more nurse time at the bedside" do not trigger it: they are about how the work is done.
 */
export function checkScope(text: string, words: RimWords): ScopeCheck {
  const spans: { start: number; end: number }[] = [];
  for (const pattern of patternsFor(words).flatMap((l) => l.scope)) {
    for (const m of text.matchAll(pattern)) spans.push({ start: m.index, end: m.index + m[0].length });
  }
  // Overlapping or touching finds are one phrase ("we need more help" + "more help on night shift",
  // "Hire" + "3 more medical assistants").
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: { start: number; end: number }[] = [];
  for (const span of spans) {
    const last = merged.at(-1);
    if (last && (span.start < last.end || text.slice(last.end, span.start).trim() === '')) last.end = Math.max(last.end, span.end);
    else merged.push({ ...span });
  }
  // Each wording once: "hire ... hire" is listed once, "staffing" once beside "staffing grid".
  const matches: string[] = [];
  for (const { start, end } of merged) {
    const phrase = text.slice(start, end);
    const key = phrase.toLowerCase();
    if (!matches.some((m) => m.toLowerCase().includes(key))) matches.push(phrase);
  }
  return matches.length ? { inScope: false, matches, message: outOfScopeMessage(words) } : { inScope: true, matches: [], message: null };
}
