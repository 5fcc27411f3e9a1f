import { formatDate, formatNumber } from '@shared/i18n/format';
import type { Locale } from '@shared/i18n/locales';
import { createI18n, translatorOf, type Translate } from '@shared/i18n/translator';
import type { ConflictKind } from '@shared/sync/merge';
import { hlcWall } from '@shared/sync/hlc';
import { DELETED_FIELD, type JsonValue } from '@shared/sync/protocol';
import { isAbsent } from '@shared/sync/values';
import type { SyncProgress } from '../../sync/engine';
import en from '../../i18n/locales/en/sync.json';

/** What sync labels are said with: the `sync` namespace's translator and the locale of its dates. */
export interface SyncWords {
  t: Translate;
  locale: Locale;
}

/** The English words (tests, logs): the screens pass their own. */
export const ENGLISH: SyncWords = { t: translatorOf(createI18n('en', { en: { sync: en } }, 'sync'), 'sync'), locale: 'en' };

/**
 * One key per table declared in db/capture/syncedTables.ts, in every language's `table` map: what a
 * facilitator calls one of its rows (a unit test holds every synced table to a label).
 */
export const LABELLED_TABLES: ReadonlySet<string> = new Set(Object.keys(en.table));

/** A field with a word of its own; others are read from their name. */
const NAMED_FIELDS: ReadonlySet<string> = new Set(Object.keys(en.field));

/** "minutesSummaries" -> "minutes summaries" for a table a newer app added. */
const words = (name: string): string =>
  name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/_/g, ' ')
    .trim()
    .toLowerCase();

export const tableLabel = (table: string, { t }: SyncWords = ENGLISH): string => {
  if (LABELLED_TABLES.has(table)) return t(`table.${table}`);
  const w = words(table);
  return w.charAt(0).toUpperCase() + w.slice(1);
};

/** "dueDate" -> "due date"; the tombstone field is the row's existence. A field a newer app added reads as its name. */
export const fieldLabel = (field: string, { t }: SyncWords = ENGLISH): string =>
  field === DELETED_FIELD ? t('wholeRow') : NAMED_FIELDS.has(field) ? t(`field.${field}`) : words(field).replace(/ id$/, '');

/**
 * The reasons sync stores with a refused change (sync/applyRemote.ts, sync/conflicts.ts) are
 * English sentences kept in the conflict row: the known ones are said again in the screen's words.
 */
const REFUSED_REASONS: Readonly<Record<string, string>> = {
  'Refused: it would have changed approved minutes, which never change after approval.': 'rewrite',
  'Refused: it would have deleted approved minutes, which are never deleted.': 'delete',
  'Refused: it would have added to approved minutes from another laptop.': 'stranger',
  'Refused: it had overwritten approved minutes on this laptop; the approved text was put back.': 'repaired',
};

export const refusedReason = (reason: string, { t }: SyncWords = ENGLISH): string => {
  const key = REFUSED_REASONS[reason];
  return key ? t(`refusedReason.${key}`) : reason;
};

/** How the conflicts list shows one entry: what happened, why, and what can be done about it. */
export interface ConflictPresentation {
  label: string;
  color: string;
  /** Why it is listed, when the label alone does not say it. */
  explanation: string | null;
  /** Titles of the two values: the one that stands and the one that did not get in. */
  keptTitle: string;
  otherTitle: string;
  /** Whether "Restore" is offered: never for a change sync refused (it would alter approved minutes). */
  restorable: boolean;
  /** The button that clears it: "Keep current" sends a synced choice, "Dismiss" only clears this laptop's list. */
  keepLabel: string;
}

export function presentConflict(c: { kind: ConflictKind; refused?: string; table: string; field: string }, w: SyncWords = ENGLISH): ConflictPresentation {
  const { t } = w;
  if (c.refused !== undefined) {
    return {
      label: t('presentation.refused'),
      color: 'red',
      // The reason names the rule the change broke; nothing of it was applied, here or elsewhere.
      explanation: t('presentation.refusedExplanation', { reason: refusedReason(c.refused, w) }),
      keptTitle: t('presentation.stands'),
      otherTitle: t('presentation.refusedChange'),
      restorable: false,
      keepLabel: t('presentation.dismiss'),
    };
  }
  const deleteRace = c.kind === 'edit-vs-delete';
  return {
    label: t(`kind.${c.kind}`),
    color: deleteRace ? 'red' : 'orange',
    explanation: deleteRace ? t('presentation.deleteRace', { table: tableLabel(c.table, w).toLocaleLowerCase(w.locale), field: fieldLabel(c.field, w) }) : null,
    keptTitle: t('presentation.keptCurrent'),
    otherTitle: t('presentation.notKept'),
    restorable: true,
    keepLabel: t('presentation.keepCurrent'),
  };
}

export interface ValueDisplay {
  text: string;
  /** text: shown as typed (whitespace kept); json: objects and lists, monospace; empty: a placeholder. */
  style: 'text' | 'json' | 'empty';
}

/** A stored value for reading: strings as they are, objects as JSON, a cleared field as "(empty)". */
export function describeValue(field: string, value: JsonValue | undefined, { t, locale }: SyncWords = ENGLISH): ValueDisplay {
  if (value === undefined || isAbsent(value)) return { text: t('value.empty'), style: 'empty' };
  if (value === null) return { text: t('value.none'), style: 'empty' };
  // A tombstone reads as what it means.
  if (field === DELETED_FIELD && typeof value === 'object' && !Array.isArray(value) && typeof value.deleted === 'boolean') {
    return { text: value.deleted ? t('value.deleted') : t('value.restored'), style: 'empty' };
  }
  if (typeof value === 'string') return value.trim() === '' ? { text: t('value.empty'), style: 'empty' } : { text: value, style: 'text' };
  if (typeof value === 'number') return { text: formatNumber(value, locale, { maximumFractionDigits: 20 }), style: 'text' };
  if (typeof value === 'boolean') return { text: t(value ? 'value.true' : 'value.false'), style: 'text' };
  return { text: JSON.stringify(value, null, 2), style: 'json' };
}

/** When the edit was made: an HLC starts with its writer's wall-clock milliseconds (to the second: two edits are often a minute apart). */
export function hlcTime(hlc: string, { t, locale }: SyncWords = ENGLISH): string {
  const wall = hlcWall(hlc);
  if (!Number.isFinite(wall) || wall <= 0) return t('value.unknownTime');
  return `${formatDate(wall, locale, 'shortDay')}, ${new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit', second: '2-digit' }).format(wall)}`;
}

/**
 * The enrollment form's schema (src/shared/sync/connection.ts) words its problems in English:
 * the known ones are said in the screen's language, anything else as it came.
 */
const FORM_PROBLEMS: Readonly<Record<string, string>> = {
  'Enter the server address': 'serverUrlMissing',
  'The server address is too long': 'serverUrlLong',
  'The server address must start with http:// or https://': 'serverUrlScheme',
  'Enter the enrollment code': 'codeMissing',
  'That is not an enrollment code': 'codeInvalid',
  'Name this device': 'deviceNameMissing',
  'Device names are at most 100 characters': 'deviceNameLong',
};

/** The engine's own fixed sentences (src/renderer/src/sync/engine.ts); a server's or a connection's message shows as it came. */
const ENGINE_PROBLEMS: Readonly<Record<string, string>> = {
  'This computer is offline.': 'offline',
  'The server did not accept any change; retrying later.': 'noneAccepted',
};

/** A status problem in the screen's words. */
export const problemText = (message: string, { t }: SyncWords = ENGLISH): string => {
  const key = ENGINE_PROBLEMS[message];
  return key ? t(`settings.problem.${key}`) : message;
};

/** What the engine is doing, in words. */
export function progressText(progress: SyncProgress | null, { t }: SyncWords = ENGLISH): string {
  if (!progress) return t('settings.progress.starting');
  const { done, total } = progress;
  switch (progress.stage) {
    case 'preparing':
      return done > 0 ? t('settings.progress.preparingCount', { count: done }) : t('settings.progress.preparing');
    case 'sending':
      return total === null ? t('settings.progress.sent', { count: done }) : t('settings.progress.sentOf', { done, total });
    case 'receiving': {
      const council = progress.councilName;
      if (total === null) return council ? t('settings.progress.receivedFrom', { count: done, council }) : t('settings.progress.received', { count: done });
      return council ? t('settings.progress.receivedOfFrom', { done, total, council }) : t('settings.progress.receivedOf', { done, total });
    }
  }
}

/** An enrollment form problem in the screen's words. */
export const formProblemText = (message: string, { t }: SyncWords = ENGLISH): string => {
  const key = FORM_PROBLEMS[message];
  return key ? t(`settings.form.${key}`) : message;
};
