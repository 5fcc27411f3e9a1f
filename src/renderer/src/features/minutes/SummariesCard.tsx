import { Card, Stack, Text, Title } from '@mantine/core';
import type { AgendaItem } from '@shared/model';
import { useT } from '../../i18n';
import { AutosaveTextarea } from '../../components/AutosaveFields';
import { useRepos } from '../../db/live';
import { saveSummary } from './commands';
import { trackSave } from '../../stores/saveStatus/store';

/** The recorder's words per agenda item: everything else in the minutes comes from the record. */
export function SummariesCard({
  meetingId,
  agenda,
  summaries,
  locked,
}: {
  meetingId: string;
  agenda: AgendaItem[];
  summaries: Record<string, string>;
  locked: boolean;
}) {
  const t = useT('minutes');
  const repos = useRepos();
  return (
    <Card withBorder>
      <Title order={3} size="h4">
        {t('summaries.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {locked ? t('summaries.locked') : t('summaries.intro')}
      </Text>
      {agenda.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('summaries.noAgenda')}
        </Text>
      ) : (
        <Stack gap="sm">
          {agenda.map((item, i) => (
            <AutosaveTextarea
              draftKey={`minutesSummaries:${meetingId}:${item.id}`}
              key={item.id}
              label={t('summaries.itemLabel', { number: i + 1, title: item.title })}
              description={t(`summaries.type.${item.type}`)}
              placeholder={item.type === 'decision' ? t('summaries.decided') : t('summaries.shared')}
              value={summaries[item.id] ?? ''}
              disabled={locked}
              maxRows={8}
              data-testid="minutes-summary"
              onSave={(text) => trackSave(() => saveSummary(repos, meetingId, item.id, text))}
            />
          ))}
        </Stack>
      )}
    </Card>
  );
}
