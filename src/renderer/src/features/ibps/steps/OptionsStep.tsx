import { ActionIcon, Alert, Badge, Button, Group, Modal, Paper, Select, Stack, Switch, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { IconArrowMerge, IconPlayerSkipForward, IconStar, IconStarFilled, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { captureOptimistically, usePendingCapture } from '../../../stores/pendingCapture/store';
import type { Option } from '@shared/model/ibps';
import { removeWithUndo } from '../../../components/notify';
import { useRepos } from '../../../db/live';
import { addOption, mergeOption, removeOption, restoreOption, setBrainstormMode, toggleShortlisted } from '../commands';
import { type SessionRecord } from '../queries';
import { useLiveSession } from '../../../stores/liveSession/store';
import { trackSave } from '../../../stores/saveStatus/store';
import { CaptureInput } from '../CaptureInput';
import { sendDraft } from '../liveDraft';
import { useIbpsT } from '../words';

/** Off-screen rows skip style, layout and paint, so a long brainstorm stays quick to add to. */
const OFFSCREEN_CHEAP = { contentVisibility: 'auto', containIntrinsicSize: 'auto 52px' } as const;

export function OptionsStep({ record, presentIds }: { record: SessionRecord; presentIds: Set<string> }) {
  const repos = useRepos();
  const t = useIbpsT();
  const { session } = record;
  const brainstorm = session.brainstormMode;
  // Round-robin goes around the people present; with no attendance taken, around all members.
  const circle = record.members.filter((m) => presentIds.size === 0 || presentIds.has(m.id));
  const turn = useLiveSession((s) => s.turn[session.id] ?? 0) % Math.max(1, circle.length);
  const nextTurn = useLiveSession((s) => s.nextTurn);
  const speaker = circle[turn];
  const [merging, setMerging] = useState<Option | null>(null);
  const active = record.options.filter((o) => !o.mergedIntoId);
  const list = `options:${session.id}`;
  const storedIds = new Set(record.options.map((o) => o.id));
  const pending = usePendingCapture(useShallow((s) => s.items.filter((p) => p.list === list)));
  const merged = record.options.filter((o) => o.mergedIntoId);

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2} size="h3">
          {t('options.title')}
        </Title>
        <Switch
          size="md"
          label={t('options.brainstorm')}
          checked={brainstorm}
          onChange={(e) => void trackSave(() => setBrainstormMode(repos, session.id, e.currentTarget.checked))}
          data-testid="brainstorm-toggle"
        />
      </Group>
      {brainstorm && <Text c="dimmed">{t('options.brainstormHint')}</Text>}
      {circle.length > 0 && (
        <Paper withBorder p="sm" bg="teal.0">
          <Group justify="space-between">
            <Group gap="xs">
              <Text size="sm" c="dimmed">
                {t('options.whoseTurn')}
              </Text>
              <Text fw={700} size="lg" data-testid="round-robin-turn">
                {speaker?.name}
              </Text>
              <Text size="sm" c="dimmed">
                {t('options.turnOf', { turn: turn + 1, total: circle.length })}
              </Text>
            </Group>
            <Button variant="default" size="xs" leftSection={<IconPlayerSkipForward size={14} />} onClick={() => nextTurn(session.id, circle.length)}>
              {t('options.pass')}
            </Button>
          </Group>
        </Paper>
      )}
      <CaptureInput
        aria-label={t('options.new')}
        data-testid="capture-option"
        onDraft={(text) => sendDraft(session.id, { field: 'option', text })}
        placeholder={speaker ? t('options.speakerPlaceholder', { name: speaker.name }) : t('options.placeholder')}
        onAdd={async (text) => {
          const by = speaker;
          nextTurn(session.id, circle.length);
          await captureOptimistically(list, text, (id) =>
            trackSave(() => addOption(repos, session.id, { text, suggestedById: by?.id ?? null, suggestedByName: by?.name ?? '' }, id)),
          );
        }}
      />
      <Stack gap={6}>
        {active.map((o, i) => (
          <Paper key={o.id} withBorder p="xs" data-testid="option-row" style={OFFSCREEN_CHEAP}>
            <Group justify="space-between" wrap="nowrap">
              <Group gap="xs" wrap="nowrap" style={{ flex: 1 }}>
                <Text c="dimmed" w={24}>
                  {i + 1}.
                </Text>
                <Text fw={500} style={{ flex: 1 }}>
                  {o.text}
                </Text>
                {o.suggestedByName && (
                  <Text size="xs" c="dimmed">
                    {o.suggestedByName}
                  </Text>
                )}
                {!brainstorm && o.shortlisted && <Badge color="orange">{t('options.shortlisted')}</Badge>}
              </Group>
              <Group gap={4} wrap="nowrap">
                {!brainstorm && (
                  <Tooltip label={o.shortlisted ? t('options.unshortlistTip') : t('options.shortlistTip')}>
                    <ActionIcon
                      variant="subtle"
                      color="orange"
                      aria-label={t('options.shortlist', { text: o.text })}
                      onClick={() => void trackSave(() => toggleShortlisted(repos, o.id))}
                    >
                      {o.shortlisted ? <IconStarFilled size={16} /> : <IconStar size={16} />}
                    </ActionIcon>
                  </Tooltip>
                )}
                <Tooltip label={t('options.mergeTip')}>
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    aria-label={t('options.merge', { text: o.text })}
                    disabled={active.length < 2}
                    onClick={() => setMerging(o)}
                  >
                    <IconArrowMerge size={16} />
                  </ActionIcon>
                </Tooltip>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={t('options.remove', { text: o.text })}
                  onClick={() =>
                    void removeWithUndo(
                      t('options.removed'),
                      () => removeOption(repos, o.id),
                      (row) => restoreOption(repos, row),
                    )
                  }
                >
                  <IconTrash size={16} />
                </ActionIcon>
              </Group>
            </Group>
          </Paper>
        ))}
      </Stack>
      {pending
        .filter((p) => !storedIds.has(p.id))
        .map((p) => (
          <Paper key={p.id} withBorder p="xs" data-testid="option-row" data-pending="true">
            <Text fw={500} pl={32}>
              {p.text}
            </Text>
          </Paper>
        ))}
      {merged.length > 0 && (
        <Text size="sm" c="dimmed">
          {t('options.merged', {
            list: merged
              .map((m) =>
                t('options.mergedItem', {
                  text: m.text,
                  into: record.options.find((o) => o.id === m.mergedIntoId)?.text ?? t('options.mergedIntoUnknown'),
                  who: m.mergeConfirmation?.confirmedByName || t('options.theSuggester'),
                }),
              )
              .join('; '),
          })}
        </Text>
      )}
      {merging && <MergeModal option={merging} targets={active.filter((o) => o.id !== merging.id)} onClose={() => setMerging(null)} />}
    </Stack>
  );
}

/** Merging needs the suggester's agreement, recorded by name. */
function MergeModal({ option, targets, onClose }: { option: Option; targets: Option[]; onClose: () => void }) {
  const repos = useRepos();
  const t = useIbpsT();
  const [into, setInto] = useState<string | null>(null);
  const [agreedBy, setAgreedBy] = useState(option.suggestedByName);
  const can = into && agreedBy.trim();
  return (
    <Modal opened onClose={onClose} title={t('options.mergeTitle')}>
      <Stack>
        <Text>{t('options.mergeInto', { text: option.text })}</Text>
        <Select
          data={targets.map((o) => ({ value: o.id, label: o.text }))}
          value={into}
          onChange={setInto}
          aria-label={t('options.mergeIntoLabel')}
          searchable
        />
        <Alert color="blue" variant="light">
          {option.suggestedByName ? t('options.onlyIfNamed', { name: option.suggestedByName }) : t('options.onlyIfUnnamed')}
        </Alert>
        <TextInput label={t('options.agreedBy')} value={agreedBy} onChange={(e) => setAgreedBy(e.currentTarget.value)} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('cancel')}
          </Button>
          <Button
            disabled={!can}
            onClick={async () => {
              await trackSave(() => mergeOption(repos, option.id, into!, agreedBy));
              onClose();
            }}
          >
            {t('options.mergeWithAgreement')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
