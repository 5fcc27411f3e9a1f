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

/** Off-screen rows skip style, layout and paint, so a long brainstorm stays quick to add to. */
const OFFSCREEN_CHEAP = { contentVisibility: 'auto', containIntrinsicSize: 'auto 52px' } as const;

export function OptionsStep({ record, presentIds }: { record: SessionRecord; presentIds: Set<string> }) {
  const repos = useRepos();
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
          Options
        </Title>
        <Switch
          size="md"
          label="Brainstorm mode (no critique)"
          checked={brainstorm}
          onChange={(e) => void trackSave(() => setBrainstormMode(repos, session.id, e.currentTarget.checked))}
          data-testid="brainstorm-toggle"
        />
      </Group>
      {brainstorm && <Text c="dimmed">Record every idea as said. No criticism, no praise; merge duplicates only when the suggester agrees.</Text>}
      {circle.length > 0 && (
        <Paper withBorder p="sm" bg="teal.0">
          <Group justify="space-between">
            <Group gap="xs">
              <Text size="sm" c="dimmed">
                Round-robin: whose turn
              </Text>
              <Text fw={700} size="lg" data-testid="round-robin-turn">
                {speaker?.name}
              </Text>
              <Text size="sm" c="dimmed">
                ({turn + 1} of {circle.length})
              </Text>
            </Group>
            <Button variant="default" size="xs" leftSection={<IconPlayerSkipForward size={14} />} onClick={() => nextTurn(session.id, circle.length)}>
              Pass
            </Button>
          </Group>
        </Paper>
      )}
      <CaptureInput
        aria-label="New option"
        data-testid="capture-option"
        onDraft={(text) => sendDraft(session.id, { field: 'option', text })}
        placeholder={speaker ? `${speaker.name}'s idea: type it and press Enter` : 'Type an option and press Enter'}
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
                {!brainstorm && o.shortlisted && <Badge color="orange">Shortlisted</Badge>}
              </Group>
              <Group gap={4} wrap="nowrap">
                {!brainstorm && (
                  <Tooltip label={o.shortlisted ? 'Remove from shortlist' : 'Shortlist'}>
                    <ActionIcon
                      variant="subtle"
                      color="orange"
                      aria-label={`Shortlist ${o.text}`}
                      onClick={() => void trackSave(() => toggleShortlisted(repos, o.id))}
                    >
                      {o.shortlisted ? <IconStarFilled size={16} /> : <IconStar size={16} />}
                    </ActionIcon>
                  </Tooltip>
                )}
                <Tooltip label="Merge a duplicate into another option">
                  <ActionIcon variant="subtle" color="gray" aria-label={`Merge ${o.text}`} disabled={active.length < 2} onClick={() => setMerging(o)}>
                    <IconArrowMerge size={16} />
                  </ActionIcon>
                </Tooltip>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={`Remove option ${o.text}`}
                  onClick={() =>
                    void removeWithUndo(
                      'Option removed',
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
          Merged:{' '}
          {merged
            .map(
              (m) =>
                `“${m.text}” into “${record.options.find((o) => o.id === m.mergedIntoId)?.text ?? '?'}” (agreed by ${m.mergeConfirmation?.confirmedByName || 'the suggester'})`,
            )
            .join('; ')}
        </Text>
      )}
      {merging && <MergeModal option={merging} targets={active.filter((o) => o.id !== merging.id)} onClose={() => setMerging(null)} />}
    </Stack>
  );
}

/** Merging needs the suggester's agreement, recorded by name. */
function MergeModal({ option, targets, onClose }: { option: Option; targets: Option[]; onClose: () => void }) {
  const repos = useRepos();
  const [into, setInto] = useState<string | null>(null);
  const [agreedBy, setAgreedBy] = useState(option.suggestedByName);
  const can = into && agreedBy.trim();
  return (
    <Modal opened onClose={onClose} title="Merge a duplicate option">
      <Stack>
        <Text>Merge “{option.text}” into:</Text>
        <Select data={targets.map((t) => ({ value: t.id, label: t.text }))} value={into} onChange={setInto} aria-label="Merge into" searchable />
        <Alert color="blue" variant="light">
          Only merge if {option.suggestedByName || 'the person who suggested it'} agrees it says the same thing.
        </Alert>
        <TextInput label="Agreed by" value={agreedBy} onChange={(e) => setAgreedBy(e.currentTarget.value)} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            disabled={!can}
            onClick={async () => {
              await trackSave(() => mergeOption(repos, option.id, into!, agreedBy));
              onClose();
            }}
          >
            Merge with agreement
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
