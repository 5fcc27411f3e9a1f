import { ActionIcon, Badge, Button, Checkbox, Grid, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconDatabase, IconPaperclip, IconPlus, IconSquare, IconSquareCheckFilled, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { P2P_LEVELS, type P2pDimension } from '@shared/model/p2p';
import { criteriaAt, type Criterion } from '@shared/p2p/criteria';
import { offersFor } from '@shared/p2p/evidence';
import { AutosaveTextarea } from '../../components/AutosaveFields';
import { notifyError, removeWithUndo } from '../../components/notify';
import { useRepos } from '../../db/live';
import { trackSave } from '../../stores/saveStatus/store';
import { addEvidence, removeEvidence, restoreEvidence, saveDimensionNote, setCriterion } from './commands';
import { LEVEL_COLORS, useP2pWords } from './labels';
import { shownError } from './refusals';
import { notesByDimension, type AssessmentView } from './queries';

/**
 * One dimension: its criteria level by level as a checklist, what the app holds beside the
 * criteria it bears on (offered, never ticked for the team), and the co-leads' notes and evidence.
 */
export function DimensionPanel({ view, dimension, editable }: { view: AssessmentView; dimension: P2pDimension; editable: boolean }) {
  const repos = useRepos();
  const w = useP2pWords();
  const { t } = w;
  const dimensionName = w.dimension(dimension).toLowerCase();
  const met = new Set(view.content.met);
  const result = view.result.dimensions.find((d) => d.dimension === dimension)!;
  const evidence = view.content.evidence
    .map((e, i) => ({ ...e, row: view.assessment?.status === 'draft' ? view.rows.evidence[i] : undefined }))
    .filter((e) => e.dimension === dimension);
  const attached = new Set(evidence.map((e) => e.text));
  const id = view.assessment!.id;
  const toggle = (c: Criterion, checked: boolean) =>
    void trackSave(() => setCriterion(repos, id, c.id, checked)).catch((e: unknown) => notifyError(t('notSaved'), shownError(e, w)));
  const attach = (c: Criterion, text: string) =>
    void trackSave(() => addEvidence(repos, id, { dimension, criterionId: c.id, text, source: 'app' })).catch((e: unknown) =>
      notifyError(t('dimension.notAttached'), shownError(e, w)),
    );

  return (
    <Grid gap="lg" data-testid={`dimension-${dimension}`}>
      <Grid.Col span={{ base: 12, md: 7 }}>
        <Stack gap="md">
          {P2P_LEVELS.map((level) => {
            const reached = result.level >= level;
            return (
              <Stack key={level} gap={6}>
                <Group gap={8}>
                  <Badge size="sm" color={reached ? LEVEL_COLORS[level] : 'gray.4'} variant={reached ? 'filled' : 'outline'}>
                    {w.levelShort(level)}
                  </Badge>
                  <Text size="sm" fw={600} c={reached ? undefined : 'dimmed'}>
                    {w.levelLabel(level)}
                  </Text>
                </Group>
                {criteriaAt(dimension, level).map((c) => (
                  <Stack key={c.id} gap={2} pl="md">
                    {editable ? (
                      <Checkbox
                        label={w.criterion(c)}
                        checked={met.has(c.id)}
                        onChange={(e) => toggle(c, e.currentTarget.checked)}
                        data-testid="criterion"
                        data-criterion={c.id}
                      />
                    ) : (
                      // The confirmed record reads as a record, not as a form with its boxes greyed out.
                      <Group gap={10} wrap="nowrap" align="flex-start" data-testid="criterion-confirmed" data-criterion={c.id} data-met={met.has(c.id)}>
                        {met.has(c.id) ? (
                          <IconSquareCheckFilled size={20} color="var(--mantine-color-teal-6)" style={{ flexShrink: 0 }} aria-label={t('dimension.met')} />
                        ) : (
                          <IconSquare size={20} color="var(--mantine-color-gray-5)" style={{ flexShrink: 0 }} aria-label={t('dimension.notMet')} />
                        )}
                        <Text size="sm" c={met.has(c.id) ? undefined : 'dimmed'}>
                          {w.criterion(c)}
                        </Text>
                      </Group>
                    )}
                    {(editable ? offersFor(c, view.offers) : []).map((o) => (
                      <Group key={o.kind} gap={6} pl={30} wrap="nowrap" align="flex-start" data-testid="offer" data-kind={o.kind}>
                        <IconDatabase size={14} style={{ flexShrink: 0, marginTop: 3 }} color="var(--mantine-color-dimmed)" />
                        <Text size="xs" c="dimmed" style={{ flex: 1 }}>
                          {t('dimension.inTheApp', { text: o.text })}
                        </Text>
                        {editable &&
                          (attached.has(o.text) ? (
                            <Text size="xs" c="teal.8" style={{ flexShrink: 0 }}>
                              {t('dimension.attached')}
                            </Text>
                          ) : (
                            <Button
                              size="compact-xs"
                              variant="subtle"
                              leftSection={<IconPaperclip size={12} />}
                              onClick={() => attach(c, o.text)}
                              style={{ flexShrink: 0 }}
                              aria-label={t('dimension.attachAs', { text: o.text })}
                            >
                              {t('dimension.attach')}
                            </Button>
                          ))}
                      </Group>
                    ))}
                  </Stack>
                ))}
              </Stack>
            );
          })}
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 5 }}>
        <Stack gap="md">
          {editable ? (
            <AutosaveTextarea
              label={t('dimension.notes', { dimension: dimensionName })}
              placeholder={t('dimension.notesPlaceholder')}
              minRows={3}
              value={notesByDimension(view.content.notes)[dimension]}
              onSave={(text) => trackSave(() => saveDimensionNote(repos, id, dimension, text))}
              draftKey={`p2pDimensionNotes:${id}:${dimension}`}
              data-testid="dimension-notes"
            />
          ) : (
            <Stack gap={2}>
              <Text size="sm" fw={500}>
                {t('dimension.notes', { dimension: dimensionName })}
              </Text>
              <Text size="sm" c={notesByDimension(view.content.notes)[dimension] ? undefined : 'dimmed'} style={{ whiteSpace: 'pre-wrap' }}>
                {notesByDimension(view.content.notes)[dimension] || t('dimension.noNotes')}
              </Text>
            </Stack>
          )}
          <Paper withBorder p="sm" radius="sm">
            <Title order={5} size="h6" mb={6}>
              {t('dimension.evidence')}
            </Title>
            <Stack gap={6} data-testid="evidence-list">
              {evidence.length === 0 && (
                <Text size="sm" c="dimmed">
                  {t('dimension.noneAttached')}
                </Text>
              )}
              {evidence.map((e, i) => (
                <Group key={e.row?.id ?? i} gap={6} wrap="nowrap" align="flex-start" data-testid="evidence">
                  {e.source === 'app' ? (
                    <IconDatabase size={14} style={{ flexShrink: 0, marginTop: 3 }} aria-label={t('dimension.fromApp')} />
                  ) : (
                    <IconPaperclip size={14} style={{ flexShrink: 0, marginTop: 3 }} />
                  )}
                  <Text size="sm" style={{ flex: 1 }}>
                    {e.text}
                  </Text>
                  {e.row && (
                    <ActionIcon
                      size="sm"
                      variant="subtle"
                      color="gray"
                      aria-label={t('dimension.remove', { text: e.text })}
                      onClick={() =>
                        void removeWithUndo(
                          t('dimension.removed'),
                          () => removeEvidence(repos, e.row!.id),
                          (row) => restoreEvidence(repos, row),
                        )
                      }
                    >
                      <IconTrash size={14} />
                    </ActionIcon>
                  )}
                </Group>
              ))}
              {editable && <AddEvidence assessmentId={id} dimension={dimension} />}
            </Stack>
          </Paper>
        </Stack>
      </Grid.Col>
    </Grid>
  );
}

function AddEvidence({ assessmentId, dimension }: { assessmentId: string; dimension: P2pDimension }) {
  const repos = useRepos();
  const [text, setText] = useState('');
  const w = useP2pWords();
  const { t } = w;
  const add = async () => {
    if (!text.trim()) return;
    try {
      await trackSave(() => addEvidence(repos, assessmentId, { dimension, text }));
      setText('');
    } catch (e) {
      notifyError(t('dimension.notAdded'), shownError(e, w));
    }
  };
  return (
    <Group gap={6} wrap="nowrap">
      <TextInput
        style={{ flex: 1 }}
        size="xs"
        aria-label={t('dimension.newEvidence', { dimension: w.dimension(dimension).toLowerCase() })}
        placeholder={t('dimension.newEvidencePlaceholder')}
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        onKeyDown={(e) => e.key === 'Enter' && void add()}
      />
      <Button size="xs" variant="light" leftSection={<IconPlus size={12} />} onClick={() => void add()} disabled={!text.trim()}>
        {t('dimension.add')}
      </Button>
    </Group>
  );
}
