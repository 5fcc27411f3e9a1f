import { ActionIcon, Badge, Button, Chip, Group, Paper, Stack, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconGripVertical, IconHandStop, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { SIDE_LABELS, type Side } from '@shared/model';
import type { Interest } from '@shared/model/ibps';
import { notifyWithUndo } from '../../../components/notify';
import { useRepos } from '../../../db/live';
import { addInterest, moveInList, type SessionRecord } from '../../../db/ibps';
import { trackSave } from '../../../stores/saveStatus/store';
import { CaptureInput } from '../CaptureInput';
import { bodySides, isShared } from '../sides';

/** Capture interests fast, tag sides, mark shared ones, and turn positions into interests. */
export function InterestsStep({ record }: { record: SessionRecord }) {
  const repos = useRepos();
  const sides = bodySides(record.members);
  const [captureSides, setCaptureSides] = useState<Side[]>([]);
  const [dragId, setDragId] = useState<string | null>(null);
  const shared = record.interests.filter((i) => isShared(i.sides, sides)).length;

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={3}>Interests</Title>
        <Text c="dimmed">{record.interests.length} captured · {shared} shared by all sides</Text>
      </Group>
      <Text c="dimmed">Ask “why is that important?” and “what would your solution accomplish?” to get beneath positions.</Text>
      <Paper withBorder p="sm">
        <Stack gap="xs">
          <CaptureInput
            aria-label="New interest"
            data-testid="capture-interest"
            placeholder="Type an interest and press Enter"
            onAdd={(text) => trackSave(() => addInterest(repos, record.session.id, { text, sides: captureSides }))}
          />
          <Group gap="xs">
            <Text size="sm" c="dimmed">New interests are tagged:</Text>
            <Chip.Group multiple value={captureSides} onChange={(v) => setCaptureSides(v as Side[])}>
              {sides.map((s) => (
                <Chip key={s} value={s} size="xs">{SIDE_LABELS[s]}</Chip>
              ))}
            </Chip.Group>
          </Group>
        </Stack>
      </Paper>
      <Stack gap={6} data-testid="interest-list">
        {record.interests.map((interest, index) => (
          <InterestRow
            key={interest.id}
            interest={interest}
            sides={sides}
            index={index}
            count={record.interests.length}
            dragging={dragId === interest.id}
            onDragStart={() => setDragId(interest.id)}
            onDropHere={() => {
              if (dragId && dragId !== interest.id) void trackSave(() => moveInList(repos, 'interests', record.interests, dragId, index));
              setDragId(null);
            }}
            onMove={(to) => trackSave(() => moveInList(repos, 'interests', record.interests, interest.id, to))}
          />
        ))}
      </Stack>
    </Stack>
  );
}

function InterestRow({ interest, sides, index, count, dragging, onDragStart, onDropHere, onMove }: {
  interest: Interest;
  sides: Side[];
  index: number;
  count: number;
  dragging: boolean;
  onDragStart: () => void;
  onDropHere: () => void;
  onMove: (to: number) => Promise<unknown>;
}) {
  const repos = useRepos();
  const [rewrite, setRewrite] = useState('');
  const save = (patch: Partial<Interest>) => trackSave(() => repos.interests.update(interest.id, patch));
  const toggleSide = (side: Side) =>
    save({ sides: interest.sides.includes(side) ? interest.sides.filter((s) => s !== side) : [...interest.sides, side] });
  const shared = isShared(interest.sides, sides);

  return (
    <Paper
      withBorder
      p="xs"
      data-testid="interest-row"
      data-shared={shared}
      draggable
      tabIndex={0}
      aria-label={`Interest ${index + 1}: ${interest.text}. Alt+Up or Alt+Down moves it.`}
      style={{ opacity: dragging ? 0.5 : 1, borderColor: shared ? 'var(--mantine-color-teal-5)' : undefined }}
      onDragStart={onDragStart}
      onDragOver={(e) => e.preventDefault()}
      onDrop={(e) => {
        e.preventDefault();
        onDropHere();
      }}
      onKeyDown={(e) => {
        if (!e.altKey || e.target !== e.currentTarget) return;
        if (e.key === 'ArrowUp') void onMove(index - 1);
        if (e.key === 'ArrowDown') void onMove(index + 1);
      }}
    >
      <Stack gap={6}>
        <Group gap="xs" wrap="nowrap" align="flex-start">
          <IconGripVertical size={16} color="var(--mantine-color-gray-5)" style={{ cursor: 'grab', flexShrink: 0, marginTop: 4 }} />
          <Text fw={500} size="lg" style={{ flex: 1 }}>{interest.text}</Text>
          {shared && <Badge color="teal" variant="filled" style={{ flexShrink: 0 }}>Shared</Badge>}
          {interest.isPosition && <Badge color="yellow" variant="light" style={{ flexShrink: 0 }}>Position</Badge>}
        </Group>
        <Group justify="space-between" gap={4} pl={24}>
          <Group gap={4}>
            {sides.map((s) => (
              <Chip key={s} size="xs" checked={interest.sides.includes(s)} onChange={() => void toggleSide(s)} aria-label={`${SIDE_LABELS[s]} holds this interest`}>
                {SIDE_LABELS[s]}
              </Chip>
            ))}
            <Tooltip label="Held by all sides">
              <Button size="compact-xs" variant="subtle" onClick={() => void save({ sides: shared ? [] : sides })}>{shared ? 'Unshare' : 'All sides'}</Button>
            </Tooltip>
          </Group>
          <Group gap={2}>
            <Tooltip label={interest.isPosition ? 'Not a position' : 'This is a position (a solution), not an interest'}>
              <ActionIcon variant={interest.isPosition ? 'filled' : 'subtle'} color="yellow" aria-label="Flag as a position" onClick={() => void save({ isPosition: !interest.isPosition })}>
                <IconHandStop size={16} />
              </ActionIcon>
            </Tooltip>
            <ActionIcon variant="subtle" color="gray" aria-label="Move up" disabled={index === 0} onClick={() => void onMove(index - 1)}><IconArrowUp size={16} /></ActionIcon>
            <ActionIcon variant="subtle" color="gray" aria-label="Move down" disabled={index === count - 1} onClick={() => void onMove(index + 1)}><IconArrowDown size={16} /></ActionIcon>
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={`Remove interest ${interest.text}`}
              onClick={async () => {
                await trackSave(() => repos.interests.remove(interest.id));
                notifyWithUndo('Interest removed', () => trackSave(() => repos.interests.table.add(interest)));
              }}
            >
              <IconTrash size={16} />
            </ActionIcon>
          </Group>
        </Group>
        {interest.convertedFromPosition && <Text size="xs" c="dimmed">From the position: “{interest.convertedFromPosition}”</Text>}
        {interest.isPosition && (
          <Paper bg="yellow.0" p="xs" radius="sm">
            <Text size="sm" fw={600}>Why is that important? What would that accomplish?</Text>
            <Group mt={6} wrap="nowrap">
              <TextInput
                style={{ flex: 1 }}
                size="sm"
                aria-label="Interest behind this position"
                placeholder="The need or concern underneath, in the speaker's words"
                value={rewrite}
                onChange={(e) => setRewrite(e.currentTarget.value)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' && rewrite.trim()) {
                    e.preventDefault();
                    void save({ text: rewrite.trim(), isPosition: false, convertedFromPosition: interest.text });
                  }
                }}
              />
              <Button size="sm" disabled={!rewrite.trim()} onClick={() => void save({ text: rewrite.trim(), isPosition: false, convertedFromPosition: interest.text })}>
                Record as interest
              </Button>
            </Group>
          </Paper>
        )}
      </Stack>
    </Paper>
  );
}
