import { ActionIcon, Button, Card, Group, Stack, Text, Title, Tooltip } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconCalendarPlus, IconRepeat, IconTrash } from '@tabler/icons-react';
import { useLocation } from 'wouter';
import { formatMeetingWhen } from '@shared/i18n/format';
import type { BodyKind } from '@shared/model';
import { AutosaveTextInput } from '../../components/AutosaveFields';
import { notifyError, notifyWithUndo } from '../../components/notify';
import { useLive, useRepos } from '../../db/live';
import { trackSave } from '../../stores/saveStatus/store';
import { nextInSeries, removeTemplate, renameTemplate, restoreTemplate, startNextInSeries } from './commands';
import { describeRecurrence } from './describeRecurrence';
import { startNextError } from './problems';
import { templatesOfBody, type TemplateEntry } from './queries';
import { RepeatModal } from './RepeatModal';
import { useTemplatesT } from './useTemplatesT';

/** A council's or team's saved templates, each with its repeat rule and the series' next meeting. */
export function TemplatesCard({ bodyKind, bodyId }: { bodyKind: BodyKind; bodyId: string }) {
  const { t } = useTemplatesT();
  const entries = useLive((r) => templatesOfBody(r, bodyId), [bodyId]);
  const mine = entries?.filter((e) => e.template.bodyKind === bodyKind);
  return (
    <Card withBorder data-testid="templates-card">
      <Title order={2} size="h4" mb="xs">
        {t('card.title')}
      </Title>
      {mine?.length === 0 && (
        <Text c="dimmed" size="sm">
          {t('card.empty')}
        </Text>
      )}
      <Stack gap="md">
        {mine?.map((entry) => (
          <TemplateRow key={entry.template.id} entry={entry} />
        ))}
      </Stack>
    </Card>
  );
}

function TemplateRow({ entry }: { entry: TemplateEntry }) {
  const repos = useRepos();
  const [, navigate] = useLocation();
  const { t, locale } = useTemplatesT();
  const [repeatOpened, repeat] = useDisclosure(false);
  const { template, items } = entry;
  const next = nextInSeries(template);

  const startNext = async () => {
    try {
      const meeting = await trackSave(() => startNextInSeries(repos, template.id));
      navigate(`/meetings/${meeting.id}`);
    } catch (e) {
      notifyError(t('card.startNext'), startNextError(e, template.name, t));
    }
  };
  const remove = async () => {
    const removed = await trackSave(() => removeTemplate(repos, template.id));
    notifyWithUndo(t('card.removed', { name: template.name }), () => restoreTemplate(repos, removed));
  };

  return (
    <Stack gap={6} data-testid="template-row">
      <Group align="flex-end" wrap="nowrap">
        <AutosaveTextInput
          draftKey={`templates:${template.id}:name`}
          label={t('card.name')}
          value={template.name}
          onSave={(name) => trackSave(() => renameTemplate(repos, template.id, name))}
          style={{ flex: 1 }}
          data-testid="template-name"
        />
        <Tooltip label={t('card.remove')}>
          <ActionIcon variant="subtle" color="red" size="lg" aria-label={t('card.remove')} onClick={() => void remove()}>
            <IconTrash size={18} />
          </ActionIcon>
        </Tooltip>
      </Group>
      <Text size="xs" c="dimmed">
        {t('card.items', { count: items.length })}: {items.map((i) => i.title).join(' · ')}
      </Text>
      <Group gap={6} wrap="nowrap">
        <IconRepeat size={16} aria-hidden style={{ flexShrink: 0 }} />
        <Text size="sm" fw={500} data-testid="template-recurrence">
          {template.recurrence ? describeRecurrence(template.recurrence, t, locale) : t('card.noRepeat')}
        </Text>
      </Group>
      {next && (
        <Text size="sm" c="teal.8" data-testid="template-next">
          {t('card.next', { when: formatMeetingWhen({ startsAt: next }, locale, t('preRead.to')) })}
        </Text>
      )}
      <Group justify="flex-end" gap="xs">
        <Button size="xs" variant="default" onClick={repeat.open} data-testid="template-repeat">
          {t('card.editRepeat')}
        </Button>
        <Button size="xs" leftSection={<IconCalendarPlus size={14} />} disabled={!next} onClick={() => void startNext()} data-testid="template-start-next">
          {t('card.startNext')}
        </Button>
      </Group>
      <RepeatModal key={`${template.id}:${template.updatedAt}`} template={template} opened={repeatOpened} onClose={repeat.close} />
    </Stack>
  );
}
