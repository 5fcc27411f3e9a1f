import { Alert, Button, Modal, Stack, Text } from '@mantine/core';
import { IconFileImport } from '@tabler/icons-react';
import { useState } from 'react';
import { isRatioValueType, type Measure } from '@shared/model/rim';
import { parseDataPointsFile, type ImportError } from '@shared/rim/dataImport';
import { bridge } from '../../bridge';
import { useRepos } from '../../db/live';
import { useT } from '../../i18n';
import { importDataPoints } from './commands';
import { trackSave } from '../../stores/saveStatus/store';
import { ImportProblems } from './ImportProblems';
import { importSummary } from './importReport';
import { errorTextLoaded } from '../../components/errorText';
import { useFileRefusalText } from '../../components/fileRefusal';
import { shownError } from './refusals';
import { useRefusalWords } from './useRimWords';

/** A spreadsheet of a few years of weekly points is a few hundred KB; the cap keeps a wrong pick from loading. */
const MAX_BYTES = 4 * 1024 * 1024;

type Outcome = { ok: true; fileName: string; summary: string; errors: ImportError[] } | { ok: false; fileName?: string; message: string; failed?: boolean };

/**
 * Import points from a CSV file or an Excel workbook (.xlsx): good rows land in one transaction,
 * bad rows are listed by line with the reason; a file that cannot be read changes nothing.
 */
export function ImportPointsButton({ measure }: { measure: Measure }) {
  const repos = useRepos();
  const t = useT('rim');
  const said = useRefusalWords();
  const refusalText = useFileRefusalText();
  const { words } = said;
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const ratio = isRatioValueType(measure.valueType);
  const columns = ratio
    ? t('importFile.columnsRatio', {
        numerator: measure.numeratorLabel || t('paste.numerator'),
        denominator: measure.denominatorLabel || t('paste.denominator'),
      })
    : t('importFile.columns');

  const run = async () => {
    setBusy(true);
    try {
      const file = await bridge.openBinaryFile({
        title: t('importFile.dialogTitle'),
        filters: [{ name: t('importFile.filter'), extensions: ['csv', 'txt', 'xlsx'] }],
        maxBytes: MAX_BYTES,
      });
      if (file.status === 'canceled') return;
      if (file.status === 'error') return setOutcome({ ok: false, message: refusalText(file) });
      const parsed = await parseDataPointsFile(
        file.name,
        file.data,
        { valueType: measure.valueType, numeratorLabel: measure.numeratorLabel, denominatorLabel: measure.denominatorLabel },
        words,
      );
      const whole = parsed.errors.find((e) => e.line === 0);
      if (whole || parsed.rows.length === 0) {
        return setOutcome({ ok: false, fileName: file.name, message: whole?.message ?? t('importFile.noRows') });
      }
      const report = await trackSave(() => importDataPoints(repos, measure.id, parsed.rows));
      setOutcome({ ok: true, fileName: file.name, summary: importSummary(report, parsed.errors, t), errors: parsed.errors });
    } catch (e) {
      setOutcome({ ok: false, failed: true, message: t('importFile.failed', { reason: await errorTextLoaded(shownError(e, said)) }) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button variant="default" size="xs" leftSection={<IconFileImport size={14} />} loading={busy} onClick={() => void run()}>
        {t('importFile.button')}
      </Button>
      <Modal opened={outcome !== null} onClose={() => setOutcome(null)} title={t('importFile.title')} size="lg" closeButtonProps={{ 'aria-label': t('close') }}>
        {outcome?.ok === false && (
          <Alert
            color="red"
            title={outcome.fileName ? t('importFile.notImportedNamed', { file: outcome.fileName }) : t('importFile.notImported')}
            data-testid="import-rejected"
          >
            <Text size="sm">{outcome.message}</Text>
            {!outcome.failed && <Text size="sm">{t('importFile.expected', { columns })}</Text>}
          </Alert>
        )}
        {outcome?.ok && (
          <Stack data-testid="import-report">
            <Alert color={outcome.errors.length ? 'yellow' : 'teal'} title={t('importFile.imported', { file: outcome.fileName })}>
              {outcome.summary}
            </Alert>
            <ImportProblems title={t('importFile.rowsSkipped')} errors={outcome.errors} />
          </Stack>
        )}
      </Modal>
    </>
  );
}
