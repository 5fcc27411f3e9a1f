import { Alert, Button, List, Modal, ScrollArea, Stack, Text } from '@mantine/core';
import { IconFileImport } from '@tabler/icons-react';
import { parseRosterCsv, ROSTER_COLUMNS, ROSTER_MAX_BYTES } from '@shared/roster/csvImport';
import { useTextFileImport } from '../../components/useTextFileImport';
import { useRepos } from '../../db/live';
import { importRoster } from './commands';
import { trackSave } from '../../stores/saveStatus/store';

/** Import people and team/council memberships from a CSV file; the outcome is always shown. */
export function ImportRosterButton() {
  const repos = useRepos();
  const { busy, outcome, run, clear } = useTextFileImport(
    { title: 'Import roster CSV', filters: [{ name: 'CSV', extensions: ['csv', 'txt'] }], maxBytes: ROSTER_MAX_BYTES },
    async (text) => {
      const parsed = parseRosterCsv(text);
      if (!parsed.ok) return { ok: false, message: parsed.message };
      const report = await trackSave(() => importRoster(repos, parsed.rows, parsed.errors));
      return { ok: true, result: { report, ignoredColumns: parsed.ignoredColumns } };
    },
  );

  return (
    <>
      <Button variant="default" leftSection={<IconFileImport size={16} />} loading={busy} onClick={() => void run()}>
        Import CSV
      </Button>
      <Modal opened={outcome !== null} onClose={clear} title="Roster import" size="lg">
        {outcome?.ok === false && (
          <Alert color="red" title={outcome.fileName ? `${outcome.fileName} was not imported` : 'Not imported'} data-testid="import-rejected">
            {outcome.message}
            <Text size="sm" mt="xs">
              Columns: {ROSTER_COLUMNS.join(', ')}. Side is management, union or physician; role_titles are separated by semicolons; council and team are names
              that already exist.
            </Text>
          </Alert>
        )}
        {outcome?.ok && (
          <Stack data-testid="import-report">
            <Alert color={outcome.result.report.errors.length ? 'yellow' : 'teal'} title={`Imported from ${outcome.fileName}`}>
              {outcome.result.report.peopleCreated} people added, {outcome.result.report.peopleMatched} matched by email,{' '}
              {outcome.result.report.membershipsCreated} memberships added.
              {outcome.result.report.errors.length > 0 && ` ${outcome.result.report.errors.length} rows were skipped.`}
            </Alert>
            {outcome.result.report.errors.length > 0 && (
              <>
                <Text fw={600}>Rows not imported</Text>
                <ScrollArea.Autosize mah={260}>
                  <List size="sm" spacing={4} data-testid="import-errors">
                    {outcome.result.report.errors.map((e) => (
                      <List.Item key={`${e.line}-${e.reason}`}>
                        Line {e.line}: {e.reason}
                      </List.Item>
                    ))}
                  </List>
                </ScrollArea.Autosize>
              </>
            )}
            {outcome.result.ignoredColumns.length > 0 && (
              <Text size="sm" c="dimmed">
                Ignored columns: {outcome.result.ignoredColumns.join(', ')}
              </Text>
            )}
          </Stack>
        )}
      </Modal>
    </>
  );
}
