import { ActionIcon, Alert, Button, Checkbox, Group, Paper, Select, Stack, Table, Text, Textarea, Title, Tooltip } from '@mantine/core';
import { IconLock, IconStar, IconStarFilled } from '@tabler/icons-react';
import { useState } from 'react';
import { EVALUATION_RATING_LABELS, type EvaluationRating } from '@shared/model/ibps';
import { useRepos } from '../../../db/live';
import { goToStep, overrideCriteriaOrder, rateCell, setCoverage, toggleShortlisted } from '../commands';
import { type SessionRecord } from '../queries';
import { canEvaluateOptions, latestByKey } from '@shared/ibps/matrix';
import { trackSave } from '../../../stores/saveStatus/store';
import { AutosaveTextInput } from '../../../components/AutosaveFields';

const RATING_COLORS: Record<EvaluationRating, string> = {
  meets: 'var(--mantine-color-teal-1)',
  partly: 'var(--mantine-color-yellow-1)',
  'does-not': 'var(--mantine-color-red-1)',
};

export function EvaluateStep({ record }: { record: SessionRecord }) {
  const { session } = record;
  if (!canEvaluateOptions(session)) return <EvaluationBlocked record={record} />;
  return <EvaluationMatrix record={record} />;
}

/** Criteria come first: judging options before agreeing the tests invites positional bargaining. */
function EvaluationBlocked({ record }: { record: SessionRecord }) {
  const repos = useRepos();
  const [reason, setReason] = useState('');
  return (
    <Stack data-testid="evaluation-blocked">
      <Title order={3}>Evaluate options</Title>
      <Alert color="orange" icon={<IconLock />} title="Agree the criteria first">
        The group has not yet agreed the criteria options will be judged against. Go back to the criteria step and mark them agreed.
      </Alert>
      <Group>
        <Button onClick={() => void trackSave(() => goToStep(repos, record.session.id, 'criteria'))}>Go to criteria</Button>
      </Group>
      <Paper withBorder p="sm">
        <Stack gap="xs">
          <Text fw={600} size="sm">
            Facilitator override
          </Text>
          <Textarea
            aria-label="Reason to evaluate before criteria are agreed"
            placeholder="Why the group is evaluating before agreeing criteria (recorded in the minutes)"
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
          />
          <Group>
            <Button
              variant="default"
              disabled={reason.trim().length < 5}
              onClick={() => void trackSave(() => overrideCriteriaOrder(repos, record.session.id, reason))}
            >
              Evaluate anyway, recording this reason
            </Button>
          </Group>
        </Stack>
      </Paper>
    </Stack>
  );
}

function EvaluationMatrix({ record }: { record: SessionRecord }) {
  const repos = useRepos();
  const { session } = record;
  const options = record.options.filter((o) => !o.mergedIntoId);
  const ratings = latestByKey(record.evaluations, (e) => `${e.optionId}|${e.criterionId}`);
  const coverage = latestByKey(record.coverage, (c) => `${c.optionId}|${c.interestId}`);
  const interests = record.interests.filter((i) => !i.isPosition);

  return (
    <Stack>
      <Title order={3}>Evaluate options</Title>
      {!session.criteriaAgreedAt && <Alert color="yellow">Evaluating before criteria were agreed. Reason on record: {session.criteriaOverrideReason}</Alert>}
      {options.length === 0 || record.criteria.length === 0 ? (
        <Text c="dimmed">Add options and criteria to evaluate.</Text>
      ) : (
        <Table withTableBorder withColumnBorders data-testid="evaluation-matrix">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Option</Table.Th>
              {record.criteria.map((c) => (
                <Table.Th key={c.id}>{c.text}</Table.Th>
              ))}
              <Table.Th w={60}>Short-list</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {options.map((o) => (
              <Table.Tr key={o.id}>
                <Table.Td fw={500}>{o.text}</Table.Td>
                {record.criteria.map((c) => {
                  const cell = ratings.get(`${o.id}|${c.id}`);
                  return (
                    <Table.Td key={c.id} style={{ background: cell ? RATING_COLORS[cell.rating] : undefined }}>
                      <Select
                        size="xs"
                        aria-label={`${o.text} against ${c.text}`}
                        placeholder="Rate"
                        data={Object.entries(EVALUATION_RATING_LABELS).map(([value, label]) => ({ value, label }))}
                        value={cell?.rating ?? null}
                        onChange={(v) => v && void trackSave(() => rateCell(repos, session.id, o.id, c.id, { rating: v as EvaluationRating }))}
                      />
                      {cell && (
                        <AutosaveTextInput
                          draftKey={`evaluations:${o.id}:${c.id}:note`}
                          mt={4}
                          size="xs"
                          variant="unstyled"
                          aria-label={`Note on ${o.text} against ${c.text}`}
                          placeholder="Add a note"
                          value={cell.note}
                          onSave={(note) => rateCell(repos, session.id, o.id, c.id, { rating: cell.rating, note })}
                        />
                      )}
                    </Table.Td>
                  );
                })}
                <Table.Td>
                  <Tooltip label={o.shortlisted ? 'Remove from shortlist' : 'Shortlist'}>
                    <ActionIcon
                      variant="subtle"
                      color="orange"
                      aria-label={`Shortlist ${o.text}`}
                      onClick={() => void trackSave(() => toggleShortlisted(repos, o.id))}
                    >
                      {o.shortlisted ? <IconStarFilled size={18} /> : <IconStar size={18} />}
                    </ActionIcon>
                  </Tooltip>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {options.length > 0 && interests.length > 0 && (
        <>
          <Title order={4}>Which interests does each option meet?</Title>
          <Table withTableBorder withColumnBorders data-testid="coverage-matrix">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Interest</Table.Th>
                {options.map((o) => (
                  <Table.Th key={o.id}>{o.text}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {interests.map((i) => (
                <Table.Tr key={i.id}>
                  <Table.Td>{i.text}</Table.Td>
                  {options.map((o) => (
                    <Table.Td key={o.id}>
                      <Checkbox
                        aria-label={`${o.text} meets ${i.text}`}
                        checked={coverage.get(`${o.id}|${i.id}`)?.covered ?? false}
                        onChange={(e) => void trackSave(() => setCoverage(repos, session.id, o.id, i.id, e.currentTarget.checked))}
                      />
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
              <Table.Tr>
                <Table.Td fw={600}>Interests met</Table.Td>
                {options.map((o) => (
                  <Table.Td key={o.id} fw={600}>
                    {interests.filter((i) => coverage.get(`${o.id}|${i.id}`)?.covered).length} / {interests.length}
                  </Table.Td>
                ))}
              </Table.Tr>
            </Table.Tbody>
          </Table>
        </>
      )}
    </Stack>
  );
}
