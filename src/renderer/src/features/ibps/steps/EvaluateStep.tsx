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
import { EvaluationRating } from '@shared/model/ibps';
import { useRepos } from '../../../db/live';
import { acceptCoverageSuggestions, goToStep, overrideCriteriaOrder, rateCell, setCoverage, toggleShortlisted } from '../commands';
import { notifyError } from '../../../components/notify';
import { type SessionRecord } from '../queries';
import { canEvaluateOptions, latestByKey, suggestCoverage } from '@shared/ibps/matrix';
import { trackSave } from '../../../stores/saveStatus/store';
import { AutosaveTextarea } from '../../../components/AutosaveFields';
import { useIbpsT } from '../words';
import { shownError } from '../refusals';

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
  const t = useIbpsT();
  const [reason, setReason] = useState('');
  return (
    <Stack data-testid="evaluation-blocked">
      <Title order={2} size="h3">
        {t('evaluate.title')}
      </Title>
      <Alert color="orange" icon={<IconLock />} title={t('evaluate.blockedTitle')}>
        {t('evaluate.blockedBody')}
      </Alert>
      <Group>
        <Button onClick={() => void trackSave(() => goToStep(repos, record.session.id, 'criteria'))}>{t('evaluate.goToCriteria')}</Button>
      </Group>
      <Paper withBorder p="sm">
        <Stack gap="xs">
          <Text fw={600} size="sm">
            {t('evaluate.override')}
          </Text>
          <Textarea
            aria-label={t('evaluate.reasonLabel')}
            placeholder={t('evaluate.reasonPlaceholder')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
          />
          <Group>
            <Button
              variant="default"
              disabled={reason.trim().length < 5}
              onClick={() => void trackSave(() => overrideCriteriaOrder(repos, record.session.id, reason))}
            >
              {t('evaluate.evaluateAnyway')}
            </Button>
          </Group>
        </Stack>
      </Paper>
    </Stack>
  );
}

const RATINGS: readonly EvaluationRating[] = EvaluationRating.options;

function EvaluationMatrix({ record }: { record: SessionRecord }) {
  const repos = useRepos();
  const t = useIbpsT();
  const ratingLabel = (r: EvaluationRating) => t(`evaluate.rating.${r}`);
  const ratingShort = (r: EvaluationRating) => t(`evaluate.ratingShort.${r}`);
  // A cell's letter keys are the letters shown in its buttons, in the screen's language.
  const ratingOfKey = (key: string) => RATINGS.find((r) => ratingShort(r).toLowerCase() === key.toLowerCase());
  const { session } = record;
  const options = record.options.filter((o) => !o.mergedIntoId);
  const ratings = latestByKey(record.evaluations, (e) => `${e.optionId}|${e.criterionId}`);
  const coverage = latestByKey(record.coverage, (c) => `${c.optionId}|${c.interestId}`);
  const interests = record.interests.filter((i) => !i.isPosition);
  const rate = (optionId: string, criterionId: string, rating: EvaluationRating) =>
    void trackSave(() => rateCell(repos, session.id, optionId, criterionId, { rating })).catch((e: unknown) =>
      notifyError(t('evaluate.ratingFailed'), shownError(e, t)),
    );
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
        {t('evaluate.title')}
      </Title>
      {!session.criteriaAgreedAt && <Alert color="yellow">{t('evaluate.overridden', { reason: session.criteriaOverrideReason })}</Alert>}
      {options.length === 0 || record.criteria.length === 0 ? (
        <Text c="dimmed">{t('evaluate.empty')}</Text>
      ) : (
        <>
          <Text size="xs" c="dimmed">
            {t('evaluate.howTo', { meets: ratingShort('meets'), partly: ratingShort('partly'), doesNot: ratingShort('does-not') })}
          </Text>
          {/* Wide enough for the usual three to five criteria at laptop size; more scroll sideways, nothing is cut. */}
          <Table.ScrollContainer minWidth={200 + record.criteria.length * 112}>
            <Table withTableBorder withColumnBorders data-testid="evaluation-matrix" layout="fixed" verticalSpacing={6} horizontalSpacing={6}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w="28%">{t('evaluate.option')}</Table.Th>
                  {record.criteria.map((c) => (
                    <Table.Th key={c.id} fz="xs" style={{ overflowWrap: 'anywhere' }}>
                      {c.text}
                    </Table.Th>
                  ))}
                  <Table.Th w={44} ta="center" fz="xs" title={t('evaluate.shortlist')}>
                    <IconStar size={14} aria-label={t('evaluate.shortlist')} />
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
                            const rating = ratingOfKey(e.key);
                            if (!rating || e.ctrlKey || e.metaKey || e.altKey || (e.target as HTMLInputElement).type !== 'radio') return;
                            e.preventDefault();
                            rate(o.id, c.id, rating);
                          }}
                        >
                          <SegmentedControl
                            fullWidth
                            size="xs"
                            aria-label={t('evaluate.cell', { option: o.text, criterion: c.text })}
                            value={cell?.rating ?? ''}
                            onChange={(v) => rate(o.id, c.id, v as EvaluationRating)}
                            data={RATINGS.map((r) => ({
                              value: r,
                              label: (
                                <Tooltip label={ratingLabel(r)} openDelay={400}>
                                  <span>
                                    <span aria-hidden="true">{ratingShort(r)}</span>
                                    <VisuallyHidden>{ratingLabel(r)}</VisuallyHidden>
                                  </span>
                                </Tooltip>
                              ),
                            }))}
                            styles={{ label: { paddingInline: 2 } }}
                          />
                          <Text size="xs" fw={600} mt={2} c={cell ? undefined : 'dimmed'}>
                            {cell ? ratingLabel(cell.rating) : t('evaluate.notRated')}
                          </Text>
                          {cell && (
                            // Wraps rather than scrolls: a narrow cell still shows the whole note.
                            <AutosaveTextarea
                              draftKey={`evaluations:${o.id}:${c.id}:note`}
                              size="xs"
                              variant="unstyled"
                              autosize
                              minRows={1}
                              aria-label={t('evaluate.noteOn', { option: o.text, criterion: c.text })}
                              placeholder={t('evaluate.notePlaceholder')}
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
                      <Tooltip label={o.shortlisted ? t('evaluate.unshortlist') : t('evaluate.shortlist')}>
                        <ActionIcon
                          variant={o.shortlisted ? 'light' : 'subtle'}
                          color="orange"
                          aria-label={t('evaluate.shortlistOption', { text: o.text })}
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
              {t('evaluate.coverageTitle')}
            </Title>
            {suggestions.length > 0 && (
              <Button
                size="compact-sm"
                variant="light"
                data-testid="accept-coverage"
                onClick={() =>
                  void trackSave(() => acceptCoverageSuggestions(repos, session.id, suggestions)).catch((e: unknown) =>
                    notifyError(t('evaluate.suggestionsFailed'), shownError(e, t)),
                  )
                }
              >
                {t('evaluate.acceptSuggestions', { count: suggestions.length })}
              </Button>
            )}
          </Group>
          {suggestions.length > 0 && (
            <Text size="xs" c="dimmed">
              {t('evaluate.suggestionsHint')}
            </Text>
          )}
          <Table.ScrollContainer minWidth={200 + options.length * 96}>
            <Table withTableBorder withColumnBorders data-testid="coverage-matrix" layout="fixed" fz="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w="36%">{t('evaluate.interest')}</Table.Th>
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
                          <Tooltip label={hint ? t('evaluate.suggestedTip', { criterion: criterionText.get(hint.criterionId) ?? '' }) : ''} disabled={!hint}>
                            <Checkbox
                              aria-label={t('evaluate.meets', { option: o.text, interest: i.text })}
                              aria-description={hint ? t('evaluate.suggestedBy', { criterion: criterionText.get(hint.criterionId) ?? '' }) : undefined}
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
                  <Table.Td fw={600}>{t('evaluate.interestsMet')}</Table.Td>
                  {options.map((o) => (
                    <Table.Td key={o.id} fw={600}>
                      {t('evaluate.metCount', { met: interests.filter((i) => coverage.get(`${o.id}|${i.id}`)?.covered).length, total: interests.length })}
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
