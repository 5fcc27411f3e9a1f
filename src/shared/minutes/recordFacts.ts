import { SIDE_LABELS } from '../model/common';
import { ACTION_ITEM_STATUS_LABELS, ESCALATION_LABELS, EVALUATION_RATING_LABELS } from '../model/ibps';
import { AGENDA_ITEM_TYPE_LABELS } from '../model/meeting';
import type { RecordFact } from '../model/minutes';
import { latestByKey } from '../ibps/matrix';
import { plainText, type Block } from './blocks';
import { formatDate, formatMeetingWhen, type MinutesSource } from './document';

// What an amendment changes, said the way a co-lead would say it ("Attendance: Dr. Álvarez
// absent → present"), not as lines of Markdown. The record is flattened into facts keyed by what
// they are about (a person, an agenda item, an interest ...), so a renamed item is one change,
// not a removal and an addition. Approved versions store their facts; an amendment compares the
// facts of the version it amends with the facts of the record now.

export type { RecordFact };

/** How one fact changed between two versions of the record. */
export interface RecordChange {
  kind: 'changed' | 'added' | 'removed';
  section: string;
  subject: string;
  field: string;
  before: string | null;
  after: string | null;
  /** The change in plain words, e.g. "Attendance: Dr. Álvarez absent → present". */
  text: string;
}

const ROLE_FIELDS = [
  ['facilitatorId', 'Facilitator'],
  ['recorderId', 'Recorder'],
  ['timekeeperId', 'Timekeeper'],
] as const;

/** Every fact the minutes of `src` state. Pure; the same source always gives the same facts. */
export function recordFacts(src: MinutesSource): RecordFact[] {
  const facts: RecordFact[] = [];
  const add = (key: string, section: string, subject: string, field: string, value: string | null | undefined) => {
    const v = (value ?? '').trim();
    if (v) facts.push({ key, section, subject, field, value: v });
  };
  const people = new Map(src.people.map((p) => [p.id, p.name]));
  const nameOf = (id: string | null | undefined) => (id ? (people.get(id) ?? 'Unknown person') : '');
  const { meeting } = src;

  add('meeting/title', 'Meeting', 'Title', '', meeting.title);
  add('meeting/when', 'Meeting', 'Date and time', '', formatMeetingWhen(meeting));
  add('meeting/where', 'Meeting', 'Place', '', meeting.location);
  add('meeting/objective', 'Meeting', 'Objective', '', meeting.objective);
  for (const [field, label] of ROLE_FIELDS) add(`role/${field}`, 'Roles', label, '', nameOf(meeting[field]));

  for (const a of src.attendance) {
    if (a.personId) add(`attendance/${a.personId}`, 'Attendance', nameOf(a.personId), '', a.status);
    else if (a.guestName)
      add(`attendance/guest/${a.id}`, 'Attendance', `${a.guestName} (guest${a.guestSide ? `, ${SIDE_LABELS[a.guestSide]}` : ''})`, '', a.status);
  }

  src.agenda.forEach((item, index) => {
    const subject = item.title || `Item ${index + 1}`;
    const k = `agenda/${item.id}`;
    add(`${k}/title`, 'Agenda', subject, 'title', item.title);
    add(`${k}/position`, 'Agenda', subject, 'place', String(index + 1));
    add(`${k}/type`, 'Agenda', subject, 'type', AGENDA_ITEM_TYPE_LABELS[item.type]);
    add(`${k}/presenter`, 'Agenda', subject, 'presenter', item.presenter);
    add(`${k}/summary`, 'Agenda', subject, 'summary', src.summaries[item.id]);
    add(`${k}/notes`, 'Agenda', subject, 'notes', item.notes);
    const s = src.sessions[item.id];
    if (!s) return;
    const section = `IBPS: ${subject}`;
    add(`${k}/issue`, section, 'Issue statement', '', s.revisions.at(-1)?.text);
    for (const i of s.interests) {
      const sides = i.sides.map((x) => SIDE_LABELS[x]).join(', ');
      add(`interest/${i.id}`, section, i.isPosition ? 'Position' : 'Interest', '', `${i.text}${sides ? ` (${sides})` : ''}`);
    }
    for (const o of s.options) {
      const state = o.mergedIntoId ? 'merged' : o.shortlisted ? 'shortlisted' : 'listed';
      add(`option/${o.id}`, section, 'Option', '', `${o.text} (${state})`);
    }
    for (const c of s.criteria) add(`criterion/${c.id}`, section, 'Criterion', '', c.text);
    const optionText = new Map(s.options.map((o) => [o.id, o.text]));
    const criterionText = new Map(s.criteria.map((c) => [c.id, c.text]));
    for (const e of latestByKey(s.evaluations, (e) => `${e.optionId}|${e.criterionId}`).values()) {
      add(
        `rating/${e.optionId}/${e.criterionId}`,
        section,
        `Rating of “${optionText.get(e.optionId) ?? '?'}” on “${criterionText.get(e.criterionId) ?? '?'}”`,
        '',
        `${EVALUATION_RATING_LABELS[e.rating]}${e.note ? `: ${e.note}` : ''}`,
      );
    }
    for (const t of s.tests.filter((x) => x.test.meetingId === meeting.id)) {
      const subjectT = `Consensus test ${t.test.number}`;
      add(`test/${t.test.id}/proposal`, section, subjectT, 'proposal', t.test.proposal);
      add(`test/${t.test.id}/outcome`, section, subjectT, 'result', t.test.outcome ?? 'not closed');
      for (const v of t.votes) add(`vote/${t.test.id}/${v.personId}`, section, `${subjectT}, vote of ${nameOf(v.personId)}`, '', String(v.value));
      for (const y of t.tallies)
        add(`tally/${t.test.id}/${y.side}/${y.value}`, section, `${subjectT}, ${SIDE_LABELS[y.side]} showing ${y.value}`, '', String(y.count));
      for (const c of t.concerns) add(`concern/${c.id}`, section, `${subjectT}, concern`, '', c.text);
    }
    for (const d of s.decisions.filter((x) => x.meetingId === null || x.meetingId === meeting.id)) {
      const subjectD = d.outcome === 'consensus' ? 'Decision' : 'Consensus not reached';
      add(`decision/${d.id}/text`, section, subjectD, '', d.text);
      add(`decision/${d.id}/dissent`, section, subjectD, 'dissent', d.dissent);
      add(`decision/${d.id}/escalation`, section, subjectD, 'escalated to', d.escalatedTo ? ESCALATION_LABELS[d.escalatedTo] : '');
    }
  });

  for (const a of src.actionItems) {
    const k = `action/${a.id}`;
    add(`${k}/what`, 'Action items', a.what, 'what', a.what);
    add(`${k}/owner`, 'Action items', a.what, 'owner', nameOf(a.ownerId) || 'Unassigned');
    add(`${k}/due`, 'Action items', a.what, 'due', a.dueDate ? formatDate(a.dueDate) : '');
    add(`${k}/measure`, 'Action items', a.what, 'how we will know it worked', a.measure);
    add(`${k}/status`, 'Action items', a.what, 'status', ACTION_ITEM_STATUS_LABELS[a.status]);
  }
  for (const p of src.parkingLot) add(`parking/${p.id}`, 'Parking lot', p.text, '', p.status + (p.resolution.trim() ? `: ${p.resolution.trim()}` : ''));
  for (const p of src.plusDeltas) add(`plusdelta/${p.id}`, 'Meeting evaluation', p.kind === 'plus' ? 'Plus' : 'Delta', '', p.text);
  return facts;
}

const MAX = 80;
const short = (value: string) => (value.length > MAX ? `${value.slice(0, MAX - 3)}…` : value);
const isWord = (value: string) => /^[\p{L}\p{N} .,:-]{1,24}$/u.test(value) && !/\s{2}/.test(value);
const quoted = (value: string) => (isWord(value) ? value : `“${short(value)}”`);

/**
 * Two long texts that differ in a few words read as those words with a little context around
 * them ("…Local 250); Omar Haddad (SEIU…"), not as two identical 80-character openings.
 */
function changedPart(before: string, after: string): [string, string] {
  if (before.length <= MAX && after.length <= MAX) return [before, after];
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let end = 0;
  while (end < before.length - start && end < after.length - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
  const from = Math.max(0, start - 20);
  const cut = (text: string) => {
    const middle = text.slice(from, Math.max(from, text.length - Math.max(0, end - 20)));
    return `${from > 0 ? '…' : ''}${middle.length > MAX ? `${middle.slice(0, MAX - 3)}…` : middle}${end > 20 && middle.length <= MAX ? '…' : ''}`;
  };
  return [cut(before), cut(after)];
}

function phrase(c: Omit<RecordChange, 'text'>): string {
  const what = c.field ? `${c.subject}, ${c.field}` : c.subject;
  if (c.kind === 'added') return `${c.section}: ${what} added: ${quoted(c.after!)}`;
  if (c.kind === 'removed') return `${c.section}: ${what} removed (was ${quoted(c.before!)})`;
  if (isWord(c.before!) && isWord(c.after!)) return `${c.section}: ${what} ${c.before} → ${c.after}`;
  const [before, after] = changedPart(c.before!, c.after!);
  return `${c.section}: ${what} “${before}” → “${after}”`;
}

/**
 * The changes from `before` to `after`, in record order (sections as the minutes print them).
 * A fact whose key is in both with another value is a change; in one only, an addition or removal.
 */
export function recordChanges(before: readonly RecordFact[], after: readonly RecordFact[]): RecordChange[] {
  const old = new Map(before.map((f) => [f.key, f]));
  const now = new Map(after.map((f) => [f.key, f]));
  const changes: RecordChange[] = [];
  const push = (c: Omit<RecordChange, 'text'>) => changes.push({ ...c, text: phrase(c) });
  for (const f of after) {
    const was = old.get(f.key);
    if (!was) push({ kind: 'added', section: f.section, subject: f.subject, field: f.field, before: null, after: f.value });
    else if (was.value !== f.value) push({ kind: 'changed', section: f.section, subject: was.subject, field: f.field, before: was.value, after: f.value });
  }
  for (const f of before) {
    if (!now.has(f.key)) push({ kind: 'removed', section: f.section, subject: f.subject, field: f.field, before: f.value, after: null });
  }
  return changes;
}

/**
 * Facts read back from a document's blocks, for versions approved before facts were stored: less
 * precise (a table row is one fact, a list item is keyed by its text), but still said in words.
 */
export function factsFromBlocks(blocks: readonly Block[]): RecordFact[] {
  const facts: RecordFact[] = [];
  // A label can repeat in one section (two consensus tests each have a "Result"): the n-th one
  // is compared with the n-th one.
  const seen = new Map<string, number>();
  const push = (f: RecordFact) => {
    const n = (seen.get(f.key) ?? 0) + 1;
    seen.set(f.key, n);
    facts.push(n === 1 ? f : { ...f, key: `${f.key}#${n}` });
  };
  let section = '';
  let item = '';
  let paragraph = 0;
  for (const b of blocks) {
    const path = item ? `${section}/${item}` : section;
    const where = item ? `${section}: ${item}` : section;
    if (b.kind === 'heading') {
      if (b.level <= 2) [section, item] = [b.text, ''];
      else if (b.level === 3) item = b.text;
      else item = item ? `${item.split(' · ')[0]} · ${b.text}` : b.text;
      paragraph = 0;
    } else if (b.kind === 'fields') {
      for (const [label, value] of b.rows) push({ key: `${path}/field/${label}`, section: where, subject: label, field: '', value });
    } else if (b.kind === 'table') {
      for (const row of b.rows) {
        row.slice(1).forEach((cell, i) => {
          const column = b.header[i + 1] ?? '';
          push({ key: `${path}/row/${row[0] ?? ''}/${column}`, section: where, subject: row[0] ?? '', field: column, value: cell });
        });
      }
    } else if (b.kind === 'list') {
      for (const entry of b.items) {
        const text = plainText(entry);
        push({ key: `${path}/item/${text}`, section: where, subject: 'Item', field: '', value: text });
      }
    } else if (b.kind === 'paragraph') {
      push({ key: `${path}/p${paragraph++}`, section: where, subject: 'Text', field: '', value: plainText(b.content) });
    }
  }
  return facts;
}
