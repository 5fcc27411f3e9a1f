import { Card, Stack, Text, Title } from '@mantine/core';
import { AGENDA_ITEM_TYPE_LABELS, type AgendaItem } from '@shared/model';
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
  const repos = useRepos();
  return (
    <Card withBorder>
      <Title order={3} size="h4">
        Summaries
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {locked
          ? 'Approved minutes are locked. Start an amendment to change a summary.'
          : 'The outcome of each item in a sentence or two. The rest of the minutes is built from what was captured.'}
      </Text>
      {agenda.length === 0 ? (
        <Text size="sm" c="dimmed">
          This meeting has no agenda items yet.
        </Text>
      ) : (
        <Stack gap="sm">
          {agenda.map((item, i) => (
            <AutosaveTextarea
              draftKey={`minutesSummaries:${meetingId}:${item.id}`}
              key={item.id}
              label={`${i + 1}. ${item.title}`}
              description={AGENDA_ITEM_TYPE_LABELS[item.type]}
              placeholder={item.type === 'decision' ? 'What was decided' : 'What was shared or agreed'}
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
