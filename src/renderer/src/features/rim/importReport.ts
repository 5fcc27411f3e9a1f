import type { ImportError } from '@shared/rim/dataImport';
import type { PointImportReport } from './commands';

/** What an import did, in one sentence of the screens' language: "12 points added, 2 updated. 1 line skipped." */
export function importSummary(report: PointImportReport, errors: readonly ImportError[], t: (key: string, values: Record<string, unknown>) => string): string {
  return t('import.summary', { created: report.created, updated: report.updated, skipped: errors.filter((e) => e.line > 0).length });
}
