import { Alert, Button, Group, List, Modal, ScrollArea, Stack, Table, Text, Tooltip } from '@mantine/core';
import { IconFileImport } from '@tabler/icons-react';
import { useState } from 'react';
import {
  FIGURES_COLUMNS,
  FIGURES_MAX_BYTES,
  figuresReasonsText,
  figuresRefusalText,
  importedTotal,
  parseProgramFiguresCsv,
  type FigureRow,
} from '@shared/p2p/programFigures';
import { share } from '@shared/p2p/rollup';
import { notifyError } from '../../components/notify';
import { useTextFileImport } from '../../components/useTextFileImport';
import { useRepos } from '../../db/live';
import { trackSave } from '../../stores/saveStatus/store';
import { importProgramFigures, type FiguresImportReport } from './commands';
import { useP2pWords } from './labels';
import { shownError } from './refusals';

/**
 * Import aggregate figures (region, teams, high performing, as of) for regions without team-level
 * data, kept with the chosen council. A file with any bad line is refused whole, lines listed; a
 * good file is shown first and kept only when the facilitator says so.
 */
export function ImportFiguresButton({ council }: { council: { id: string; name: string } | null }) {
  const repos = useRepos();
  const [done, setDone] = useState<FiguresImportReport | null>(null);
  const [saving, setSaving] = useState(false);
  const w = useP2pWords();
  const { t } = w;
  const { busy, outcome, run, clear } = useTextFileImport<FigureRow[]>(
    { title: t('import.title'), filters: [{ name: t('import.filter'), extensions: ['csv', 'txt'] }], maxBytes: FIGURES_MAX_BYTES },
    async (text) => {
      const parsed = parseProgramFiguresCsv(text);
      if (parsed.ok) return { ok: true, result: parsed.rows };
      // The parser refuses with codes and values; the screen words them in its own language.
      const { refusal } = parsed;
      const lines = refusal.lines.map((l) => t('import.line', { line: l.line, reason: figuresReasonsText(l.reasons, w.words) }));
      return { ok: false, message: [figuresRefusalText(refusal, w.words), ...lines].join('\n') };
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
      notifyError(t('import.notImported'), shownError(e, w));
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
      {t('import.title')}
    </Button>
  );
  const [message, ...lines] = outcome?.ok === false ? outcome.message.split('\n') : [];
  const total = outcome?.ok ? importedTotal(outcome.result) : null;
  return (
    <>
      {council ? button : <Tooltip label={t('import.chooseCouncil')}>{button}</Tooltip>}
      <Modal opened={outcome !== null} onClose={close} title={t('import.title')} size="lg">
        {outcome?.ok === false && (
          <Alert
            color="red"
            title={outcome.fileName ? t('import.fileNotImported', { file: outcome.fileName }) : t('import.rejected')}
            data-testid="figures-rejected"
          >
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
              <Text size="sm">{t('import.columns', { columns: FIGURES_COLUMNS.join(', ') })}</Text>
            </Stack>
          </Alert>
        )}
        {outcome?.ok && (
          <Stack data-testid="figures-preview">
            <Text size="sm">{t('import.preview', { file: outcome.fileName, count: outcome.result.length, council: council?.name ?? '' })}</Text>
            <Table withTableBorder verticalSpacing={4} fz="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('import.column.region')}</Table.Th>
                  <Table.Th>{t('import.column.asOf')}</Table.Th>
                  <Table.Th ta="right">{t('import.column.teams')}</Table.Th>
                  <Table.Th ta="right">{t('import.column.highPerforming')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {outcome.result.map((row) => (
                  <Table.Tr key={row.line}>
                    <Table.Td>{row.region}</Table.Td>
                    <Table.Td>{w.f.date(row.asOf)}</Table.Td>
                    <Table.Td ta="right">{w.f.number(row.teams)}</Table.Td>
                    <Table.Td ta="right">{w.share(share(row.highPerforming, row.teams))}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {total && (
              <Text size="sm" fw={600} data-testid="figures-total">
                {t('import.total', { count: total.regions, share: w.share(total.share) })}
              </Text>
            )}
            {done ? (
              <Alert color="teal" title={t('import.imported')} data-testid="figures-imported">
                {t(done.replaced ? 'import.keptReplaced' : 'import.kept', {
                  count: done.added + done.replaced,
                  replaced: done.replaced,
                  council: council?.name ?? '',
                })}
              </Alert>
            ) : (
              <Group justify="flex-end">
                <Button variant="default" onClick={close}>
                  {t('cancel')}
                </Button>
                <Button loading={saving} onClick={() => void keep(outcome.result, outcome.fileName)}>
                  {t('import.keep', { count: outcome.result.length })}
                </Button>
              </Group>
            )}
          </Stack>
        )}
      </Modal>
    </>
  );
}
