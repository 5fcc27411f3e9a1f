import { Alert, Button, Group, List, Modal, ScrollArea, Stack, Table, Text, Tooltip } from '@mantine/core';
import { IconFileImport } from '@tabler/icons-react';
import { useState } from 'react';
import { FIGURES_COLUMNS, FIGURES_MAX_BYTES, importedTotal, parseProgramFiguresCsv, type FigureRow } from '@shared/p2p/programFigures';
import { formatShare, share } from '@shared/p2p/rollup';
import { notifyError } from '../../components/notify';
import { useTextFileImport } from '../../components/useTextFileImport';
import { useRepos } from '../../db/live';
import { trackSave } from '../../stores/saveStatus/store';
import { importProgramFigures, type FiguresImportReport } from './commands';

/**
 * Import aggregate figures (region, teams, high performing, as of) for regions without team-level
 * data, kept with the chosen council. A file with any bad line is refused whole, lines listed; a
 * good file is shown first and kept only when the facilitator says so.
 */
export function ImportFiguresButton({ council }: { council: { id: string; name: string } | null }) {
  const repos = useRepos();
  const [done, setDone] = useState<FiguresImportReport | null>(null);
  const [saving, setSaving] = useState(false);
  const { busy, outcome, run, clear } = useTextFileImport<FigureRow[]>(
    { title: 'Import program figures', filters: [{ name: 'CSV', extensions: ['csv', 'txt'] }], maxBytes: FIGURES_MAX_BYTES },
    async (text) => {
      const parsed = parseProgramFiguresCsv(text);
      return parsed.ok
        ? { ok: true, result: parsed.rows }
        : { ok: false, message: [parsed.message, ...parsed.problems.map((p) => `Line ${p.line}: ${p.reason}`)].join('\n') };
    },
  );
  const close = () => {
    setDone(null);
    clear();
  };
  const keep = async (rows: FigureRow[], fileName: string) => {
    setSaving(true);
    try {
      setDone(await trackSave(() => importProgramFigures(repos, council!.id, rows, fileName)));
    } catch (e) {
      notifyError('The figures were not imported', e);
    } finally {
      setSaving(false);
    }
  };
  const button = (
    <Button
      variant="default"
      leftSection={<IconFileImport size={16} />}
      loading={busy}
      disabled={!council}
      onClick={() => void run()}
      data-testid="import-figures"
    >
      Import program figures
    </Button>
  );
  const [message, ...lines] = outcome?.ok === false ? outcome.message.split('\n') : [];
  const total = outcome?.ok ? importedTotal(outcome.result) : null;
  return (
    <>
      {council ? button : <Tooltip label="Choose a council first: imported figures are kept with a council">{button}</Tooltip>}
      <Modal opened={outcome !== null} onClose={close} title="Import program figures" size="lg">
        {outcome?.ok === false && (
          <Alert color="red" title={outcome.fileName ? `${outcome.fileName} was not imported` : 'Not imported'} data-testid="figures-rejected">
            <Stack gap="xs">
              <Text size="sm">{message}</Text>
              {lines.length > 0 && (
                <ScrollArea.Autosize mah={240}>
                  <List size="sm" spacing={2} data-testid="figures-problems">
                    {lines.map((l) => (
                      <List.Item key={l}>{l}</List.Item>
                    ))}
                  </List>
                </ScrollArea.Autosize>
              )}
              <Text size="sm">
                Columns: {FIGURES_COLUMNS.join(', ')}. Teams and high performing are whole numbers (1,347 is fine); as_of is a date such as 2021-06-30.
              </Text>
            </Stack>
          </Alert>
        )}
        {outcome?.ok && (
          <Stack data-testid="figures-preview">
            <Text size="sm">
              {outcome.fileName}: {outcome.result.length} figure{outcome.result.length === 1 ? '' : 's'}. They are kept with <b>{council?.name}</b> and shown
              beside the figures computed from assessments, marked as imported.
            </Text>
            <Table withTableBorder verticalSpacing={4} fz="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Region</Table.Th>
                  <Table.Th>As of</Table.Th>
                  <Table.Th ta="right">Teams</Table.Th>
                  <Table.Th ta="right">High performing</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {outcome.result.map((row) => (
                  <Table.Tr key={row.line}>
                    <Table.Td>{row.region}</Table.Td>
                    <Table.Td>{row.asOf}</Table.Td>
                    <Table.Td ta="right">{row.teams.toLocaleString('en-US')}</Table.Td>
                    <Table.Td ta="right">{formatShare(share(row.highPerforming, row.teams))}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {total && (
              <Text size="sm" fw={600} data-testid="figures-total">
                All {total.regions} regions: {formatShare(total.share)} high performing
              </Text>
            )}
            {done ? (
              <Alert color="teal" title="Imported" data-testid="figures-imported">
                {done.added + done.replaced} figures kept with {council?.name}
                {done.replaced ? `; ${done.replaced} replaced figures of the same region and date` : ''}.
              </Alert>
            ) : (
              <Group justify="flex-end">
                <Button variant="default" onClick={close}>
                  Cancel
                </Button>
                <Button loading={saving} onClick={() => void keep(outcome.result, outcome.fileName)}>
                  Import {outcome.result.length} figures
                </Button>
              </Group>
            )}
          </Stack>
        )}
      </Modal>
    </>
  );
}
