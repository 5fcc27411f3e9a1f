import { addMinutes, parseISO } from 'date-fns';
import { formatDate as formatIn } from '../i18n/format';
import { SIDES, type Side } from '../model/common';
import type { AgendaItem, Attendance, Meeting } from '../model/meeting';
import type { BodyKind, ConsensusMethod, Person, Quorum } from '../model/roster';
import type { SessionContent, ActionItem, ParkingLotItem, PlusDelta } from '../model/ibps';
import { evaluateQuorum } from '../roster/quorum';
import { CONSENSUS_METHODS, evaluateConsensusTest } from '../ibps/consensus';
import { buildCoverage, buildEvaluationMatrix, isSharedInterest, sidesOf, standingOptions } from '../ibps/matrix';
import { bold, italic, leadIn, type Block, type Inline } from './blocks';
import { actionItemExportRow, type ActionItemExportRow } from '../actions/csv';
import { improvementBlocks, type ImprovementReview } from './improvement';
import { minutesWords, type MinutesLanguage, type MinutesWords } from './words';

// Builds the minutes of one meeting from what was captured, as format-neutral blocks. Pure: the
// renderer's db layer loads a MinutesSource; the same source always gives the same document.
// Anything not captured is left out rather than printed as an empty heading.

export interface IbpsMinutesSource extends SessionContent {
  /** Members present at the meeting each test was taken in, for its quorum check. */
  presentAt: Record<string, Array<{ side: Side; personId: string | null }>>;
}

export interface MinutesSource {
  meeting: Meeting;
  body: { kind: BodyKind; name: string };
  /** The charter's (or council's) meeting quorum, when known. */
  meetingQuorum: Quorum | null;
  consensusQuorum: Quorum | null;
  consensusMethod: ConsensusMethod;
  members: Person[];
  /** Everyone the record names (members, owners, voters, role holders). */
  people: Person[];
  agenda: AgendaItem[];
  attendance: Attendance[];
  /** The recorder's summary per agenda item id. */
  summaries: Record<string, string>;
  /** IBPS sessions worked on in this meeting, by agenda item id. */
  sessions: Record<string, IbpsMinutesSource>;
  /** Action items agreed at this meeting. */
  actionItems: ActionItem[];
  /** Parking-lot items raised, or answered, at this meeting. */
  parkingLot: ParkingLotItem[];
  plusDeltas: PlusDelta[];
  nextMeeting: Pick<Meeting, 'title' | 'startsAt' | 'location'> | null;
  /** Improvement projects whose PDSA cycles were reviewed at this meeting. */
  improvement?: ImprovementReview[];
}

/**
 * One action item of the CSV export. Versions approved before the owner's side, the measure, the
 * meeting date and the body were exported hold only what, owner, due, status and agreedIn.
 */
export type ActionItemRow = Pick<ActionItemExportRow, 'what' | 'owner' | 'due' | 'status'> & Partial<ActionItemExportRow> & { agreedIn?: string };

export interface MinutesDocument {
  /** e.g. "Minutes: Pharmacy UBT monthly meeting". */
  title: string;
  /** A file-name-friendly stem: "2026-03-14 Pharmacy UBT monthly meeting". */
  fileStem: string;
  /** Everything that is approved: the approval section is rendered after these blocks. */
  blocks: Block[];
  actionItems: ActionItemRow[];
  /** The language it is written in: the meeting's. Versions approved before languages existed are English. */
  language?: MinutesLanguage;
}

/** "Tuesday, December 8, 2026, 9:00 AM to 10:30 AM", in the words' language. */
export const formatMeetingWhen = (m: Pick<Meeting, 'startsAt'> & { durationMinutes?: number }, words: MinutesWords = minutesWords()): string => {
  const day = formatIn(m.startsAt, words.locale, 'longDate');
  const time = formatIn(m.startsAt, words.locale, 'time');
  if (!m.durationMinutes) return words.t('when.start', { day, time });
  const end = addMinutes(parseISO(m.startsAt), m.durationMinutes);
  return words.t('when.span', { day, from: time, to: formatIn(end, words.locale, 'time') });
};

/** A calendar date as the minutes print it: "Mar 14, 2026" in English. */
export const formatDate = (calendarDate: string, words: MinutesWords = minutesWords()): string => words.date(calendarDate);

/** Characters no file system accepts, and trailing dots/spaces Windows drops. */
export const safeFileStem = (text: string): string =>
  text
    // eslint-disable-next-line no-control-regex -- control characters are exactly what must go
    .replace(/[/\\:*?"<>|\u0000-\u001f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[. ]+$/, '')
    .slice(0, 120) || 'minutes';

export function buildMinutesDocument(src: MinutesSource): MinutesDocument {
  const words = minutesWords(src.meeting.language ?? 'en');
  const { t } = words;
  const people = new Map(src.people.map((p) => [p.id, p]));
  const nameOf = (id: string | null | undefined, fallback = ''): string => (id ? (people.get(id)?.name ?? t('unknownPerson')) : fallback);
  const { meeting } = src;
  const blocks: Block[] = [];
  const title = t('title', { title: meeting.title });

  blocks.push({ kind: 'heading', level: 1, text: title });
  const header: Array<[string, string]> = [
    [t(src.body.kind === 'team' ? 'header.team' : 'header.council'), src.body.name],
    [t('header.when'), formatMeetingWhen(meeting, words)],
  ];
  if (meeting.location) header.push([t('header.where'), meeting.location]);
  if (meeting.objective.trim()) header.push([t('header.objective'), meeting.objective.trim()]);
  blocks.push({ kind: 'fields', rows: header });

  const roles = (
    [
      ['facilitator', meeting.facilitatorId],
      ['recorder', meeting.recorderId],
      ['timekeeper', meeting.timekeeperId],
    ] as const
  ).filter(([, id]) => id);
  if (roles.length) {
    blocks.push({ kind: 'heading', level: 2, text: t('roles.heading') });
    blocks.push({ kind: 'fields', rows: roles.map(([role, id]) => [t(`roles.${role}`), nameOf(id)] as const) });
  }

  blocks.push(...attendanceBlocks(src, people, words));
  blocks.push(...agendaBlocks(src, nameOf, words));
  blocks.push(...improvementBlocks(src.improvement ?? [], words));
  blocks.push(...actionItemBlocks(src, nameOf, words));

  const parked = src.parkingLot;
  if (parked.length) {
    blocks.push({ kind: 'heading', level: 2, text: t('parking.heading') });
    blocks.push({
      kind: 'list',
      items: parked.map((p): Inline[] => {
        const resolution = p.resolution.trim();
        const status =
          p.status === 'answered'
            ? resolution
              ? t('parking.answeredWith', { resolution })
              : t('parking.answered')
            : p.status === 'scheduled'
              ? t('parking.scheduled')
              : t('parking.open');
        return [p.text, italic(status)];
      }),
    });
  }

  const plus = src.plusDeltas.filter((p) => p.kind === 'plus');
  const delta = src.plusDeltas.filter((p) => p.kind === 'delta');
  if (plus.length || delta.length) {
    blocks.push({ kind: 'heading', level: 2, text: t('plusDelta.heading') });
    blocks.push({
      kind: 'table',
      header: [t('plusDelta.plus'), t('plusDelta.delta')],
      rows: zipColumns(
        plus.map((p) => p.text),
        delta.map((d) => d.text),
      ),
    });
  }

  if (src.nextMeeting) {
    blocks.push({ kind: 'heading', level: 2, text: t('next.heading') });
    const rows: Array<[string, string]> = [
      [t('next.meeting'), src.nextMeeting.title],
      [t('header.when'), formatMeetingWhen(src.nextMeeting, words)],
    ];
    if (src.nextMeeting.location) rows.push([t('header.where'), src.nextMeeting.location]);
    blocks.push({ kind: 'fields', rows });
  }

  const rows = src.actionItems.map((a): ActionItemRow => {
    const owner = a.ownerId ? people.get(a.ownerId) : undefined;
    return actionItemExportRow(
      a,
      {
        owner: owner ? { name: owner.name, side: owner.side } : a.ownerId ? { name: t('unknownPerson'), side: null } : null,
        meeting,
        body: src.body.name,
      },
      words,
    );
  });
  return {
    title,
    fileStem: safeFileStem(`${meeting.startsAt.slice(0, 10)} ${meeting.title}`),
    blocks,
    actionItems: rows,
    language: words.language,
  };
}

function zipColumns(left: string[], right: string[]): string[][] {
  return Array.from({ length: Math.max(left.length, right.length) }, (_, i) => [left[i] ?? '', right[i] ?? '']);
}

const personLabel = (p: Person, { t }: MinutesWords) =>
  p.side === 'union' && (p.union || p.local)
    ? t('attendance.unionMember', { name: p.name, union: [p.union, p.local && t('attendance.local', { local: p.local })].filter(Boolean).join(', ') })
    : p.name;

function attendanceBlocks(src: MinutesSource, people: Map<string, Person>, words: MinutesWords): Block[] {
  const { t } = words;
  const rows = src.attendance;
  if (rows.length === 0) return [];
  const present = rows
    .filter((a) => a.status === 'present' && a.personId)
    .map((a) => people.get(a.personId!))
    .filter((p): p is Person => Boolean(p));
  const absent = rows
    .filter((a) => a.status === 'absent' && a.personId)
    .map((a) => people.get(a.personId!))
    .filter((p): p is Person => Boolean(p));
  const guests = rows.filter((a) => !a.personId && a.guestName && a.status === 'present');
  const blocks: Block[] = [{ kind: 'heading', level: 2, text: t('attendance.heading') }];
  const sides = SIDES.filter((s) => present.some((p) => p.side === s) || absent.some((p) => p.side === s));
  const byName = (a: Person, b: Person) => a.name.localeCompare(b.name);
  const names = (list: Person[], side: Side) =>
    list
      .filter((p) => p.side === side)
      .sort(byName)
      .map((p) => personLabel(p, words))
      .join('; ') || t('attendance.none');
  blocks.push({
    kind: 'table',
    header: [t('attendance.side'), t('attendance.present'), t('attendance.absent')],
    rows: sides.map((side) => [t(`side.${side}`), names(present, side), names(absent, side)]),
  });
  if (guests.length) {
    blocks.push({
      kind: 'fields',
      rows: [
        [
          t('attendance.guests'),
          guests.map((g) => (g.guestSide ? t('attendance.guest', { name: g.guestName, side: t(`side.${g.guestSide}`) }) : g.guestName)).join('; '),
        ],
      ],
    });
  }
  if (src.meetingQuorum) {
    const quorum = src.meetingQuorum;
    const q = evaluateQuorum(quorum, { members: src.members, present: present.filter((p) => src.members.some((m) => m.id === p.id)) });
    const bySide = q.bySide
      .filter((s) => s.members > 0)
      .map((s) => t('attendance.quorumSide', { side: t(`side.${s.side}`), present: s.present, members: s.members }))
      .join(', ');
    const content: Inline[] = [
      bold(t(q.met ? 'attendance.quorumMet' : 'attendance.quorumNotMet')),
      t('attendance.quorumCounts', { present: q.present, members: q.members, required: q.requiredTotal, bySide }),
    ];
    if (!q.met) {
      // The same shortfalls evaluateQuorum lists, said in the minutes' language.
      const shortfalls = [
        ...(q.totalMet
          ? []
          : [t('attendance.shortTotal', { present: q.present, members: q.members, percent: quorum.percentOfMembers, required: q.requiredTotal })]),
        ...q.bySide.filter((s) => !s.met).map((s) => t('attendance.shortSide', { side: s.side, present: s.present, required: s.required })),
      ];
      if (shortfalls.length) content.push(` ${shortfalls.join(' ')}`);
    }
    blocks.push({ kind: 'paragraph', content });
  }
  return blocks;
}

function agendaBlocks(src: MinutesSource, nameOf: (id: string | null) => string, words: MinutesWords): Block[] {
  const { t } = words;
  if (src.agenda.length === 0) return [];
  const blocks: Block[] = [{ kind: 'heading', level: 2, text: t('agenda.heading') }];
  src.agenda.forEach((item, index) => {
    blocks.push({ kind: 'heading', level: 3, text: t('agenda.item', { number: index + 1, title: item.title }) });
    const fields: Array<[string, string]> = [[t('agenda.type'), t(`agenda.types.${item.type}`)]];
    if (item.presenter) fields.push([t('agenda.presenter'), item.presenter]);
    blocks.push({ kind: 'fields', rows: fields });
    const summary = src.summaries[item.id]?.trim();
    const outcome = item.type === 'decision' || item.type === 'information' ? t(`agenda.outcome.${item.type}`) : t('agenda.summary');
    if (summary) blocks.push(...paragraphs(summary, outcome, words));
    if (item.notes.trim()) blocks.push(...paragraphs(item.notes.trim(), t('agenda.notes'), words));
    const session = src.sessions[item.id];
    if (session) blocks.push(...ibpsBlocks(src, session, nameOf, words));
  });
  return blocks;
}

/** Multi-line text as paragraphs; the first one is labelled. */
function paragraphs(text: string, label: string, { t }: MinutesWords): Block[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p, i): Block => ({ kind: 'paragraph', content: i === 0 ? [bold(t('colon', { label })), p] : [p] }));
}

function ibpsBlocks(src: MinutesSource, s: IbpsMinutesSource, nameOf: (id: string | null) => string, words: MinutesWords): Block[] {
  const { t } = words;
  const side = (x: Side) => t(`side.${x}`);
  const blocks: Block[] = [];
  const bodySides = sidesOf(src.members);
  const issue = s.revisions.at(-1)?.text;
  if (issue) {
    blocks.push({ kind: 'heading', level: 4, text: t('ibps.issue') });
    blocks.push({ kind: 'paragraph', content: [issue] });
    // How the group got to a neutral question is part of the record: each earlier wording, oldest first.
    const earlier = s.revisions.slice(0, -1).filter((r) => r.text.trim() && r.text.trim() !== issue.trim());
    if (earlier.length) {
      blocks.push(leadIn(bold(t('ibps.earlier'))));
      blocks.push({ kind: 'list', items: earlier.map((r) => [r.text.trim()]) });
    }
  }

  const interests = s.interests.filter((i) => !i.isPosition);
  const positions = s.interests.filter((i) => i.isPosition);
  if (interests.length || positions.length) {
    blocks.push({ kind: 'heading', level: 4, text: t('ibps.interests') });
    const shared = interests.filter((i) => isSharedInterest(i, bodySides));
    // An interest drawn out of a position keeps the position's words: the speaker sees they were heard.
    const fromPosition = (i: (typeof interests)[number]): Inline[] =>
      i.convertedFromPosition.trim() ? [italic(t('ibps.fromPosition', { position: i.convertedFromPosition.trim() }))] : [];
    if (shared.length) {
      blocks.push(leadIn(bold(t('ibps.shared'))));
      blocks.push({ kind: 'list', items: shared.map((i) => [i.text, ...fromPosition(i)]) });
    }
    for (const own of SIDES) {
      const mine = interests.filter((i) => i.sides.includes(own) && !isSharedInterest(i, bodySides));
      if (!mine.length) continue;
      blocks.push(leadIn(bold(t('ibps.sideInterests', { side: own }))));
      blocks.push({
        kind: 'list',
        items: mine.map((i) => [
          i.text,
          ...fromPosition(i),
          ...(i.sides.length > 1
            ? [
                italic(
                  t('ibps.also', {
                    sides: i.sides
                      .filter((x) => x !== own)
                      .map(side)
                      .join(', '),
                  }),
                ),
              ]
            : []),
        ]),
      });
    }
    const untagged = interests.filter((i) => i.sides.length === 0);
    if (untagged.length) {
      blocks.push(leadIn(bold(t('ibps.untagged'))));
      blocks.push({ kind: 'list', items: untagged.map((i) => [i.text, ...fromPosition(i)]) });
    }
    const converted = interests.filter((i) => i.convertedFromPosition.trim());
    if (converted.length) {
      blocks.push(leadIn(bold(t('ibps.converted'))));
      blocks.push({ kind: 'list', items: converted.map((i) => [t('ibps.quoted', { text: i.convertedFromPosition.trim() }), italic(' → '), i.text]) });
    }
    if (positions.length) {
      blocks.push(leadIn(bold(t('ibps.positions'))));
      blocks.push({ kind: 'list', items: positions.map((i) => [i.text]) });
    }
  }

  const standing = standingOptions(s.options);
  if (standing.length) {
    blocks.push({ kind: 'heading', level: 4, text: t('ibps.options') });
    const merged = s.options.filter((o) => !standing.includes(o));
    blocks.push({
      kind: 'list',
      ordered: true,
      items: standing.map((o) => {
        const parts: Inline[] = [o.text];
        if (o.shortlisted) parts.push(bold(t('ibps.shortlisted')));
        const into = merged.filter((m) => m.mergedIntoId === o.id);
        if (into.length) parts.push(italic(t('ibps.mergedWith', { options: into.map((m) => m.text).join('; ') })));
        return parts;
      }),
    });
  }

  if (s.criteria.length) {
    blocks.push({ kind: 'heading', level: 4, text: t('ibps.criteria') });
    const reason = s.session.criteriaOverrideReason.trim();
    const agreed = s.session.criteriaAgreedAt ? t('ibps.criteriaAgreed') : reason ? t('ibps.criteriaOverride', { reason }) : t('ibps.criteriaNotAgreed');
    blocks.push({ kind: 'paragraph', content: [italic(agreed)] });
    blocks.push({ kind: 'list', ordered: true, items: [...s.criteria].sort((a, b) => a.position - b.position).map((c) => [c.text]) });
  }

  const matrix = buildEvaluationMatrix({ options: s.options, criteria: s.criteria, evaluations: s.evaluations });
  const rated = matrix.rows.filter((r) => r.counts.unrated < r.cells.length);
  if (rated.length && matrix.criteria.length) {
    blocks.push({ kind: 'heading', level: 4, text: t('ibps.evaluation') });
    blocks.push({
      kind: 'table',
      header: [t('ibps.option'), ...matrix.criteria.map((c) => c.text)],
      rows: rated.map((r) => [
        r.option.text + (r.option.shortlisted ? t('ibps.shortlisted') : ''),
        ...r.cells.map((c) => {
          if (!c.rating) return '';
          const rating = t(`ibps.rating.${c.rating}`);
          return c.note ? t('ibps.ratingWithNote', { rating, note: c.note }) : rating;
        }),
      ]),
    });
  }
  const cov = buildCoverage({ options: s.options, interests: s.interests, coverage: s.coverage, bodySides });
  const covered = cov.rows.filter((r) => r.coveredInterestIds.length > 0);
  if (covered.length) {
    blocks.push(leadIn(bold(t('ibps.coverage'))));
    blocks.push({
      kind: 'table',
      header: [t('ibps.option'), t('ibps.interestsSatisfied'), t('ibps.sharedInterests')],
      rows: covered.map((r) => [
        r.option.text,
        t('ibps.outOf', { count: r.coveredInterestIds.length, total: cov.interests.length }),
        t('ibps.outOf', { count: r.coveredShared, total: cov.sharedInterestIds.length }),
      ]),
    });
  }

  const tests = s.tests.filter((x) => x.test.meetingId === src.meeting.id);
  if (tests.length) {
    blocks.push({ kind: 'heading', level: 4, text: t('ibps.consensus') });
    const numberOf = new Map(s.tests.map((x) => [x.test.id, x.test.number]));
    for (const { test, votes, tallies, concerns } of tests) {
      const method = CONSENSUS_METHODS[test.method];
      const result = evaluateConsensusTest({
        method: test.method,
        votes,
        tallies,
        concerns,
        members: src.members,
        present: s.presentAt[test.meetingId] ?? [],
        quorum: src.consensusQuorum ?? { percentOfMembers: 0, minPerSide: { management: 0, union: 0, physician: 0 } },
      });
      const lead = test.modifiedFromTestId
        ? t('ibps.testModifies', { number: test.number, from: String(numberOf.get(test.modifiedFromTestId) ?? '?') })
        : t('ibps.test', { number: test.number });
      blocks.push(leadIn(bold(lead), test.proposal));
      const outcome = test.outcome === 'consensus' || test.outcome === 'no-consensus' || test.outcome === 'no-quorum' ? test.outcome : 'open';
      blocks.push({
        kind: 'fields',
        rows: [
          [t('ibps.method'), t(`ibps.methods.${test.method}`)],
          [t('ibps.result'), t(`ibps.outcome.${outcome}`)],
        ],
      });
      const sides = SIDES.filter((x) => result.breakdownBySide[x] && Object.values(result.breakdownBySide[x]).some((n) => n > 0));
      if (sides.length) {
        blocks.push({
          kind: 'table',
          header: [t('attendance.side'), ...method.values.map((v) => t(`ibps.votes.${test.method}.${v.value}`))],
          rows: sides.map((x) => [side(x), ...method.values.map((v) => String(result.breakdownBySide[x][v.value] ?? 0))]),
        });
      }
      const stated = concerns.filter((c) => c.text.trim());
      if (stated.length) {
        blocks.push(leadIn(bold(t('ibps.concerns'))));
        blocks.push({
          kind: 'list',
          items: stated.map((c) => {
            const who = c.personId ? nameOf(c.personId) : c.side ? side(c.side) : '';
            return who ? [t('colon', { label: who }), c.text] : [c.text];
          }),
        });
      }
    }
  }

  const decisions = s.decisions.filter((d) => d.meetingId === null || d.meetingId === src.meeting.id);
  for (const d of decisions) {
    blocks.push({ kind: 'heading', level: 4, text: t(d.outcome === 'consensus' ? 'ibps.decision' : 'ibps.notReached') });
    blocks.push({ kind: 'paragraph', content: [d.text] });
    if (d.dissent.trim()) blocks.push({ kind: 'paragraph', content: [bold(t('ibps.dissent')), d.dissent.trim()] });
    if (d.outcome === 'failed') {
      blocks.push({
        kind: 'paragraph',
        content: [bold(t('ibps.escalated')), t(`ibps.escalation.${d.escalatedTo ?? 'unsettled'}`)],
      });
    }
  }
  return blocks;
}

function actionItemBlocks(src: MinutesSource, nameOf: (id: string | null, fallback?: string) => string, words: MinutesWords): Block[] {
  const { t } = words;
  if (src.actionItems.length === 0) return [];
  // Rows stored before the measure existed have none; the column shows only when one is set.
  const measureOf = (a: ActionItem) => (a.measure ?? '').trim();
  const withMeasure = src.actionItems.some((a) => measureOf(a));
  return [
    { kind: 'heading', level: 2, text: t('actions.heading') },
    {
      kind: 'table',
      header: [t('actions.what'), t('actions.owner'), t('actions.due'), t('actions.status'), ...(withMeasure ? [t('actions.measure')] : [])],
      rows: src.actionItems.map((a) => [
        a.what,
        nameOf(a.ownerId, t('actions.unassigned')),
        a.dueDate ? words.date(a.dueDate) : '',
        t(`actions.statuses.${a.status}`),
        ...(withMeasure ? [measureOf(a)] : []),
      ]),
    },
  ];
}
