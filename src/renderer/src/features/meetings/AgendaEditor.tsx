import { ActionIcon, Autocomplete, Button, Card, Group, Select, Stack, Table, Text, TextInput, Title, Tooltip, VisuallyHidden } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconListNumbers, IconTrash } from '@tabler/icons-react';
import { useId, useMemo, useState } from 'react';
import { AgendaItemType, type AgendaItem, type Meeting, type Person } from '@shared/model';
import type { IbpsSession } from '@shared/model/ibps';
import { IbpsItemButton } from './IbpsItemButton';
import { AutosaveNumberInput, AutosaveTextInput } from '../../components/AutosaveFields';
import { notifyError, removeWithUndo } from '../../components/notify';
import { useRepos } from '../../db/live';
import { addAgendaItem, addSevenStepAgenda, moveAgendaItem, removeAgendaItem, restoreAgendaItem, updateAgendaItem } from './commands';
import { trackSave } from '../../stores/saveStatus/store';
import { useAutosave } from '../../components/useAutosave';
import { useT } from '../../i18n';

/** The seven steps' words (agenda.step.<key>), in SEVEN_STEP_AGENDA's order. */
const SEVEN_STEP_KEYS = ['objective', 'roles', 'agenda', 'work', 'record', 'next', 'evaluate'] as const;

/** Keyboard-first agenda: type a title, Enter, next. Edits save as typed. */
export function AgendaEditor({
  meeting,
  items,
  sessions,
  openSessions,
  presenters = [],
  onPresentersOpen,
}: {
  meeting: Meeting;
  items: AgendaItem[];
  sessions: Map<string | null, IbpsSession>;
  openSessions: IbpsSession[];
  /** Who may present: the body's members first, then the rest of the roster. */
  presenters?: readonly Person[];
  /** A presenter list opened: the screen may fetch the rest of the roster. */
  onPresentersOpen?: () => void;
}) {
  const repos = useRepos();
  const t = useT('meetings');
  const typeOptions = AgendaItemType.options.map((value) => ({ value, label: t(`agenda.type.${value}`) }));
  const meetingId = meeting.id;
  const [title, setTitle] = useState('');
  const total = items.reduce((sum, i) => sum + i.timeBoxMinutes, 0);
  const presenterNames = useMemo(() => [...new Set(presenters.filter((p) => !p.archivedAt).map((p) => p.name))], [presenters]);

  const add = async () => {
    if (!title.trim()) return;
    const text = title;
    setTitle('');
    try {
      await trackSave(() => addAgendaItem(repos, { meetingId, title: text }));
    } catch (e) {
      setTitle(text);
      notifyError(t('agenda.addFailed'), e);
    }
  };
  const remove = (item: AgendaItem) =>
    removeWithUndo(
      t('agenda.removed', { title: item.title }),
      () => removeAgendaItem(repos, item.id),
      (row) => restoreAgendaItem(repos, row),
    );
  const addSevenSteps = () =>
    trackSave(() =>
      addSevenStepAgenda(
        repos,
        meetingId,
        SEVEN_STEP_KEYS.map((key) => t(`agenda.step.${key}`)),
      ),
    );

  return (
    <Card withBorder>
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          {t('agenda.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('agenda.summary', { count: items.length, minutes: total })}
        </Text>
      </Group>
      <Stack gap="sm">
        {items.length > 0 && (
          <Table verticalSpacing={4} withRowBorders={false}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={32}>#</Table.Th>
                <Table.Th>{t('agenda.col.item')}</Table.Th>
                <Table.Th w={180}>{t('agenda.col.presenter')}</Table.Th>
                <Table.Th w={110}>{t('agenda.col.minutes')}</Table.Th>
                <Table.Th w={150}>{t('agenda.col.type')}</Table.Th>
                <Table.Th w={200}>
                  <VisuallyHidden>{t('agenda.col.actions')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((item, index) => (
                <Table.Tr key={item.id} data-testid="agenda-row">
                  <Table.Td>
                    <Text c="dimmed" size="sm">
                      {index + 1}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <AutosaveTextInput
                      draftKey={`agendaItems:${item.id}:title`}
                      aria-label={t('agenda.itemTitle', { n: index + 1 })}
                      value={item.title}
                      onSave={(text) => updateAgendaItem(repos, item.id, { title: text })}
                    />
                  </Table.Td>
                  <Table.Td>
                    <PresenterInput
                      draftKey={`agendaItems:${item.id}:presenter`}
                      label={t('agenda.itemPresenter', { n: index + 1 })}
                      placeholder={t('agenda.presenterPlaceholder')}
                      names={presenterNames}
                      onOpen={onPresentersOpen}
                      value={item.presenter}
                      onSave={(p) => updateAgendaItem(repos, item.id, { presenter: p })}
                    />
                  </Table.Td>
                  <Table.Td>
                    <AutosaveNumberInput
                      aria-label={t('agenda.itemMinutes', { n: index + 1 })}
                      min={0}
                      max={600}
                      allowDecimal={false}
                      value={item.timeBoxMinutes}
                      onSave={(m) => updateAgendaItem(repos, item.id, { timeBoxMinutes: m })}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Select
                      aria-label={t('agenda.itemType', { n: index + 1 })}
                      data={typeOptions}
                      value={item.type}
                      allowDeselect={false}
                      onChange={(v) => v && void trackSave(() => updateAgendaItem(repos, item.id, { type: v as AgendaItemType }))}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Group gap={2} wrap="nowrap">
                      {item.type === 'ibps' && <IbpsItemButton meeting={meeting} item={item} session={sessions.get(item.id)} openSessions={openSessions} />}
                      <Tooltip label={t('agenda.moveUp')}>
                        <ActionIcon
                          variant="subtle"
                          color="gray"
                          aria-label={t('agenda.moveUp')}
                          disabled={index === 0}
                          onClick={() => void trackSave(() => moveAgendaItem(repos, item.id, -1))}
                        >
                          <IconArrowUp size={16} />
                        </ActionIcon>
                      </Tooltip>
                      <Tooltip label={t('agenda.moveDown')}>
                        <ActionIcon
                          variant="subtle"
                          color="gray"
                          aria-label={t('agenda.moveDown')}
                          disabled={index === items.length - 1}
                          onClick={() => void trackSave(() => moveAgendaItem(repos, item.id, 1))}
                        >
                          <IconArrowDown size={16} />
                        </ActionIcon>
                      </Tooltip>
                      <Tooltip label={t('agenda.remove')}>
                        <ActionIcon variant="subtle" color="red" aria-label={t('agenda.removeItem', { title: item.title })} onClick={() => void remove(item)}>
                          <IconTrash size={16} />
                        </ActionIcon>
                      </Tooltip>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        <Group align="flex-end">
          <TextInput
            style={{ flex: 1 }}
            label={t('agenda.add')}
            placeholder={t('agenda.addPlaceholder')}
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                void add();
              }
            }}
            data-testid="new-agenda-item"
          />
          <Button variant="light" onClick={() => void add()} disabled={!title.trim()}>
            {t('agenda.addButton')}
          </Button>
          {items.length === 0 && (
            <Button variant="default" leftSection={<IconListNumbers size={16} />} onClick={() => void addSevenSteps()}>
              {t('agenda.sevenSteps')}
            </Button>
          )}
        </Group>
      </Stack>
    </Card>
  );
}

/**
 * The presenter: picked from the roster as you type, or any name (a guest from payroll, a sponsor
 * visiting), since the agenda stores the name as said. Saves as typed, like the other fields.
 */
function PresenterInput({
  draftKey,
  label,
  placeholder,
  names,
  value,
  onSave,
  onOpen,
}: {
  draftKey: string;
  label: string;
  placeholder: string;
  names: readonly string[];
  value: string;
  onSave: (value: string) => Promise<unknown>;
  onOpen?: () => void;
}) {
  const { draft, change, flush, error } = useAutosave(value, onSave, { journalKey: draftKey });
  // Named through a hidden label: an aria-label would be copied onto the suggestions list too,
  // and two things would answer to "Agenda item 1 presenter".
  const labelId = useId();
  // Names go to Mantine only while the suggestions are open: it parses them on every render, and
  // each agenda row holding the whole roster made every keystroke on the meeting page slow.
  const [open, setOpen] = useState(false);
  return (
    <>
      <VisuallyHidden id={labelId}>{label}</VisuallyHidden>
      <Autocomplete
        aria-labelledby={labelId}
        placeholder={placeholder}
        data={open ? (names as string[]) : []}
        onDropdownOpen={() => {
          setOpen(true);
          onOpen?.();
        }}
        onDropdownClose={() => setOpen(false)}
        limit={20}
        value={draft}
        error={error ?? undefined}
        onChange={change}
        onOptionSubmit={(v) => {
          change(v);
          void flush();
        }}
        onBlur={() => void flush()}
      />
    </>
  );
}
