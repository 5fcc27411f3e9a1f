import { Alert, Button, List, Modal, ScrollArea, Stack, Text } from '@mantine/core';
import { IconFileImport } from '@tabler/icons-react';
import { parseRosterCsv, ROSTER_COLUMNS, ROSTER_MAX_BYTES } from '@shared/roster/csvImport';
import { useTextFileImport } from '../../components/useTextFileImport';
import { useRepos } from '../../db/live';
import { useT } from '../../i18n';
import { importRoster } from './commands';
import { trackSave } from '../../stores/saveStatus/store';

/** Import people and team/council memberships from a CSV file; the outcome is always shown. */
export function ImportRosterButton() {
  const repos = useRepos();
  const t = useT('roster');
  const { busy, outcome, run, clear } = useTextFileImport(
    { title: t('import.dialogTitle'), filters: [{ name: t('import.fileKind'), extensions: ['csv', 'txt'] }], maxBytes: ROSTER_MAX_BYTES },
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
        {t('import.button')}
      </Button>
      <Modal opened={outcome !== null} onClose={clear} title={t('import.title')} size="lg">
        {outcome?.ok === false && (
          <Alert
            color="red"
            title={outcome.fileName ? t('import.notImportedFile', { fileName: outcome.fileName }) : t('import.notImported')}
            data-testid="import-rejected"
          >
            {outcome.message}
            <Text size="sm" mt="xs">
              {t('import.columnsHelp', { columns: ROSTER_COLUMNS.join(', ') })}
            </Text>
          </Alert>
        )}
        {outcome?.ok && (
          <Stack data-testid="import-report">
            <Alert color={outcome.result.report.errors.length ? 'yellow' : 'teal'} title={t('import.importedFrom', { fileName: outcome.fileName })}>
              {t('import.summary', {
                created: outcome.result.report.peopleCreated,
                matched: outcome.result.report.peopleMatched,
                memberships: outcome.result.report.membershipsCreated,
              })}
              {outcome.result.report.errors.length > 0 && ` ${t('import.skipped', { count: outcome.result.report.errors.length })}`}
            </Alert>
            {outcome.result.report.errors.length > 0 && (
              <>
                <Text fw={600}>{t('import.rowsNotImported')}</Text>
                <ScrollArea.Autosize mah={260}>
                  <List size="sm" spacing={4} data-testid="import-errors">
                    {outcome.result.report.errors.map((e) => (
                      <List.Item key={`${e.line}-${e.reason}`}>
                        {t('import.line', { line: e.line, reason: e.missing ? t(`import.${e.missing.code}`, { name: e.missing.name }) : e.reason })}
                      </List.Item>
                    ))}
                  </List>
                </ScrollArea.Autosize>
              </>
            )}
            {outcome.result.ignoredColumns.length > 0 && (
              <Text size="sm" c="dimmed">
                {t('import.ignoredColumns', { columns: outcome.result.ignoredColumns.join(', ') })}
              </Text>
            )}
          </Stack>
        )}
      </Modal>
    </>
  );
}
