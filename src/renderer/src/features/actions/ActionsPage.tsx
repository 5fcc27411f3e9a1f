import { Anchor, Badge, Button, Group, SegmentedControl, Select, Stack, Table, NativeSelect, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { IconChecklist, IconDownload, IconSearch } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { Link } from 'wouter';
import { today } from '@shared/clock';
import { ActionItemStatus } from '@shared/model/ibps';
import { EmptyState } from '../../components/EmptyState';
import { ListPager, usePaging } from '../../components/ListPager';
import { OnDemandSelect } from '../../components/OnDemandSelect';
import { DeferredPicker } from '../../components/DeferredPicker';
import { notifyError, notifySuccess } from '../../components/notify';
import { useLive, useRepos } from '../../db/live';
import { actionsPage, matchesActionSearch, type ActionFilter, type ActionSearch } from './queries';
import { setActionItemStatus, updateActionItem } from './commands';
import { exportActionRows } from './exportActions';
import { trackSave } from '../../stores/saveStatus/store';
import { personLabel, personOptions } from '../roster/labels';
import { useRosterOnDemand } from '../roster/useRosterOnDemand';
import { useFormat, useT } from '../../i18n';
import { useRosterWords } from '../roster/useRosterWords';
import { minutesWords } from '@shared/minutes/words';
import { useLanguage } from '../../stores/language/store';

const FILTERS: readonly ActionFilter[] = ['open', 'overdue', 'stale', 'done', 'all'];
/** Rows rendered at once: each carries three pickers, and thousands of open items froze the page. */
const PAGE_SIZE = 50;

/** Every body's action items in one place, so none goes stale without someone seeing it. */
export function ActionsPage() {
  const repos = useRepos();
  const t = useT('actions');
  const { local } = useRosterWords();
  const f = useFormat();
  const language = useLanguage((st) => st.language);
  const [filter, setFilter] = useState<ActionFilter>('open');
  const [search, setSearch] = useState<ActionSearch>({ text: '', ownerId: null, bodyId: null });
  const data = useLive((r) => actionsPage(r, filter), [filter]);
  // One options list for every row's owner picker: built per row, a roster of thousands times
  // hundreds of open items froze the page for seconds (bench scale suite).
  const roster = useRosterOnDemand();
  const ownerOptions = useMemo(() => personOptions(roster.people ?? data?.owners ?? [], undefined, local), [roster.people, data, local]);
  // The owner filter offers the people who own an item in this list, archived or not.
  const ownerFilterOptions = useMemo(() => (data?.owners ?? []).map((p) => ({ value: p.id, label: personLabel(p, local) })), [data, local]);
  const ownerLabels = useMemo(() => new Map(ownerFilterOptions.map((o) => [o.value, o.label])), [ownerFilterOptions]);
  const statusOptions = ActionItemStatus.options.map((value) => ({ value, label: t(`status.${value}`) }));
  const rows = useMemo(() => {
    if (!data) return [];
    const names = new Map(data.owners.map((p) => [p.id, p.name]));
    return data.rows.filter((r) => matchesActionSearch(r, search, (id) => (id ? (names.get(id) ?? '') : '')));
  }, [data, search]);
  const paging = usePaging(rows.length, PAGE_SIZE, `${filter} ${search.text} ${search.ownerId} ${search.bodyId}`);
  if (!data) return null;
  const narrowed = search.text.trim() !== '' || search.ownerId !== null || search.bodyId !== null;
  const exportRows = async () => {
    try {
      const result = await exportActionRows(
        rows,
        data.owners,
        t('export.fileName', { date: today() }),
        (key, values) => t(key, values),
        minutesWords(language),
      );
      if (result.status === 'saved') notifySuccess(t('page.saved', { path: result.path }));
      else if (result.status === 'error') notifyError(t('page.notSaved'), new Error(result.message));
    } catch (e) {
      notifyError(t('page.notSaved'), e);
    }
  };
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          {t('page.title')}
        </Title>
        <SegmentedControl
          aria-label={t('page.filter.label')}
          value={filter}
          onChange={(v) => setFilter(v as ActionFilter)}
          data={FILTERS.map((value) => ({ value, label: t(`page.filter.${value}`) }))}
        />
      </Group>
      {data.total > 0 && (
        <Group align="flex-end" gap="sm">
          <TextInput
            style={{ flex: 1 }}
            leftSection={<IconSearch size={16} />}
            aria-label={t('page.search')}
            placeholder={t('page.searchPlaceholder')}
            value={search.text}
            onChange={(e) => setSearch({ ...search, text: e.currentTarget.value })}
          />
          <Select
            w={200}
            aria-label={t('page.ownerFilter')}
            placeholder={t('page.anyOwner')}
            clearable
            searchable
            limit={50}
            data={[{ value: 'none', label: t('page.unassigned') }, ...ownerFilterOptions]}
            value={search.ownerId}
            onChange={(ownerId) => setSearch({ ...search, ownerId })}
          />
          <Select
            w={220}
            aria-label={t('page.bodyFilter')}
            placeholder={t('page.anyBody')}
            clearable
            searchable
            data={data.bodies.map((b) => ({ value: b.id, label: b.name }))}
            value={search.bodyId}
            onChange={(bodyId) => setSearch({ ...search, bodyId })}
          />
          <Button
            variant="default"
            leftSection={<IconDownload size={16} />}
            disabled={rows.length === 0}
            onClick={() => void exportRows()}
            data-testid="export-actions"
          >
            {t('page.export', { count: rows.length })}
          </Button>
        </Group>
      )}
      {data.total === 0 ? (
        <EmptyState icon={<IconChecklist size={30} />} title={t('page.emptyTitle')}>
          {t('page.emptyBody')}
        </EmptyState>
      ) : rows.length === 0 ? (
        <Text c="dimmed">{narrowed ? t('page.noMatch') : t('page.nothingHere')}</Text>
      ) : (
        <>
          <Table striped verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('page.col.what')}</Table.Th>
                <Table.Th>{t('page.col.body')}</Table.Th>
                <Table.Th w={200}>{t('page.col.owner')}</Table.Th>
                <Table.Th w={150}>{t('page.col.due')}</Table.Th>
                <Table.Th w={140}>{t('page.col.status')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.slice(paging.start, paging.end).map(({ item, bodyName, meetingTitle, meetingStartsAt, overdue, stale, daysSinceUpdate, recordLocked }) => (
                <Table.Tr key={item.id} data-testid="action-item-row" data-overdue={overdue} data-stale={stale}>
                  <Table.Td>
                    {/* A long item is cut to the column in the field: the whole of it shows on hover. */}
                    <Tooltip
                      multiline
                      w={420}
                      openDelay={300}
                      label={item.measure ? `${item.what}\n${t('page.measure', { measure: item.measure })}` : item.what}
                      style={{ whiteSpace: 'pre-line' }}
                    >
                      <TextInput
                        variant="unstyled"
                        aria-label={t('item.what')}
                        title={recordLocked ? t('page.locked', { what: item.what }) : item.what}
                        readOnly={recordLocked}
                        defaultValue={item.what}
                        onBlur={(e) =>
                          !recordLocked &&
                          e.currentTarget.value.trim() &&
                          e.currentTarget.value !== item.what &&
                          void trackSave(() => updateActionItem(repos, item.id, { what: e.currentTarget.value }))
                        }
                      />
                    </Tooltip>
                    {item.measure && (
                      <Text size="xs" c="dimmed" lineClamp={1} title={item.measure}>
                        {t('page.measure', { measure: item.measure })}
                      </Text>
                    )}
                    <Group gap={4}>
                      {overdue && (
                        <Badge color="red" size="xs">
                          {t('page.overdue')}
                        </Badge>
                      )}
                      {stale && (
                        <Badge color="yellow" size="xs">
                          {t('page.stale', { days: daysSinceUpdate })}
                        </Badge>
                      )}
                      <Anchor component={Link} href={`/meetings/${item.meetingId}`} size="xs" c="dimmed">
                        {meetingStartsAt ? t('page.meetingOn', { title: meetingTitle, date: f.date(meetingStartsAt) }) : meetingTitle}
                      </Anchor>
                    </Group>
                  </Table.Td>
                  <Table.Td>{bodyName || t('page.unknownBody')}</Table.Td>
                  <Table.Td>
                    <DeferredPicker
                      label={t('item.ownerOf', { what: item.what })}
                      shown={item.ownerId ? (ownerLabels.get(item.ownerId) ?? '') : ''}
                      placeholder={t('page.unassigned')}
                    >
                      {(start) => (
                        <OnDemandSelect
                          {...start}
                          size="xs"
                          aria-label={t('item.ownerOf', { what: item.what })}
                          placeholder={t('page.unassigned')}
                          searchable
                          clearable
                          limit={50}
                          options={ownerOptions}
                          onOpen={roster.request}
                          value={item.ownerId}
                          onChange={(ownerId) => void trackSave(() => updateActionItem(repos, item.id, { ownerId }))}
                        />
                      )}
                    </DeferredPicker>
                  </Table.Td>
                  <Table.Td>
                    <TextInput
                      size="xs"
                      type="date"
                      aria-label={t('item.dueOf', { what: item.what })}
                      value={item.dueDate ?? ''}
                      onChange={(e) => void trackSave(() => updateActionItem(repos, item.id, { dueDate: e.currentTarget.value || null }))}
                    />
                  </Table.Td>
                  <Table.Td>
                    {/* The browser's own select: four fixed choices need no combobox, and fifty of those cost most of a page. */}
                    <NativeSelect
                      size="xs"
                      aria-label={t('item.statusOf', { what: item.what })}
                      data={statusOptions}
                      value={item.status}
                      onChange={(e) => void trackSave(() => setActionItemStatus(repos, item.id, e.currentTarget.value as ActionItemStatus))}
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <ListPager paging={paging} testId="actions-pager" />
        </>
      )}
    </Stack>
  );
}
