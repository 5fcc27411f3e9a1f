import { Button } from '@mantine/core';
import { IconArchive, IconArchiveOff } from '@tabler/icons-react';
import { useT } from '../../i18n';
import { useRepos } from '../../db/live';
import { setArchived } from './commands';
import { notifyError, notifyWithUndo } from '../../components/notify';
import { trackSave } from '../../stores/saveStatus/store';

/** Archive (never delete): history keeps pointing at the record, and Undo is one click away. */
export function ArchiveButton({
  table,
  record,
  label,
  onDone,
}: {
  table: 'councils' | 'teams' | 'people';
  record: { id: string; archivedAt: string | null };
  label: string;
  onDone?: () => void;
}) {
  const repos = useRepos();
  const t = useT('roster');
  const archived = Boolean(record.archivedAt);
  const toggle = async () => {
    try {
      await trackSave(() => setArchived(repos, table, record.id, !archived));
      notifyWithUndo(t(archived ? 'archive.restored' : 'archive.archived', { name: label }), () =>
        trackSave(() => setArchived(repos, table, record.id, archived)),
      );
      onDone?.();
    } catch (e) {
      notifyError(t(archived ? 'archive.couldNotRestore' : 'archive.couldNotArchive', { name: label }), e);
    }
  };
  return (
    <Button
      variant="subtle"
      color={archived ? 'teal' : 'gray'}
      leftSection={archived ? <IconArchiveOff size={16} /> : <IconArchive size={16} />}
      onClick={() => void toggle()}
    >
      {archived ? t('archive.restore') : t('archive.archive')}
    </Button>
  );
}
