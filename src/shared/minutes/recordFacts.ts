import type { RecordFact } from '../model/minutes';
import { latestByKey } from '../ibps/matrix';
import { plainText, type Block } from './blocks';
import { formatMeetingWhen, type MinutesSource } from './document';
import { minutesWords, type MinutesWords } from './words';

// What an amendment changes, said the way a co-lead would say it ("Attendance: Dr. Álvarez
// absent → present"), not as lines of Markdown. The record is flattened into facts keyed by what
// they are about (a person, an agenda item, an interest ...), so a renamed item is one change,
// not a removal and an addition. Approved versions store their facts; an amendment compares the
// facts of the version it amends with the facts of the record now. Facts are worded in the
// meeting's language, like the minutes; they are compared by key, never by their words.

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

const ROLE_FIELDS = ['facilitatorId', 'recorderId', 'timekeeperId'] as const;
const ROLE_KEYS = { facilitatorId: 'facilitator', recorderId: 'recorder', timekeeperId: 'timekeeper' } as const;

/** Every fact the minutes of `src` state. Pure; the same source always gives the same facts. */
export function recordFacts(src: MinutesSource): RecordFact[] {
  const words = minutesWords(src.meeting.language ?? 'en');
  const { t } = words;
  const facts: RecordFact[] = [];
  const add = (key: string, section: string, subject: string, field: string, value: string | null | undefined) => {
    const v = (value ?? '').trim();
    if (v) facts.push({ key, section, subject, field, value: v });
  };
  const people = new Map(src.people.map((p) => [p.id, p.name]));
  const nameOf = (id: string | null | undefined) => (id ? (people.get(id) ?? t('unknownPerson')) : '');
  const side = (x: string) => t(`side.${x}`);
  const field = (name: string) => t(`facts.field.${name}`);
  const { meeting } = src;

  const meetingSection = t('facts.section.meeting');
  add('meeting/title', meetingSection, t('facts.subject.title'), '', meeting.title);
  add('meeting/when', meetingSection, t('facts.subject.when'), '', formatMeetingWhen(meeting, words));
  add('meeting/where', meetingSection, t('facts.subject.place'), '', meeting.location);
  add('meeting/objective', meetingSection, t('facts.subject.objective'), '', meeting.objective);
  for (const role of ROLE_FIELDS) add(`role/${role}`, t('facts.section.roles'), t(`roles.${ROLE_KEYS[role]}`), '', nameOf(meeting[role]));

  const attendance = t('facts.section.attendance');
  for (const a of src.attendance) {
    const status = t('facts.attendance', { status: a.status });
    if (a.personId) add(`attendance/${a.personId}`, attendance, nameOf(a.personId), '', status);
    else if (a.guestName) {
      const guest = a.guestSide ? t('facts.guestSide', { name: a.guestName, side: side(a.guestSide) }) : t('facts.guest', { name: a.guestName });
      add(`attendance/guest/${a.id}`, attendance, guest, '', status);
    }
  }

  const agenda = t('facts.section.agenda');
  src.agenda.forEach((item, index) => {
    const subject = item.title || t('facts.item', { number: index + 1 });
    const k = `agenda/${item.id}`;
    add(`${k}/title`, agenda, subject, field('title'), item.title);
    add(`${k}/position`, agenda, subject, field('place'), String(index + 1));
    add(`${k}/type`, agenda, subject, field('type'), t(`agenda.types.${item.type}`));
    add(`${k}/presenter`, agenda, subject, field('presenter'), item.presenter);
    add(`${k}/summary`, agenda, subject, field('summary'), src.summaries[item.id]);
    add(`${k}/notes`, agenda, subject, field('notes'), item.notes);
    const s = src.sessions[item.id];
    if (!s) return;
    const section = t('facts.ibpsSection', { subject });
    add(`${k}/issue`, section, t('facts.subject.issue'), '', s.revisions.at(-1)?.text);
    for (const i of s.interests) {
      const sides = i.sides.map(side).join(', ');
      add(
        `interest/${i.id}`,
        section,
        t(i.isPosition ? 'facts.subject.position' : 'facts.subject.interest'),
        '',
        sides ? t('facts.withSides', { text: i.text, sides }) : i.text,
      );
    }
    for (const o of s.options) {
      const state = o.mergedIntoId ? 'merged' : o.shortlisted ? 'shortlisted' : 'listed';
      add(`option/${o.id}`, section, t('facts.subject.option'), '', t('facts.optionState', { text: o.text, state }));
    }
    for (const c of s.criteria) add(`criterion/${c.id}`, section, t('facts.subject.criterion'), '', c.text);
    const optionText = new Map(s.options.map((o) => [o.id, o.text]));
    const criterionText = new Map(s.criteria.map((c) => [c.id, c.text]));
    for (const e of latestByKey(s.evaluations, (e) => `${e.optionId}|${e.criterionId}`).values()) {
      const rating = t(`ibps.rating.${e.rating}`);
      add(
        `rating/${e.optionId}/${e.criterionId}`,
        section,
        t('facts.rating', { option: optionText.get(e.optionId) ?? '?', criterion: criterionText.get(e.criterionId) ?? '?' }),
        '',
        e.note ? t('ibps.ratingWithNote', { rating, note: e.note }) : rating,
      );
    }
    for (const x of s.tests.filter((y) => y.test.meetingId === meeting.id)) {
      const test = t('facts.test', { number: x.test.number });
      add(`test/${x.test.id}/proposal`, section, test, field('proposal'), x.test.proposal);
      add(`test/${x.test.id}/outcome`, section, test, field('result'), t('facts.outcome', { outcome: x.test.outcome ?? 'open' }));
      for (const v of x.votes) add(`vote/${x.test.id}/${v.personId}`, section, t('facts.voteOf', { test, name: nameOf(v.personId) }), '', String(v.value));
      for (const y of x.tallies)
        add(`tally/${x.test.id}/${y.side}/${y.value}`, section, t('facts.tally', { test, side: side(y.side), value: String(y.value) }), '', String(y.count));
      for (const c of x.concerns) add(`concern/${c.id}`, section, t('facts.concern', { test }), '', c.text);
    }
    for (const d of s.decisions.filter((x) => x.meetingId === null || x.meetingId === meeting.id)) {
      const subjectD = t(d.outcome === 'consensus' ? 'ibps.decision' : 'ibps.notReached');
      add(`decision/${d.id}/text`, section, subjectD, '', d.text);
      add(`decision/${d.id}/dissent`, section, subjectD, field('dissent'), d.dissent);
      add(`decision/${d.id}/escalation`, section, subjectD, field('escalatedTo'), d.escalatedTo ? t(`ibps.escalation.${d.escalatedTo}`) : '');
    }
  });

  const actions = t('facts.section.actions');
  for (const a of src.actionItems) {
    const k = `action/${a.id}`;
    add(`${k}/what`, actions, a.what, field('what'), a.what);
    add(`${k}/owner`, actions, a.what, field('owner'), nameOf(a.ownerId) || t('actions.unassigned'));
    add(`${k}/due`, actions, a.what, field('due'), a.dueDate ? words.date(a.dueDate) : '');
    add(`${k}/measure`, actions, a.what, field('measure'), a.measure);
    add(`${k}/status`, actions, a.what, field('status'), t(`actions.statuses.${a.status}`));
  }
  for (const p of src.parkingLot) {
    const resolution = p.resolution.trim();
    add(
      `parking/${p.id}`,
      t('facts.section.parking'),
      p.text,
      '',
      resolution ? t('facts.parkingResolved', { status: p.status, resolution }) : t('facts.parking', { status: p.status }),
    );
  }
  for (const p of src.plusDeltas)
    add(`plusdelta/${p.id}`, t('facts.section.evaluation'), t(p.kind === 'plus' ? 'facts.subject.plus' : 'facts.subject.delta'), '', p.text);
  return facts;
}

const MAX = 80;
const short = (value: string) => (value.length > MAX ? `${value.slice(0, MAX - 3)}…` : value);
const isWord = (value: string) => /^[\p{L}\p{N} .,:-]{1,24}$/u.test(value) && !/\s{2}/.test(value);
const quoted = (value: string, { t }: MinutesWords) => (isWord(value) ? value : t('facts.quoted', { text: short(value) }));

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

function phrase(c: Omit<RecordChange, 'text'>, words: MinutesWords): string {
  const { t } = words;
  const what = c.field ? t('facts.what', { subject: c.subject, field: c.field }) : c.subject;
  const section = c.section;
  if (c.kind === 'added') return t('facts.added', { section, what, value: quoted(c.after!, words) });
  if (c.kind === 'removed') return t('facts.removed', { section, what, value: quoted(c.before!, words) });
  if (isWord(c.before!) && isWord(c.after!)) return t('facts.changedWord', { section, what, before: c.before!, after: c.after! });
  const [before, after] = changedPart(c.before!, c.after!);
  return t('facts.changed', { section, what, before, after });
}

/**
 * The changes from `before` to `after`, in record order (sections as the minutes print them).
 * A fact whose key is in both with another value is a change; in one only, an addition or removal.
 */
export function recordChanges(before: readonly RecordFact[], after: readonly RecordFact[], words: MinutesWords = minutesWords()): RecordChange[] {
  const old = new Map(before.map((f) => [f.key, f]));
  const now = new Map(after.map((f) => [f.key, f]));
  const changes: RecordChange[] = [];
  const push = (c: Omit<RecordChange, 'text'>) => changes.push({ ...c, text: phrase(c, words) });
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
