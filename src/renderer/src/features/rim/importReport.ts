import type { ImportError } from '@shared/rim/dataImport';
import type { PointImportReport } from './commands';

/** What an import did, in one line: "12 points added, 2 updated. 1 line skipped." */
export function importSummary(report: PointImportReport, errors: readonly ImportError[]): string {
  const parts = [`${report.created} point${report.created === 1 ? '' : 's'} added`];
  if (report.updated) parts.push(`${report.updated} updated`);
  const skipped = errors.filter((e) => e.line > 0).length;
  return `${parts.join(', ')}.${skipped ? ` ${skipped} line${skipped === 1 ? '' : 's'} skipped.` : ''}`;
}
