import { ActionIcon, Alert, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconCheck, IconTrash } from '@tabler/icons-react';
import { format, parseISO } from 'date-fns';
import { removeWithUndo } from '../../../components/notify';
import { useRepos } from '../../../db/live';
import { addCriterion, removeCriterion, restoreCriterion, setCriteriaAgreed } from '../commands';
import { type SessionRecord } from '../queries';
import { trackSave } from '../../../stores/saveStatus/store';
import { CaptureInput } from '../CaptureInput';
import { sendDraft } from '../liveDraft';

export function CriteriaStep({ record }: { record: SessionRecord }) {
  const repos = useRepos();
  const { session } = record;
  const agreed = Boolean(session.criteriaAgreedAt);
  return (
    <Stack>
      <Title order={2} size="h3">
        Criteria
      </Title>
      <Text c="dimmed">
        Agree the objective tests a solution must pass (feasible, affordable, meets key interests, within the contract…) before judging any option.
      </Text>
      <CaptureInput
        aria-label="New criterion"
        onDraft={(text) => sendDraft(session.id, { field: 'criterion', text })}
        data-testid="capture-criterion"
        placeholder="Type a criterion and press Enter"
        onAdd={(text) => trackSave(() => addCriterion(repos, session.id, text))}
      />
      <Stack gap={6}>
        {record.criteria.map((c, i) => (
          <Paper key={c.id} withBorder p="xs" data-testid="criterion-row">
            <Group justify="space-between">
              <Text fw={500}>
                {i + 1}. {c.text}
              </Text>
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={`Remove criterion ${c.text}`}
                disabled={agreed}
                onClick={() =>
                  void removeWithUndo(
                    'Criterion removed',
                    () => removeCriterion(repos, c.id),
                    (row) => restoreCriterion(repos, row),
                  )
                }
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
          </Paper>
        ))}
      </Stack>
      {agreed ? (
        <Alert color="teal" icon={<IconCheck />} title="Criteria agreed" data-testid="criteria-agreed">
          Agreed at {format(parseISO(session.criteriaAgreedAt!), 'HH:mm, d MMM yyyy')}.{' '}
          <Button variant="subtle" size="compact-sm" onClick={() => void trackSave(() => setCriteriaAgreed(repos, session.id, false))}>
            Reopen criteria
          </Button>
        </Alert>
      ) : (
        <Group>
          <Button
            leftSection={<IconCheck size={16} />}
            disabled={record.criteria.length === 0}
            onClick={() => void trackSave(() => setCriteriaAgreed(repos, session.id, true))}
          >
            The group agrees these criteria
          </Button>
        </Group>
      )}
    </Stack>
  );
}
