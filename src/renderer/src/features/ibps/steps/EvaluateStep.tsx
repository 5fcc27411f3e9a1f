import {
  ActionIcon,
  Alert,
  Button,
  Checkbox,
  Group,
  Paper,
  SegmentedControl,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
  Tooltip,
  VisuallyHidden,
} from '@mantine/core';
import { IconLock, IconStar, IconStarFilled } from '@tabler/icons-react';
import { useState } from 'react';
import { EVALUATION_RATING_LABELS, type EvaluationRating } from '@shared/model/ibps';
import { useRepos } from '../../../db/live';
import { acceptCoverageSuggestions, goToStep, overrideCriteriaOrder, rateCell, setCoverage, toggleShortlisted } from '../commands';
import { notifyError } from '../../../components/notify';
import { type SessionRecord } from '../queries';
import { canEvaluateOptions, latestByKey, suggestCoverage } from '@shared/ibps/matrix';
import { trackSave } from '../../../stores/saveStatus/store';
import { AutosaveTextarea } from '../../../components/AutosaveFields';

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
      <Title order={2} size="h3">
        Evaluate options
      </Title>
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

const RATING_KEYS: Record<string, EvaluationRating> = { m: 'meets', p: 'partly', n: 'does-not' };
const RATING_SHORT: Record<EvaluationRating, string> = { meets: 'M', partly: 'P', 'does-not': 'N' };

function EvaluationMatrix({ record }: { record: SessionRecord }) {
  const repos = useRepos();
  const { session } = record;
  const options = record.options.filter((o) => !o.mergedIntoId);
  const ratings = latestByKey(record.evaluations, (e) => `${e.optionId}|${e.criterionId}`);
  const coverage = latestByKey(record.coverage, (c) => `${c.optionId}|${c.interestId}`);
  const interests = record.interests.filter((i) => !i.isPosition);
  const rate = (optionId: string, criterionId: string, rating: EvaluationRating) =>
    void trackSave(() => rateCell(repos, session.id, optionId, criterionId, { rating })).catch((e: unknown) => notifyError('The rating was not saved', e));
  const suggestions = suggestCoverage({
    options: record.options,
    criteria: record.criteria,
    interests: record.interests,
    evaluations: record.evaluations,
    coverage: record.coverage,
  });
  const suggested = new Map(suggestions.map((x) => [`${x.optionId}|${x.interestId}`, x]));
  const criterionText = new Map(record.criteria.map((c) => [c.id, c.text]));

  return (
    <Stack>
      <Title order={2} size="h3">
        Evaluate options
      </Title>
      {!session.criteriaAgreedAt && <Alert color="yellow">Evaluating before criteria were agreed. Reason on record: {session.criteriaOverrideReason}</Alert>}
      {options.length === 0 || record.criteria.length === 0 ? (
        <Text c="dimmed">Add options and criteria to evaluate.</Text>
      ) : (
        <>
          <Text size="xs" c="dimmed">
            Rate each option against each criterion: M meets, P partly meets, N does not meet (click, or press the letter in a cell; arrows move within it).
          </Text>
          {/* Wide enough for the usual three to five criteria at laptop size; more scroll sideways, nothing is cut. */}
          <Table.ScrollContainer minWidth={200 + record.criteria.length * 112}>
            <Table withTableBorder withColumnBorders data-testid="evaluation-matrix" layout="fixed" verticalSpacing={6} horizontalSpacing={6}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w="28%">Option</Table.Th>
                  {record.criteria.map((c) => (
                    <Table.Th key={c.id} fz="xs" style={{ overflowWrap: 'anywhere' }}>
                      {c.text}
                    </Table.Th>
                  ))}
                  <Table.Th w={44} ta="center" fz="xs" title="Shortlist">
                    <IconStar size={14} aria-label="Shortlist" />
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {options.map((o) => (
                  <Table.Tr key={o.id}>
                    <Table.Td fw={500} fz="sm" style={{ overflowWrap: 'anywhere' }}>
                      {o.text}
                    </Table.Td>
                    {record.criteria.map((c) => {
                      const cell = ratings.get(`${o.id}|${c.id}`);
                      return (
                        <Table.Td
                          key={c.id}
                          style={{ background: cell ? RATING_COLORS[cell.rating] : undefined, verticalAlign: 'top' }}
                          data-testid="rating-cell"
                          data-rating={cell?.rating ?? ''}
                          onKeyDown={(e) => {
                            const rating = RATING_KEYS[e.key.toLowerCase()];
                            if (!rating || e.ctrlKey || e.metaKey || e.altKey || (e.target as HTMLInputElement).type !== 'radio') return;
                            e.preventDefault();
                            rate(o.id, c.id, rating);
                          }}
                        >
                          <SegmentedControl
                            fullWidth
                            size="xs"
                            aria-label={`${o.text} against ${c.text}`}
                            value={cell?.rating ?? ''}
                            onChange={(v) => rate(o.id, c.id, v as EvaluationRating)}
                            data={(Object.keys(EVALUATION_RATING_LABELS) as EvaluationRating[]).map((r) => ({
                              value: r,
                              label: (
                                <Tooltip label={EVALUATION_RATING_LABELS[r]} openDelay={400}>
                                  <span>
                                    <span aria-hidden="true">{RATING_SHORT[r]}</span>
                                    <VisuallyHidden>{EVALUATION_RATING_LABELS[r]}</VisuallyHidden>
                                  </span>
                                </Tooltip>
                              ),
                            }))}
                            styles={{ label: { paddingInline: 2 } }}
                          />
                          <Text size="xs" fw={600} mt={2} c={cell ? undefined : 'dimmed'}>
                            {cell ? EVALUATION_RATING_LABELS[cell.rating] : 'Not rated'}
                          </Text>
                          {cell && (
                            // Wraps rather than scrolls: a narrow cell still shows the whole note.
                            <AutosaveTextarea
                              draftKey={`evaluations:${o.id}:${c.id}:note`}
                              size="xs"
                              variant="unstyled"
                              autosize
                              minRows={1}
                              aria-label={`Note on ${o.text} against ${c.text}`}
                              placeholder="Note…"
                              value={cell.note}
                              onSave={(note) => rateCell(repos, session.id, o.id, c.id, { rating: cell.rating, note })}
                              onKeyDown={(e) => {
                                // A note is one line: Enter ends it rather than starting a second one.
                                if (e.key === 'Enter') {
                                  e.preventDefault();
                                  e.currentTarget.blur();
                                }
                              }}
                            />
                          )}
                        </Table.Td>
                      );
                    })}
                    <Table.Td ta="center">
                      <Tooltip label={o.shortlisted ? 'Remove from shortlist' : 'Shortlist'}>
                        <ActionIcon
                          variant={o.shortlisted ? 'light' : 'subtle'}
                          color="orange"
                          aria-label={`Shortlist ${o.text}`}
                          aria-pressed={o.shortlisted}
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
          </Table.ScrollContainer>
        </>
      )}
      {options.length > 0 && interests.length > 0 && (
        <>
          <Group justify="space-between">
            <Title order={3} size="h4">
              Which interests does each option meet?
            </Title>
            {suggestions.length > 0 && (
              <Button
                size="compact-sm"
                variant="light"
                data-testid="accept-coverage"
                onClick={() =>
                  void trackSave(() => acceptCoverageSuggestions(repos, session.id, suggestions)).catch((e: unknown) =>
                    notifyError('The suggestions were not recorded', e),
                  )
                }
              >
                Tick the {suggestions.length} the matrix suggests
              </Button>
            )}
          </Group>
          {suggestions.length > 0 && (
            <Text size="xs" c="dimmed">
              Dashed boxes: the option meets a criterion about that interest. Tick them one by one, or all at once when the group agrees.
            </Text>
          )}
          <Table.ScrollContainer minWidth={200 + options.length * 96}>
            <Table withTableBorder withColumnBorders data-testid="coverage-matrix" layout="fixed" fz="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w="36%">Interest</Table.Th>
                  {options.map((o) => (
                    <Table.Th key={o.id} fz="xs" style={{ overflowWrap: 'anywhere' }}>
                      {o.text}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {interests.map((i) => (
                  <Table.Tr key={i.id}>
                    <Table.Td style={{ overflowWrap: 'anywhere' }}>{i.text}</Table.Td>
                    {options.map((o) => {
                      const hint = suggested.get(`${o.id}|${i.id}`);
                      return (
                        <Table.Td key={o.id} data-suggested={hint ? true : undefined}>
                          <Tooltip label={hint ? `Suggested: meets “${criterionText.get(hint.criterionId) ?? ''}”` : ''} disabled={!hint}>
                            <Checkbox
                              aria-label={`${o.text} meets ${i.text}`}
                              aria-description={hint ? `Suggested by the matrix: meets ${criterionText.get(hint.criterionId) ?? ''}` : undefined}
                              checked={coverage.get(`${o.id}|${i.id}`)?.covered ?? false}
                              onChange={(e) => void trackSave(() => setCoverage(repos, session.id, o.id, i.id, e.currentTarget.checked))}
                              styles={hint ? { input: { borderStyle: 'dashed', borderWidth: 2, borderColor: 'var(--mantine-color-teal-6)' } } : undefined}
                            />
                          </Tooltip>
                        </Table.Td>
                      );
                    })}
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
          </Table.ScrollContainer>
        </>
      )}
    </Stack>
  );
}
