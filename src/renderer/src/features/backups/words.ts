import { BackupFileError, type BackupReason, type BackupRefusal, type BackupSummary } from '@shared/backup/format';
import type { Translate } from '@shared/i18n/translator';
import type { Locale } from '@shared/i18n/locales';
import type { DateKind } from '@shared/i18n/format';

// Backups' words: the screens say sizes, dates, reasons and refusals in the person's language.
// Refusals come from shared code that does not know that language (main lists the folder, the
// restore reads the file): each carries a code and its values, worded here. Pure, so a test
// holds the English wording to the refusals' own messages.

/** The `backups` namespace's translator and the screen's number and date formats. */
export interface BackupWords {
  t: Translate;
  f: {
    locale: Locale;
    date: (value: string | number | Date, kind?: DateKind) => string;
    number: (value: number, options?: Intl.NumberFormatOptions) => string;
  };
}

/** The revert point could not be written, so nothing was restored; `detail` is why (from the folder or the disk). */
export class RestoreRefused extends Error {
  constructor(readonly detail: string) {
    super(`Nothing was restored: the copy of the current data could not be saved first. ${detail}`);
    this.name = 'RestoreRefused';
  }
}

export const reasonLabel = ({ t }: BackupWords, reason: BackupReason): string => t(`reason.${reason}`);

/** "512 bytes", "12 KB", "1.5 MB" in the screen's number format. */
export function sizeText({ t, f }: BackupWords, n: number): string {
  if (n < 1024) return t('size.bytes', { count: n });
  if (n < 1024 * 1024) return t('size.kb', { size: f.number(Math.round(n / 1024)) });
  return t('size.mb', { size: f.number(n / 1024 / 1024, { minimumFractionDigits: 1, maximumFractionDigits: 1 }) });
}

/** "25 Nov 2026, 10:05" in the laptop's time zone and the screen's language. */
export function when({ t, f }: BackupWords, iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? t('unknownDate') : f.date(d, 'dateTime');
}

/** "2 councils, 3 teams, 40 meetings". */
export const contents = ({ t }: BackupWords, summary: Pick<BackupSummary, 'councilCount' | 'teams' | 'meetings'>): string =>
  t('contents', { councils: summary.councilCount, teams: summary.teams, meetings: summary.meetings });

/** Why a backup file cannot be restored, in the screen's language. */
export function refusalText(r: BackupRefusal, w: BackupWords): string {
  const { t } = w;
  switch (r.code) {
    case 'notABackup':
      return r.database ? t('refusal.databaseExportNamed', { database: r.database }) : t('refusal.notABackup', { looksLike: r.looksLike ?? 'unknown' });
    case 'otherApp':
      return r.app === null ? t('refusal.otherAppUnnamed') : t('refusal.otherApp', { app: r.app });
    case 'damaged':
      return r.why === 'headerInvalid' ? t('refusal.headerInvalid', { field: r.field ?? 'header' }) : t('refusal.damaged', { why: r.why });
    case 'newerFormat':
      return t('refusal.newerFormat', { version: String(r.version), supported: String(r.supported) });
    case 'newerData':
      return t('refusal.newerData', { appVersion: r.appVersion, version: String(r.version), supported: String(r.supported) });
    case 'truncated':
      return t('refusal.truncated', { size: sizeText(w, r.bytes) });
    case 'protectedUnreadable':
    case 'unpack':
    case 'notAStore':
      return t(`refusal.${r.code}`, { detail: r.detail });
    case 'sizeMismatch':
      return t('refusal.sizeMismatch', { actual: w.f.number(r.actual), expected: w.f.number(r.expected) });
    default:
      return t(`refusal.${r.code}`);
  }
}

/** An error a backup step threw, as the screen says it: a refusal in its words, anything else as it came. */
export function errorText(error: unknown, w: BackupWords): string {
  if (error instanceof BackupFileError) return refusalText(error.refusal, w);
  if (error instanceof RestoreRefused) return w.t('restore.revertPointFailed', { message: error.detail });
  return error instanceof Error ? error.message : String(error);
}
