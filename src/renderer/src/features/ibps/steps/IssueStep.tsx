import { Alert, Button, Group, List, Stack, Text, Timeline, Title } from '@mantine/core';
import { IconBulb, IconHistory } from '@tabler/icons-react';
import { format, parseISO } from 'date-fns';
import { checkIssueStatement } from '@shared/ibps/issueStatement';
import { AutosaveTextarea } from '../../../components/AutosaveFields';
import { useRepos } from '../../../db/live';
import { editIssue, reviseIssue } from '../commands';
import { type SessionRecord } from '../queries';
import { trackSave } from '../../../stores/saveStatus/store';
import { sendDraft } from '../liveDraft';

/** One issue, as a neutral question. Checks are gentle: the facilitator may keep any wording. */
export function IssueStep({ record }: { record: SessionRecord }) {
  const repos = useRepos();
  const current = record.revisions.at(-1);
  const earlier = record.revisions.slice(0, -1).reverse();
  const warnings = current ? checkIssueStatement(current.text, { peopleNames: record.people.map((p) => p.name) }) : [];

  return (
    <Stack>
      <Title order={3}>What is the issue?</Title>
      <Text c="dimmed">State one issue as a question, without a built-in solution or blame: “How can we …?”</Text>
      {current ? (
        <AutosaveTextarea
          draftKey={`issueRevisions:${current.id}:text`}
          key={current.id}
          size="lg"
          minRows={2}
          aria-label="Issue statement"
          data-testid="issue-statement"
          value={current.text}
          onSave={(text) => editIssue(repos, current.id, text)}
          onDraft={(text) => sendDraft(record.session.id, { field: 'issue', text })}
        />
      ) : (
        <Button
          variant="light"
          size="md"
          leftSection={<IconBulb size={18} />}
          onClick={() => void trackSave(() => reviseIssue(repos, record.session.id, 'How can we '))}
        >
          Write the issue statement
        </Button>
      )}
      {warnings.length > 0 && (
        <Alert color="yellow" variant="light" title="Worth a second look" data-testid="issue-warnings">
          <List size="sm">
            {warnings.map((w) => (
              <List.Item key={w.code}>{w.message}</List.Item>
            ))}
          </List>
          <Text size="sm" mt="xs" c="dimmed">
            These are suggestions; the group can keep this wording.
          </Text>
        </Alert>
      )}
      {current && (
        <Group>
          <Button
            variant="default"
            leftSection={<IconHistory size={16} />}
            onClick={() => void trackSave(() => reviseIssue(repos, record.session.id, current.text))}
          >
            Reword (keep this version on the record)
          </Button>
        </Group>
      )}
      {earlier.length > 0 && (
        <Stack gap="xs">
          <Text fw={600}>Earlier wordings</Text>
          <Timeline bulletSize={14} lineWidth={2}>
            {earlier.map((r) => (
              <Timeline.Item key={r.id} title={format(parseISO(r.updatedAt), 'HH:mm')}>
                <Text size="sm" c="dimmed" data-testid="issue-revision">
                  {r.text}
                </Text>
              </Timeline.Item>
            ))}
          </Timeline>
        </Stack>
      )}
    </Stack>
  );
}
