import { Alert, Button, Modal, Stack } from '@mantine/core';
import { IconFileImport } from '@tabler/icons-react';
import { useState } from 'react';
import type { Measure } from '@shared/model/rim';
import { parseDataPointsCsv, type ImportError } from '@shared/rim/dataImport';
import { bridge } from '../../bridge';
import { useRepos } from '../../db/live';
import { importDataPoints } from '../../db/rim';
import { trackSave } from '../../stores/saveStatus/store';
import { ImportProblems } from './ImportProblems';
import { importSummary } from './importReport';

const MAX_BYTES = 4 * 1024 * 1024;

type Outcome = { ok: true; summary: string; errors: ImportError[]; fileName: string } | { ok: false; message: string; fileName?: string };

/** Import date,value[,note] rows from a CSV file; good rows land, bad rows are listed by line. */
export function ImportPointsButton({ measure }: { measure: Measure }) {
  const repos = useRepos();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const run = async () => {
    setBusy(true);
    try {
      const file = await bridge.openTextFile({ title: 'Import data points', filters: [{ name: 'CSV', extensions: ['csv', 'txt'] }], maxBytes: MAX_BYTES });
      if (file.status === 'canceled') return;
      if (file.status === 'error') return setOutcome({ ok: false, message: file.message });
      const parsed = parseDataPointsCsv(file.text);
      const whole = parsed.errors.find((e) => e.line === 0);
      if (whole || parsed.rows.length === 0) return setOutcome({ ok: false, message: whole?.message ?? 'No row of the file could be read.', fileName: file.name });
      const report = await trackSave(() => importDataPoints(repos, measure.id, parsed.rows));
      setOutcome({ ok: true, summary: importSummary(report, parsed.errors), errors: parsed.errors, fileName: file.name });
    } catch (e) {
      setOutcome({ ok: false, message: `The import failed and nothing was changed: ${e instanceof Error ? e.message : String(e)}` });
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button variant="default" size="xs" leftSection={<IconFileImport size={14} />} loading={busy} onClick={() => void run()}>
        Import CSV
      </Button>
      <Modal opened={outcome !== null} onClose={() => setOutcome(null)} title="Data import" size="lg">
        {outcome?.ok === false && (
          <Alert color="red" title={outcome.fileName ? `${outcome.fileName} was not imported` : 'Not imported'} data-testid="import-rejected">
            {outcome.message} Columns: date, value and an optional note.
          </Alert>
        )}
        {outcome?.ok && (
          <Stack data-testid="import-report">
            <Alert color={outcome.errors.length ? 'yellow' : 'teal'} title={`Imported from ${outcome.fileName}`}>{outcome.summary}</Alert>
            <ImportProblems title="Rows not imported" errors={outcome.errors} />
          </Stack>
        )}
      </Modal>
    </>
  );
}
