import { Alert, Button, Modal, Stack } from '@mantine/core';
import { IconFileImport } from '@tabler/icons-react';
import { useState } from 'react';
import { isRatioValueType, type Measure } from '@shared/model/rim';
import { parseDataPointsFile, type ImportError } from '@shared/rim/dataImport';
import { bridge } from '../../bridge';
import { useRepos } from '../../db/live';
import { importDataPoints } from './commands';
import { trackSave } from '../../stores/saveStatus/store';
import { ImportProblems } from './ImportProblems';
import { importSummary } from './importReport';

/** A spreadsheet of a few years of weekly points is a few hundred KB; the cap keeps a wrong pick from loading. */
const MAX_BYTES = 4 * 1024 * 1024;

type Outcome = { ok: true; fileName: string; summary: string; errors: ImportError[] } | { ok: false; fileName?: string; message: string };

/**
 * Import points from a CSV file or an Excel workbook (.xlsx): good rows land in one transaction,
 * bad rows are listed by line with the reason; a file that cannot be read changes nothing.
 */
export function ImportPointsButton({ measure }: { measure: Measure }) {
  const repos = useRepos();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const ratio = isRatioValueType(measure.valueType);
  const columns = ratio
    ? `date, ${measure.numeratorLabel || 'numerator'}, ${measure.denominatorLabel || 'denominator'} and an optional note`
    : 'date, value and an optional note';

  const run = async () => {
    setBusy(true);
    try {
      const file = await bridge.openBinaryFile({
        title: 'Import data points',
        filters: [{ name: 'CSV or Excel workbook', extensions: ['csv', 'txt', 'xlsx'] }],
        maxBytes: MAX_BYTES,
      });
      if (file.status === 'canceled') return;
      if (file.status === 'error') return setOutcome({ ok: false, message: file.message });
      const parsed = await parseDataPointsFile(file.name, file.data, {
        valueType: measure.valueType,
        numeratorLabel: measure.numeratorLabel,
        denominatorLabel: measure.denominatorLabel,
      });
      const whole = parsed.errors.find((e) => e.line === 0);
      if (whole || parsed.rows.length === 0) {
        return setOutcome({ ok: false, fileName: file.name, message: whole?.message ?? 'No row of the file could be read.' });
      }
      const report = await trackSave(() => importDataPoints(repos, measure.id, parsed.rows));
      setOutcome({ ok: true, fileName: file.name, summary: importSummary(report, parsed.errors), errors: parsed.errors });
    } catch (e) {
      setOutcome({ ok: false, message: `The import failed and nothing was changed: ${e instanceof Error ? e.message : String(e)}` });
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button variant="default" size="xs" leftSection={<IconFileImport size={14} />} loading={busy} onClick={() => void run()}>
        Import CSV or Excel
      </Button>
      <Modal opened={outcome !== null} onClose={() => setOutcome(null)} title="Data import" size="lg">
        {outcome?.ok === false && (
          <Alert color="red" title={outcome.fileName ? `${outcome.fileName} was not imported` : 'Not imported'} data-testid="import-rejected">
            {outcome.message} Columns: {columns}.
          </Alert>
        )}
        {outcome?.ok && (
          <Stack data-testid="import-report">
            <Alert color={outcome.errors.length ? 'yellow' : 'teal'} title={`Imported from ${outcome.fileName}`}>
              {outcome.summary}
            </Alert>
            <ImportProblems title="Rows not imported" errors={outcome.errors} />
          </Stack>
        )}
      </Modal>
    </>
  );
}
