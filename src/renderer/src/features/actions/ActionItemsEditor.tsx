import { ActionIcon, Group, Paper, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { ActionItemStatus, type ActionItem, type ActionItemInput } from '@shared/model/ibps';
import type { Person } from '@shared/model';
import { AutosaveTextInput } from '../../components/AutosaveFields';
import { removeWithUndo } from '../../components/notify';
import { useRepos } from '../../db/live';
import { trackSave } from '../../stores/saveStatus/store';
import { personOptions } from '../roster/labels';
import { CaptureInput } from '../ibps/CaptureInput';
import { sendDraft } from '../ibps/liveDraft';
import { useT } from '../../i18n';
import { addActionItem, removeActionItem, restoreActionItem, setActionItemStatus, updateActionItem, type ActionItemPatch } from './commands';
import { useRosterWords } from '../roster/useRosterWords';

/** Action items: what, how we'll know it worked, owner, due, status. Capture first, assign after, without leaving the keyboard. */
export function ActionItemsEditor({
  items,
  people,
  newItem,
  recordLocked = false,
}: {
  items: ActionItem[];
  people: Person[];
  newItem?: Omit<ActionItemInput, 'what'>;
  /** The meeting's minutes are approved: what was agreed is fixed; owner, due date and status stay open. */
  recordLocked?: boolean;
}) {
  const repos = useRepos();
  const t = useT('actions');
  const { local } = useRosterWords();
  const statusOptions = ActionItemStatus.options.map((value) => ({ value, label: t(`status.${value}`) }));
  const save = (item: ActionItem, patch: ActionItemPatch) => trackSave(() => updateActionItem(repos, item.id, patch));
  return (
    <Stack gap="xs">
      {newItem && !recordLocked && (
        <CaptureInput
          aria-label={t('editor.new')}
          data-testid="capture-action"
          placeholder={t('editor.newPlaceholder')}
          // The room view shows the item as it is typed, as it does interests and options.
          onDraft={newItem.sessionId ? (text) => sendDraft(newItem.sessionId!, { field: 'action', text }) : undefined}
          onAdd={(what) => trackSave(() => addActionItem(repos, { ...newItem, what }))}
        />
      )}
      {items.length === 0 && (
        <Text c="dimmed" size="sm">
          {t('editor.none')}
        </Text>
      )}
      {items.map((item) => (
        <Paper key={item.id} withBorder p="xs" data-testid="action-row">
          <AutosaveTextInput
            draftKey={`actionItems:${item.id}:what`}
            aria-label={t('item.what')}
            value={item.what}
            onSave={(what) => updateActionItem(repos, item.id, { what })}
            mb={6}
            readOnly={recordLocked}
          />
          <AutosaveTextInput
            draftKey={`actionItems:${item.id}:measure`}
            size="xs"
            aria-label={t('item.measureOf', { what: item.what })}
            placeholder={t('editor.measurePlaceholder')}
            value={item.measure ?? ''}
            onSave={(measure) => updateActionItem(repos, item.id, { measure })}
            mb={6}
            readOnly={recordLocked}
          />
          <Group wrap="wrap" gap="xs">
            <Select
              w={220}
              aria-label={t('item.ownerOf', { what: item.what })}
              placeholder={t('editor.owner')}
              searchable
              clearable
              limit={50}
              data={personOptions(people, undefined, local)}
              value={item.ownerId}
              onChange={(ownerId) => void save(item, { ownerId })}
            />
            <TextInput
              w={170}
              type="date"
              aria-label={t('item.dueOf', { what: item.what })}
              value={item.dueDate ?? ''}
              onChange={(e) => void save(item, { dueDate: e.currentTarget.value || null })}
            />
            <Select
              w={140}
              aria-label={t('item.statusOf', { what: item.what })}
              data={statusOptions}
              value={item.status}
              allowDeselect={false}
              onChange={(v) => v && void trackSave(() => setActionItemStatus(repos, item.id, v as ActionItemStatus))}
            />
            <ActionIcon
              disabled={recordLocked}
              variant="subtle"
              color="red"
              aria-label={t('item.removeOf', { what: item.what })}
              onClick={() =>
                void removeWithUndo(
                  t('editor.removed'),
                  () => removeActionItem(repos, item.id),
                  (row) => restoreActionItem(repos, row),
                )
              }
            >
              <IconTrash size={16} />
            </ActionIcon>
          </Group>
        </Paper>
      ))}
    </Stack>
  );
}
