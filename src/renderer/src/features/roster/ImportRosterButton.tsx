import { Alert, Button, List, Modal, ScrollArea, Stack, Text } from '@mantine/core';
import { IconFileImport } from '@tabler/icons-react';
import { useState } from 'react';
import { parseRosterCsv, ROSTER_COLUMNS, ROSTER_MAX_BYTES } from '@shared/roster/csvImport';
import { bridge } from '../../bridge';
import { useRepos } from '../../db/live';
import { importRoster, type RosterImportReport } from '../../db/roster';
import { trackSave } from '../../stores/saveStatus/store';

type Outcome = { kind: 'report'; report: RosterImportReport; fileName: string; ignoredColumns: string[] } | { kind: 'rejected'; message: string; fileName?: string };

/** Import people and team/council memberships from a CSV file; the outcome is always shown. */
export function ImportRosterButton() {
  const repos = useRepos();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const run = async () => {
    setBusy(true);
    try {
      const file = await bridge.openTextFile({ title: 'Import roster CSV', filters: [{ name: 'CSV', extensions: ['csv', 'txt'] }], maxBytes: ROSTER_MAX_BYTES });
      if (file.status === 'canceled') return;
      if (file.status === 'error') return setOutcome({ kind: 'rejected', message: file.message });
      const parsed = parseRosterCsv(file.text);
      if (!parsed.ok) return setOutcome({ kind: 'rejected', message: parsed.message, fileName: file.name });
      const report = await trackSave(() => importRoster(repos, parsed.rows, parsed.errors));
      setOutcome({ kind: 'report', report, fileName: file.name, ignoredColumns: parsed.ignoredColumns });
    } catch (e) {
      setOutcome({ kind: 'rejected', message: `The import failed and nothing was changed: ${e instanceof Error ? e.message : String(e)}` });
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button variant="default" leftSection={<IconFileImport size={16} />} loading={busy} onClick={() => void run()}>
        Import CSV
      </Button>
      <Modal opened={outcome !== null} onClose={() => setOutcome(null)} title="Roster import" size="lg">
        {outcome?.kind === 'rejected' && (
          <Alert color="red" title={outcome.fileName ? `${outcome.fileName} was not imported` : 'Not imported'} data-testid="import-rejected">
            {outcome.message}
            <Text size="sm" mt="xs">Columns: {ROSTER_COLUMNS.join(', ')}. Side is management, union or physician; role_titles are separated by semicolons; council and team are names that already exist.</Text>
          </Alert>
        )}
        {outcome?.kind === 'report' && (
          <Stack data-testid="import-report">
            <Alert color={outcome.report.errors.length ? 'yellow' : 'teal'} title={`Imported from ${outcome.fileName}`}>
              {outcome.report.peopleCreated} people added, {outcome.report.peopleMatched} matched by email, {outcome.report.membershipsCreated} memberships added.
              {outcome.report.errors.length > 0 && ` ${outcome.report.errors.length} rows were skipped.`}
            </Alert>
            {outcome.report.errors.length > 0 && (
              <>
                <Text fw={600}>Rows not imported</Text>
                <ScrollArea.Autosize mah={260}>
                  <List size="sm" spacing={4} data-testid="import-errors">
                    {outcome.report.errors.map((e) => (
                      <List.Item key={`${e.line}-${e.reason}`}>
                        Line {e.line}: {e.reason}
                      </List.Item>
                    ))}
                  </List>
                </ScrollArea.Autosize>
              </>
            )}
            {outcome.ignoredColumns.length > 0 && <Text size="sm" c="dimmed">Ignored columns: {outcome.ignoredColumns.join(', ')}</Text>}
          </Stack>
        )}
      </Modal>
    </>
  );
}
