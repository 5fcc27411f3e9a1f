import { format, parseISO, addMinutes } from 'date-fns';
import { SIDE_LABELS, SIDES, type Side } from '../model/common';
import { AGENDA_ITEM_TYPE_LABELS, type AgendaItem, type Attendance, type Meeting } from '../model/meeting';
import { CONSENSUS_METHOD_LABELS, type BodyKind, type ConsensusMethod, type Person, type Quorum } from '../model/roster';
import {
  ACTION_ITEM_STATUS_LABELS,
  ESCALATION_LABELS,
  type SessionContent,
  EVALUATION_RATING_LABELS,
  type ActionItem,
  type ParkingLotItem,
  type PlusDelta,
} from '../model/ibps';
import { evaluateQuorum } from '../roster/quorum';
import { CONSENSUS_METHODS, evaluateConsensusTest } from '../ibps/consensus';
import { buildCoverage, buildEvaluationMatrix, isSharedInterest, sidesOf, standingOptions } from '../ibps/matrix';
import { bold, italic, leadIn, type Block, type Inline } from './blocks';
import { actionItemExportRow, type ActionItemExportRow } from '../actions/csv';
import { improvementBlocks, type ImprovementReview } from './improvement';

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
}

const TYPE_OUTCOME_LABEL: Partial<Record<AgendaItem['type'], string>> = { decision: 'Decision', information: 'Information shared' };

export const formatMeetingWhen = (m: Pick<Meeting, 'startsAt'> & { durationMinutes?: number }): string => {
  const start = parseISO(m.startsAt);
  const day = format(start, 'EEEE, MMMM d, yyyy');
  if (!m.durationMinutes) return `${day}, ${format(start, 'h:mm a')}`;
  return `${day}, ${format(start, 'h:mm a')} to ${format(addMinutes(start, m.durationMinutes), 'h:mm a')}`;
};

export const formatDate = (calendarDate: string): string => format(parseISO(calendarDate), 'MMM d, yyyy');

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
  const people = new Map(src.people.map((p) => [p.id, p]));
  const nameOf = (id: string | null | undefined, fallback = ''): string => (id ? (people.get(id)?.name ?? 'Unknown person') : fallback);
  const { meeting } = src;
  const blocks: Block[] = [];
  const title = `Minutes: ${meeting.title}`;

  blocks.push({ kind: 'heading', level: 1, text: title });
  const header: Array<[string, string]> = [
    [src.body.kind === 'team' ? 'Team' : 'Council', src.body.name],
    ['When', formatMeetingWhen(meeting)],
  ];
  if (meeting.location) header.push(['Where', meeting.location]);
  if (meeting.objective.trim()) header.push(['Objective', meeting.objective.trim()]);
  blocks.push({ kind: 'fields', rows: header });

  const roles = (
    [
      ['Facilitator', meeting.facilitatorId],
      ['Recorder', meeting.recorderId],
      ['Timekeeper', meeting.timekeeperId],
    ] as const
  ).filter(([, id]) => id);
  if (roles.length) {
    blocks.push({ kind: 'heading', level: 2, text: 'Roles' });
    blocks.push({ kind: 'fields', rows: roles.map(([label, id]) => [label, nameOf(id)] as const) });
  }

  blocks.push(...attendanceBlocks(src, people));
  blocks.push(...agendaBlocks(src, nameOf));
  blocks.push(...improvementBlocks(src.improvement ?? []));
  blocks.push(...actionItemBlocks(src, nameOf));

  const parked = src.parkingLot;
  if (parked.length) {
    blocks.push({ kind: 'heading', level: 2, text: 'Parking lot' });
    blocks.push({
      kind: 'list',
      items: parked.map((p): Inline[] => {
        const status =
          p.status === 'answered'
            ? `answered${p.resolution.trim() ? `: ${p.resolution.trim()}` : ''}`
            : p.status === 'scheduled'
              ? 'scheduled for a later meeting'
              : 'open, carried forward';
        return [p.text, italic(` (${status})`)];
      }),
    });
  }

  const plus = src.plusDeltas.filter((p) => p.kind === 'plus');
  const delta = src.plusDeltas.filter((p) => p.kind === 'delta');
  if (plus.length || delta.length) {
    blocks.push({ kind: 'heading', level: 2, text: 'Meeting evaluation (plus/delta)' });
    blocks.push({
      kind: 'table',
      header: ['Plus: what went well', 'Delta: what to change'],
      rows: zipColumns(
        plus.map((p) => p.text),
        delta.map((d) => d.text),
      ),
    });
  }

  if (src.nextMeeting) {
    blocks.push({ kind: 'heading', level: 2, text: 'Next meeting' });
    const rows: Array<[string, string]> = [
      ['Meeting', src.nextMeeting.title],
      ['When', formatMeetingWhen(src.nextMeeting)],
    ];
    if (src.nextMeeting.location) rows.push(['Where', src.nextMeeting.location]);
    blocks.push({ kind: 'fields', rows });
  }

  const rows = src.actionItems.map((a): ActionItemRow => {
    const owner = a.ownerId ? people.get(a.ownerId) : undefined;
    return actionItemExportRow(a, {
      owner: owner ? { name: owner.name, side: owner.side } : a.ownerId ? { name: 'Unknown person', side: null } : null,
      meeting,
      body: src.body.name,
    });
  });
  return { title, fileStem: safeFileStem(`${meeting.startsAt.slice(0, 10)} ${meeting.title}`), blocks, actionItems: rows };
}

function zipColumns(left: string[], right: string[]): string[][] {
  return Array.from({ length: Math.max(left.length, right.length) }, (_, i) => [left[i] ?? '', right[i] ?? '']);
}

const personLabel = (p: Person) =>
  p.side === 'union' && (p.union || p.local) ? `${p.name} (${[p.union, p.local && `Local ${p.local}`].filter(Boolean).join(', ')})` : p.name;

function attendanceBlocks(src: MinutesSource, people: Map<string, Person>): Block[] {
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
  const blocks: Block[] = [{ kind: 'heading', level: 2, text: 'Attendance' }];
  const sides = SIDES.filter((s) => present.some((p) => p.side === s) || absent.some((p) => p.side === s));
  const byName = (a: Person, b: Person) => a.name.localeCompare(b.name);
  blocks.push({
    kind: 'table',
    header: ['Side', 'Present', 'Absent'],
    rows: sides.map((side) => [
      SIDE_LABELS[side],
      present
        .filter((p) => p.side === side)
        .sort(byName)
        .map(personLabel)
        .join('; ') || 'None',
      absent
        .filter((p) => p.side === side)
        .sort(byName)
        .map(personLabel)
        .join('; ') || 'None',
    ]),
  });
  if (guests.length) {
    blocks.push({
      kind: 'fields',
      rows: [['Guests', guests.map((g) => (g.guestSide ? `${g.guestName} (${SIDE_LABELS[g.guestSide]})` : g.guestName)).join('; ')]],
    });
  }
  if (src.meetingQuorum) {
    const q = evaluateQuorum(src.meetingQuorum, { members: src.members, present: present.filter((p) => src.members.some((m) => m.id === p.id)) });
    const bySide = q.bySide
      .filter((s) => s.members > 0)
      .map((s) => `${SIDE_LABELS[s.side]} ${s.present} of ${s.members}`)
      .join(', ');
    const verdict = q.met ? 'Quorum was met' : 'Quorum was not met';
    const content: Inline[] = [bold(`${verdict}: `), `${q.present} of ${q.members} members present (${q.requiredTotal} needed); ${bySide}.`];
    if (!q.met && q.shortfalls.length) content.push(` ${q.shortfalls.join(' ')}`);
    blocks.push({ kind: 'paragraph', content });
  }
  return blocks;
}

function agendaBlocks(src: MinutesSource, nameOf: (id: string | null) => string): Block[] {
  if (src.agenda.length === 0) return [];
  const blocks: Block[] = [{ kind: 'heading', level: 2, text: 'Agenda items' }];
  src.agenda.forEach((item, index) => {
    blocks.push({ kind: 'heading', level: 3, text: `${index + 1}. ${item.title}` });
    const fields: Array<[string, string]> = [['Type', AGENDA_ITEM_TYPE_LABELS[item.type]]];
    if (item.presenter) fields.push(['Presenter', item.presenter]);
    blocks.push({ kind: 'fields', rows: fields });
    const summary = src.summaries[item.id]?.trim();
    if (summary) blocks.push(...paragraphs(summary, TYPE_OUTCOME_LABEL[item.type] ?? 'Summary'));
    if (item.notes.trim()) blocks.push(...paragraphs(item.notes.trim(), 'Notes'));
    const session = src.sessions[item.id];
    if (session) blocks.push(...ibpsBlocks(src, session, nameOf));
  });
  return blocks;
}

/** Multi-line text as paragraphs; the first one is labelled. */
function paragraphs(text: string, label: string): Block[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p, i): Block => ({ kind: 'paragraph', content: i === 0 ? [bold(`${label}: `), p] : [p] }));
}

function ibpsBlocks(src: MinutesSource, s: IbpsMinutesSource, nameOf: (id: string | null) => string): Block[] {
  const blocks: Block[] = [];
  const bodySides = sidesOf(src.members);
  const issue = s.revisions.at(-1)?.text;
  if (issue) {
    blocks.push({ kind: 'heading', level: 4, text: 'Issue statement' });
    blocks.push({ kind: 'paragraph', content: [issue] });
    // How the group got to a neutral question is part of the record: each earlier wording, oldest first.
    const earlier = s.revisions.slice(0, -1).filter((r) => r.text.trim() && r.text.trim() !== issue.trim());
    if (earlier.length) {
      blocks.push(leadIn(bold('Earlier wordings')));
      blocks.push({ kind: 'list', items: earlier.map((r) => [r.text.trim()]) });
    }
  }

  const interests = s.interests.filter((i) => !i.isPosition);
  const positions = s.interests.filter((i) => i.isPosition);
  if (interests.length || positions.length) {
    blocks.push({ kind: 'heading', level: 4, text: 'Interests' });
    const shared = interests.filter((i) => isSharedInterest(i, bodySides));
    // An interest drawn out of a position keeps the position's words: the speaker sees they were heard.
    const fromPosition = (i: (typeof interests)[number]): Inline[] =>
      i.convertedFromPosition.trim() ? [italic(` (from the position “${i.convertedFromPosition.trim()}”)`)] : [];
    if (shared.length) {
      blocks.push(leadIn(bold('Shared interests (all sides)')));
      blocks.push({ kind: 'list', items: shared.map((i) => [i.text, ...fromPosition(i)]) });
    }
    for (const side of SIDES) {
      const own = interests.filter((i) => i.sides.includes(side) && !isSharedInterest(i, bodySides));
      if (!own.length) continue;
      blocks.push(leadIn(bold(`${SIDE_LABELS[side]} interests`)));
      blocks.push({
        kind: 'list',
        items: own.map((i) => [
          i.text,
          ...fromPosition(i),
          ...(i.sides.length > 1
            ? [
                italic(
                  ` (also ${i.sides
                    .filter((x) => x !== side)
                    .map((x) => SIDE_LABELS[x])
                    .join(', ')})`,
                ),
              ]
            : []),
        ]),
      });
    }
    const untagged = interests.filter((i) => i.sides.length === 0);
    if (untagged.length) {
      blocks.push(leadIn(bold('Interests not tagged with a side')));
      blocks.push({ kind: 'list', items: untagged.map((i) => [i.text, ...fromPosition(i)]) });
    }
    const converted = interests.filter((i) => i.convertedFromPosition.trim());
    if (converted.length) {
      blocks.push(leadIn(bold('Positions turned into interests')));
      blocks.push({ kind: 'list', items: converted.map((i) => [`“${i.convertedFromPosition.trim()}”`, italic(' → '), i.text]) });
    }
    if (positions.length) {
      blocks.push(leadIn(bold('Positions still to be explored')));
      blocks.push({ kind: 'list', items: positions.map((i) => [i.text]) });
    }
  }

  const standing = standingOptions(s.options);
  if (standing.length) {
    blocks.push({ kind: 'heading', level: 4, text: 'Options' });
    const merged = s.options.filter((o) => !standing.includes(o));
    blocks.push({
      kind: 'list',
      ordered: true,
      items: standing.map((o) => {
        const parts: Inline[] = [o.text];
        if (o.shortlisted) parts.push(bold(' (shortlisted)'));
        const into = merged.filter((m) => m.mergedIntoId === o.id);
        if (into.length) parts.push(italic(` (merged with: ${into.map((m) => m.text).join('; ')})`));
        return parts;
      }),
    });
  }

  if (s.criteria.length) {
    blocks.push({ kind: 'heading', level: 4, text: 'Criteria' });
    const agreed = s.session.criteriaAgreedAt
      ? 'Agreed by the group before options were evaluated.'
      : s.session.criteriaOverrideReason.trim()
        ? `Not marked agreed; options were evaluated anyway because: ${s.session.criteriaOverrideReason.trim()}`
        : 'Not yet agreed.';
    blocks.push({ kind: 'paragraph', content: [italic(agreed)] });
    blocks.push({ kind: 'list', ordered: true, items: [...s.criteria].sort((a, b) => a.position - b.position).map((c) => [c.text]) });
  }

  const matrix = buildEvaluationMatrix({ options: s.options, criteria: s.criteria, evaluations: s.evaluations });
  const rated = matrix.rows.filter((r) => r.counts.unrated < r.cells.length);
  if (rated.length && matrix.criteria.length) {
    blocks.push({ kind: 'heading', level: 4, text: 'Evaluation' });
    blocks.push({
      kind: 'table',
      header: ['Option', ...matrix.criteria.map((c) => c.text)],
      rows: rated.map((r) => [
        r.option.text + (r.option.shortlisted ? ' (shortlisted)' : ''),
        ...r.cells.map((c) => (c.rating ? EVALUATION_RATING_LABELS[c.rating] + (c.note ? `: ${c.note}` : '') : '')),
      ]),
    });
  }
  const cov = buildCoverage({ options: s.options, interests: s.interests, coverage: s.coverage, bodySides });
  const covered = cov.rows.filter((r) => r.coveredInterestIds.length > 0);
  if (covered.length) {
    blocks.push(leadIn(bold('Interests each option satisfies')));
    blocks.push({
      kind: 'table',
      header: ['Option', 'Interests satisfied', 'Shared interests'],
      rows: covered.map((r) => [
        r.option.text,
        `${r.coveredInterestIds.length} of ${cov.interests.length}`,
        `${r.coveredShared} of ${cov.sharedInterestIds.length}`,
      ]),
    });
  }

  const tests = s.tests.filter((t) => t.test.meetingId === src.meeting.id);
  if (tests.length) {
    blocks.push({ kind: 'heading', level: 4, text: 'Consensus' });
    const numberOf = new Map(s.tests.map((t) => [t.test.id, t.test.number]));
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
      const modified = test.modifiedFromTestId ? ` (modifies test ${numberOf.get(test.modifiedFromTestId) ?? '?'})` : '';
      blocks.push(leadIn(bold(`Test ${test.number}${modified}: `), test.proposal));
      const outcome =
        test.outcome === 'consensus'
          ? 'Consensus reached'
          : test.outcome === 'no-consensus'
            ? 'No consensus'
            : test.outcome === 'no-quorum'
              ? 'No consensus quorum'
              : 'Not closed';
      blocks.push({
        kind: 'fields',
        rows: [
          ['Method', CONSENSUS_METHOD_LABELS[test.method]],
          ['Result', outcome],
        ],
      });
      const sides = SIDES.filter((side) => result.breakdownBySide[side] && Object.values(result.breakdownBySide[side]).some((n) => n > 0));
      if (sides.length) {
        blocks.push({
          kind: 'table',
          header: ['Side', ...method.values.map((v) => v.label)],
          rows: sides.map((side) => [SIDE_LABELS[side], ...method.values.map((v) => String(result.breakdownBySide[side][v.value] ?? 0))]),
        });
      }
      const stated = concerns.filter((c) => c.text.trim());
      if (stated.length) {
        blocks.push(leadIn(bold('Concerns')));
        blocks.push({
          kind: 'list',
          items: stated.map((c) => {
            const who = c.personId ? nameOf(c.personId) : c.side ? SIDE_LABELS[c.side] : '';
            return who ? [`${who}: `, c.text] : [c.text];
          }),
        });
      }
    }
  }

  const decisions = s.decisions.filter((d) => d.meetingId === null || d.meetingId === src.meeting.id);
  for (const d of decisions) {
    blocks.push({ kind: 'heading', level: 4, text: d.outcome === 'consensus' ? 'Decision' : 'Consensus not reached' });
    blocks.push({ kind: 'paragraph', content: [d.text] });
    if (d.dissent.trim()) blocks.push({ kind: 'paragraph', content: [bold('Dissent recorded: '), d.dissent.trim()] });
    if (d.outcome === 'failed') {
      blocks.push({
        kind: 'paragraph',
        content: [bold('Escalated: '), d.escalatedTo ? ESCALATION_LABELS[d.escalatedTo] : 'Where to escalate is not yet settled'],
      });
    }
  }
  return blocks;
}

function actionItemBlocks(src: MinutesSource, nameOf: (id: string | null, fallback?: string) => string): Block[] {
  if (src.actionItems.length === 0) return [];
  // Rows stored before the measure existed have none; the column shows only when one is set.
  const measureOf = (a: ActionItem) => (a.measure ?? '').trim();
  const withMeasure = src.actionItems.some((a) => measureOf(a));
  return [
    { kind: 'heading', level: 2, text: 'Action items' },
    {
      kind: 'table',
      header: ['What', 'Owner', 'Due', 'Status', ...(withMeasure ? ['How we will know it worked'] : [])],
      rows: src.actionItems.map((a) => [
        a.what,
        nameOf(a.ownerId, 'Unassigned'),
        a.dueDate ? formatDate(a.dueDate) : '',
        ACTION_ITEM_STATUS_LABELS[a.status],
        ...(withMeasure ? [measureOf(a)] : []),
      ]),
    },
  ];
}
