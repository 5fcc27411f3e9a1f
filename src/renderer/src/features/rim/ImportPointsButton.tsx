import { Alert, Button, Modal, Stack } from '@mantine/core';
import { IconFileImport } from '@tabler/icons-react';
import type { Measure } from '@shared/model/rim';
import { parseDataPointsCsv } from '@shared/rim/dataImport';
import { useTextFileImport } from '../../components/useTextFileImport';
import { useRepos } from '../../db/live';
import { importDataPoints } from './commands';
import { trackSave } from '../../stores/saveStatus/store';
import { ImportProblems } from './ImportProblems';
import { importSummary } from './importReport';

const MAX_BYTES = 4 * 1024 * 1024;

/** Import date,value[,note] rows from a CSV file; good rows land, bad rows are listed by line. */
export function ImportPointsButton({ measure }: { measure: Measure }) {
  const repos = useRepos();
  const { busy, outcome, run, clear } = useTextFileImport(
    { title: 'Import data points', filters: [{ name: 'CSV', extensions: ['csv', 'txt'] }], maxBytes: MAX_BYTES },
    async (text) => {
      const parsed = parseDataPointsCsv(text);
      const whole = parsed.errors.find((e) => e.line === 0);
      if (whole || parsed.rows.length === 0) return { ok: false, message: whole?.message ?? 'No row of the file could be read.' };
      const report = await trackSave(() => importDataPoints(repos, measure.id, parsed.rows));
      return { ok: true, result: { summary: importSummary(report, parsed.errors), errors: parsed.errors } };
    },
  );

  return (
    <>
      <Button variant="default" size="xs" leftSection={<IconFileImport size={14} />} loading={busy} onClick={() => void run()}>
        Import CSV
      </Button>
      <Modal opened={outcome !== null} onClose={clear} title="Data import" size="lg">
        {outcome?.ok === false && (
          <Alert color="red" title={outcome.fileName ? `${outcome.fileName} was not imported` : 'Not imported'} data-testid="import-rejected">
            {outcome.message} Columns: date, value and an optional note.
          </Alert>
        )}
        {outcome?.ok && (
          <Stack data-testid="import-report">
            <Alert color={outcome.result.errors.length ? 'yellow' : 'teal'} title={`Imported from ${outcome.fileName}`}>
              {outcome.result.summary}
            </Alert>
            <ImportProblems title="Rows not imported" errors={outcome.result.errors} />
          </Stack>
        )}
      </Modal>
    </>
  );
}
