import { formatDate, formatMeetingWhen } from '../i18n/format';
import type { Locale } from '../i18n/locales';
import type { Translate } from '../i18n/translator';
import type { Block } from '../minutes/blocks';
import type { AgendaItem, Meeting } from '../model/meeting';

// The agenda as sent to both sides before the meeting: the same blocks document the minutes and
// reports use, so the PDF (Chromium's print of the HTML), the Word file and the email text all
// say the same thing. Sections with nothing in them are left out rather than printed empty.

export interface PreReadInput {
  meeting: Pick<Meeting, 'title' | 'startsAt' | 'durationMinutes' | 'location' | 'objective'>;
  bodyName: string;
  agenda: ReadonlyArray<Pick<AgendaItem, 'title' | 'presenter' | 'timeBoxMinutes' | 'type'>>;
  /** Names of the people in the meeting's roles, when chosen. */
  roles: { facilitator?: string | null; recorder?: string | null; timekeeper?: string | null };
  carriedActions: ReadonlyArray<{ what: string; owner: string | null; dueDate: string | null; overdue: boolean; fromStartsAt: string }>;
  parkingLot: ReadonlyArray<{ text: string; fromStartsAt: string }>;
}

export interface PreReadDocument {
  title: string;
  fileStem: string;
  blocks: Block[];
}

const MINUTE_MS = 60_000;
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/** Wall-clock start of each item from the meeting's start, as the timekeeper will run it. */
function itemStarts(startsAt: string, minutes: readonly number[]): Array<string | null> {
  const m = LOCAL.exec(startsAt);
  if (!m) return minutes.map(() => null);
  // Wall-clock arithmetic in UTC: a meeting on a DST morning still runs 9:00, 9:10, 9:25.
  let at = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  return minutes.map((min) => {
    const d = new Date(at);
    at += min * MINUTE_MS;
    return `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
  });
}

const fileSafe = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60) || 'agenda';

export function buildPreRead(input: PreReadInput, t: Translate, locale: Locale): PreReadDocument {
  const { meeting } = input;
  const blocks: Block[] = [{ kind: 'heading', level: 1, text: t('preRead.heading', { title: meeting.title }) }];
  const header: Array<readonly [string, string]> = [
    [t('preRead.body'), input.bodyName],
    [t('preRead.when'), formatMeetingWhen(meeting, locale, t('preRead.to'))],
  ];
  if (meeting.location.trim()) header.push([t('preRead.where'), meeting.location.trim()]);
  blocks.push({ kind: 'fields', rows: header });

  if (meeting.objective.trim()) {
    blocks.push({ kind: 'heading', level: 2, text: t('preRead.objective') });
    blocks.push({ kind: 'paragraph', content: [meeting.objective.trim()] });
  }

  const roles = (
    [
      ['facilitator', input.roles.facilitator],
      ['recorder', input.roles.recorder],
      ['timekeeper', input.roles.timekeeper],
    ] as const
  ).filter(([, name]) => name);
  if (roles.length) {
    blocks.push({ kind: 'heading', level: 2, text: t('preRead.roles') });
    blocks.push({ kind: 'fields', rows: roles.map(([role, name]) => [t(`preRead.role.${role}`), name!] as const) });
  }

  if (input.agenda.length) {
    const total = input.agenda.reduce((sum, i) => sum + i.timeBoxMinutes, 0);
    blocks.push({ kind: 'heading', level: 2, text: t('preRead.agenda') });
    const starts = itemStarts(
      meeting.startsAt,
      input.agenda.map((i) => i.timeBoxMinutes),
    );
    blocks.push({
      kind: 'table',
      header: [t('preRead.col.time'), t('preRead.col.item'), t('preRead.col.type'), t('preRead.col.presenter'), t('preRead.col.minutes')],
      rows: input.agenda.map((item, i) => [
        starts[i] ? formatDate(`${meeting.startsAt.slice(0, 10)}T${starts[i]}`, locale, 'time') : '',
        item.title,
        t(`type.${item.type}`),
        item.presenter,
        t('preRead.minutes', { count: item.timeBoxMinutes }),
      ]),
    });
    blocks.push({ kind: 'paragraph', content: [t('preRead.totalTime', { count: total, planned: meeting.durationMinutes })] });
  }

  if (input.carriedActions.length) {
    blocks.push({ kind: 'heading', level: 2, text: t('preRead.carriedActions') });
    blocks.push({
      kind: 'table',
      header: [t('preRead.col.action'), t('preRead.col.owner'), t('preRead.col.due'), t('preRead.col.from')],
      rows: input.carriedActions.map((a) => [
        a.what,
        a.owner ?? t('preRead.unassigned'),
        a.dueDate ? (a.overdue ? t('preRead.overdue', { date: formatDate(a.dueDate, locale) }) : formatDate(a.dueDate, locale)) : '',
        formatDate(a.fromStartsAt, locale),
      ]),
    });
  }

  if (input.parkingLot.length) {
    blocks.push({ kind: 'heading', level: 2, text: t('preRead.parkingLot') });
    blocks.push({
      kind: 'list',
      items: input.parkingLot.map((p) => [p.text, { text: ` (${t('preRead.raised', { date: formatDate(p.fromStartsAt, locale) })})`, italic: true }]),
    });
  }

  return {
    title: t('preRead.heading', { title: meeting.title }),
    fileStem: `${fileSafe(meeting.title)}-${meeting.startsAt.slice(0, 10)}-${fileSafe(t('preRead.fileWord'))}`,
    blocks,
  };
}
