import { ActionIcon, Badge, Button, Chip, Group, Paper, SegmentedControl, SimpleGrid, Stack, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconGripVertical, IconHandStop, IconTrash } from '@tabler/icons-react';
import { Fragment, memo, useCallback, useDeferredValue, useMemo, useRef, useState } from 'react';
import { positionHint, sharedInterestSuggestions } from '@shared/ibps/interests';
import { useShallow } from 'zustand/react/shallow';
import type { Side } from '@shared/model';
import type { Interest } from '@shared/model/ibps';
import { notifyError, notifyWithUndo, removeWithUndo } from '../../../components/notify';
import { useRepos } from '../../../db/live';
import {
  addInterest,
  gatherGroups,
  markInterestShared,
  moveInList,
  removeInterest,
  restoreInterest,
  rewritePositionAsInterest,
  setInterestSides,
  toggleInterestSide,
  undoMarkInterestShared,
  updateInterest,
} from '../commands';
import { interestsOf, type SessionRecord } from '../queries';
import { useLive } from '../../../db/live';
import { AutosaveTextInput } from '../../../components/AutosaveFields';
import { trackSave } from '../../../stores/saveStatus/store';
import { CaptureInput } from '../CaptureInput';
import { sendDraft } from '../liveDraft';
import { captureOptimistically, usePendingCapture } from '../../../stores/pendingCapture/store';
import { bodySides, isShared } from '../sides';
import { sideLabel, useIbpsT, useListText } from '../words';
import { shownError } from '../refusals';

const NO_INTERESTS: Interest[] = [];

/** Capture interests fast, tag sides, mark shared ones, and turn positions into interests. */
export function InterestsStep({ record }: { record: SessionRecord }) {
  const repos = useRepos();
  const t = useIbpsT();
  const sessionId = record.session.id;
  // Its own live query, so adding an interest re-reads only the interests (see loadSession).
  const interests = useLive((r) => interestsOf(r, sessionId), [sessionId]) ?? NO_INTERESTS;
  // One array per set of sides: the list below re-renders only when what it shows changed.
  const sidesKey = bodySides(record.members).join();
  const sides = useMemo(() => (sidesKey ? (sidesKey.split(',') as Side[]) : []), [sidesKey]);
  const [captureSides, setCaptureSides] = useState<Side[]>([]);
  const [dragId, setDragId] = useState<string | null>(null);
  // Memoized rows keep their first handlers, so handlers read the dragged id from a ref.
  const dragRef = useRef<string | null>(null);
  const move = useCallback((id: string, to: number) => trackSave(() => moveInList(repos, 'interests', sessionId, id, to)), [repos, sessionId]);
  const startDrag = useCallback((id: string) => {
    dragRef.current = id;
    setDragId(id);
  }, []);
  const dropOn = useCallback(
    (index: number) => {
      const dragged = dragRef.current;
      dragRef.current = null;
      setDragId(null);
      if (dragged) void move(dragged, index);
    },
    [move],
  );
  const shared = interests.filter((i) => isShared(i.sides, sides)).length;
  const list = `interests:${sessionId}`;
  const [layout, setLayout] = useState<'list' | 'sides'>('list');
  // "Not the same" answers stay for this screen only: the prompt is a question, not a record.
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(new Set());
  // Found after the new row is on screen (a deferred render): the capture itself never waits on it.
  const settled = useDeferredValue(interests);
  const suggestions = useMemo(() => sharedInterestSuggestions(settled), [settled]);
  // The same pairs as before keep the same map, so the deferred render does not walk every row again.
  const sameAs = useStableMap(
    useMemo(() => {
      const byId = new Map(interests.map((i) => [i.id, i]));
      return new Map(suggestions.filter((x) => !dismissed.has(x.interestId)).map((x) => [x.interestId, byId.get(x.matchId)]));
    }, [interests, suggestions, dismissed]),
  );
  const dismiss = useCallback((id: string) => setDismissed((d) => new Set([...d, id])), []);
  const sendInterestDraft = useCallback((text: string) => sendDraft(sessionId, { field: 'interest', text }), [sessionId]);
  const add = useCallback(
    (text: string) => captureOptimistically(list, text, (id) => trackSave(() => addInterest(repos, sessionId, { text, sides: captureSides }, id))),
    [list, repos, sessionId, captureSides],
  );

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2} size="h3">
          {t('interests.title')}
        </Title>
        <Group gap="sm">
          <Text c="dimmed">{t('interests.counts', { count: interests.length, shared })}</Text>
          <LayoutSwitch layout={layout} onChange={setLayout} />
          {interests.some((i) => i.groupLabel) && (
            <Button size="compact-sm" variant="default" onClick={() => void trackSave(() => gatherGroups(repos, sessionId))}>
              {t('interests.gather')}
            </Button>
          )}
        </Group>
      </Group>
      <Text c="dimmed">{t('interests.hint')}</Text>
      <Paper withBorder p="sm">
        <Stack gap="xs">
          <CaptureInput
            aria-label={t('interests.new')}
            data-testid="capture-interest"
            placeholder={t('interests.newPlaceholder')}
            onDraft={sendInterestDraft}
            onAdd={add}
          />
          <Group gap="xs" data-testid="capture-sides">
            <Text size="sm" c="dimmed">
              {t('interests.taggedAs')}
            </Text>
            <Chip.Group multiple value={captureSides} onChange={(v) => setCaptureSides(v as Side[])}>
              {sides.map((s) => (
                <Chip key={s} value={s} size="xs">
                  {sideLabel(t, s)}
                </Chip>
              ))}
            </Chip.Group>
          </Group>
        </Stack>
      </Paper>
      {layout === 'sides' && <InterestsBySide interests={interests} sides={sides} />}
      <Stack gap={6} data-testid="interest-list" display={layout === 'sides' ? 'none' : undefined}>
        <InterestRows
          interests={interests}
          sides={sides}
          dragId={dragId}
          onDragStart={startDrag}
          onDropHere={dropOn}
          onMove={move}
          sameAs={sameAs}
          onDismissSame={dismiss}
        />
        <PendingRows list={list} interests={interests} />
      </Stack>
    </Stack>
  );
}

/**
 * Keep the previous map while it pairs the same interests with the same versions of their matches
 * (rows read only those), so memoized children see no change.
 */
function useStableMap(next: Map<string, Interest | undefined>): Map<string, Interest | undefined> {
  const [kept, setKept] = useState(next);
  const same = kept.size === next.size && [...next].every(([k, v]) => kept.get(k)?.id === v?.id && kept.get(k)?.updatedAt === v?.updatedAt);
  // Adjusted during render (React's pattern for state derived from props), not in an effect.
  if (!same) setKept(next);
  return same ? kept : next;
}

const LayoutSwitch = memo(function LayoutSwitch({ layout, onChange }: { layout: 'list' | 'sides'; onChange: (layout: 'list' | 'sides') => void }) {
  const t = useIbpsT();
  return (
    <SegmentedControl
      size="xs"
      aria-label={t('interests.show')}
      value={layout}
      onChange={(v) => onChange(v as 'list' | 'sides')}
      data={[
        { value: 'list', label: t('interests.inOrder') },
        { value: 'sides', label: t('interests.bySide') },
      ]}
    />
  );
});

/**
 * The stored rows. Memoized on its props: typing, the pending row coming and going and a deferred
 * suggestion pass that finds nothing new do not walk 300 rows; a stored add walks them once.
 */
const InterestRows = memo(function InterestRows({
  interests,
  sides,
  dragId,
  onDragStart,
  onDropHere,
  onMove,
  sameAs,
  onDismissSame,
}: {
  interests: Interest[];
  sides: Side[];
  dragId: string | null;
  onDragStart: (id: string) => void;
  onDropHere: (index: number) => void;
  onMove: (id: string, to: number) => Promise<unknown>;
  sameAs: Map<string, Interest | undefined>;
  onDismissSame: (id: string) => void;
}) {
  return interests.map((interest, index) => (
    <Fragment key={interest.id}>
      {startsGroup(interest.groupLabel, interests[index - 1]?.groupLabel) && (
        <Text fw={700} c="teal.8" mt="xs" data-testid="interest-group">
          {interest.groupLabel}
        </Text>
      )}
      <InterestRow
        interest={interest}
        sides={sides}
        index={index}
        isLast={index === interests.length - 1}
        dragging={dragId === interest.id}
        onDragStart={onDragStart}
        onDropHere={onDropHere}
        onMove={onMove}
        sameAs={sameAs.get(interest.id)}
        onDismissSame={onDismissSame}
      />
    </Fragment>
  ));
});

/** Typed items shown before their write commits; only this re-renders when one comes or goes. */
function PendingRows({ list, interests }: { list: string; interests: Interest[] }) {
  const pending = usePendingCapture(useShallow((s) => s.items.filter((p) => p.list === list)));
  if (!pending.length) return null;
  const storedIds = new Set(interests.map((i) => i.id));
  return pending
    .filter((p) => !storedIds.has(p.id))
    .map((p) => (
      <Paper key={p.id} withBorder p="xs" data-testid="interest-row" data-pending="true">
        <Text fw={500} size="lg" pl={24}>
          {p.text}
        </Text>
      </Paper>
    ));
}

/** A heading where a new group starts, so grouped interests read as themes. */
function startsGroup(label: string, previous: string | undefined): boolean {
  return label.trim() !== '' && label.trim().toLowerCase() !== (previous ?? '').trim().toLowerCase();
}

/**
 * Rows re-render only when their own interest changes: with 300 interests, adding one must not
 * re-render the other 299 (the capture-latency budget is one frame).
 */
const InterestRow = memo(
  InterestRowView,
  (a, b) =>
    a.interest.id === b.interest.id &&
    a.interest.updatedAt === b.interest.updatedAt &&
    a.index === b.index &&
    a.isLast === b.isLast &&
    a.dragging === b.dragging &&
    a.sides.join() === b.sides.join() &&
    a.sameAs?.id === b.sameAs?.id &&
    a.sameAs?.updatedAt === b.sameAs?.updatedAt,
);

/** The flip-chart layout on screen: shared interests across the top, then a column per side. */
function InterestsBySide({ interests, sides }: { interests: Interest[]; sides: Side[] }) {
  const t = useIbpsT();
  const shared = interests.filter((i) => isShared(i.sides, sides));
  const rest = interests.filter((i) => !isShared(i.sides, sides));
  const columns = sides.map((side) => ({ key: side as string, label: sideLabel(t, side), items: rest.filter((i) => i.sides.includes(side)) }));
  const untagged = rest.filter((i) => !sides.some((s) => i.sides.includes(s)));
  if (untagged.length) columns.push({ key: 'untagged', label: t('interests.notTagged'), items: untagged });
  const number = new Map(interests.map((i, index) => [i.id, index + 1]));
  const card = (i: Interest) => (
    <Paper key={i.id} withBorder p={6} data-testid="interest-card" style={i.isPosition ? { borderColor: 'var(--mantine-color-yellow-5)' } : undefined}>
      <Text size="sm">
        <Text span c="dimmed" size="xs">
          {number.get(i.id)}.{' '}
        </Text>
        {i.text}
        {i.isPosition && (
          <Badge ml={6} size="xs" color="yellow" variant="light">
            {t('interests.position')}
          </Badge>
        )}
      </Text>
    </Paper>
  );
  return (
    <Stack gap="xs" data-testid="interests-by-side">
      {shared.length > 0 && (
        <Paper withBorder p="xs" bg="teal.0" style={{ borderColor: 'var(--mantine-color-teal-5)' }}>
          <Text fw={700} size="sm" c="teal.8" mb={4}>
            {t('interests.sharedBySides', { count: shared.length })}
          </Text>
          <SimpleGrid cols={2} spacing={6} verticalSpacing={6}>
            {shared.map(card)}
          </SimpleGrid>
        </Paper>
      )}
      <SimpleGrid cols={columns.length} spacing="xs">
        {columns.map((c) => (
          <Stack key={c.key} gap={6} data-testid="interest-column" data-side={c.key}>
            <Text fw={700} size="sm">
              {t('interests.column', { label: c.label, count: c.items.length })}
            </Text>
            {c.items.map(card)}
          </Stack>
        ))}
      </SimpleGrid>
    </Stack>
  );
}

function InterestRowView({
  interest,
  sides,
  index,
  isLast,
  dragging,
  onDragStart,
  onDropHere,
  onMove,
  sameAs,
  onDismissSame,
}: {
  interest: Interest;
  sides: Side[];
  index: number;
  isLast: boolean;
  dragging: boolean;
  onDragStart: (id: string) => void;
  onDropHere: (index: number) => void;
  onMove: (id: string, to: number) => Promise<unknown>;
  /** An earlier interest another side said in other words. */
  sameAs: Interest | undefined;
  onDismissSame: (id: string) => void;
}) {
  const repos = useRepos();
  const t = useIbpsT();
  const listText = useListText();
  const [rewrite, setRewrite] = useState('');
  const save = (patch: Parameters<typeof updateInterest>[2]) => trackSave(() => updateInterest(repos, interest.id, patch));
  const toggleSide = (side: Side) => trackSave(() => toggleInterestSide(repos, interest.id, side));
  const shared = isShared(interest.sides, sides);
  const hint = interest.isPosition ? null : positionHint(interest.text);
  // Flagging a position reveals the "interest behind it" field: focus goes there once it shows.
  const askWhy = useRef(false);
  const flagPosition = (on: boolean) => {
    askWhy.current = on;
    return save({ isPosition: on });
  };
  const markShared = (match: Interest) =>
    trackSave(() => markInterestShared(repos, interest.id, match.id))
      .then((merge) =>
        notifyWithUndo(t('interests.markedShared', { sides: listText([...new Set([...match.sides, ...interest.sides])].map((s) => sideLabel(t, s))) }), () =>
          trackSave(() => undoMarkInterestShared(repos, merge)),
        ),
      )
      .catch((e: unknown) => notifyError(t('interests.markSharedFailed'), shownError(e, t)));

  return (
    <Paper
      withBorder
      p="xs"
      data-testid="interest-row"
      data-shared={shared}
      draggable
      tabIndex={0}
      aria-label={t('interests.row', { number: index + 1, text: interest.text })}
      // Off-screen rows skip style, layout and paint: a 400-item board stays as cheap as a short one.
      style={{
        opacity: dragging ? 0.5 : 1,
        borderColor: shared ? 'var(--mantine-color-teal-5)' : undefined,
        contentVisibility: 'auto',
        containIntrinsicSize: 'auto 92px',
      }}
      onDragStart={() => onDragStart(interest.id)}
      onDragOver={(e) => e.preventDefault()}
      onDrop={(e) => {
        e.preventDefault();
        onDropHere(index);
      }}
      onKeyDown={(e) => {
        if (!e.altKey || e.target !== e.currentTarget) return;
        if (e.key === 'ArrowUp') void onMove(interest.id, index - 1);
        if (e.key === 'ArrowDown') void onMove(interest.id, index + 1);
      }}
    >
      <Stack gap={6}>
        <Group gap="xs" wrap="nowrap" align="flex-start">
          <IconGripVertical size={16} color="var(--mantine-color-gray-5)" style={{ cursor: 'grab', flexShrink: 0, marginTop: 4 }} />
          <Text fw={500} size="lg" style={{ flex: 1 }}>
            {interest.text}
          </Text>
          {shared && (
            <Badge color="teal" variant="filled" style={{ flexShrink: 0 }}>
              {t('interests.shared')}
            </Badge>
          )}
          {interest.isPosition && (
            <Badge color="yellow" variant="light" style={{ flexShrink: 0 }}>
              {t('interests.position')}
            </Badge>
          )}
        </Group>
        <Group justify="space-between" gap={4} pl={24}>
          <Group gap={4}>
            {sides.map((s) => (
              <Chip
                key={s}
                size="xs"
                checked={interest.sides.includes(s)}
                onChange={() => void toggleSide(s)}
                aria-label={t('interests.holds', { side: sideLabel(t, s) })}
              >
                {sideLabel(t, s)}
              </Chip>
            ))}
            <AutosaveTextInput
              draftKey={`interests:${interest.id}:groupLabel`}
              size="xs"
              w={150}
              aria-label={t('interests.groupOf', { text: interest.text })}
              placeholder={t('interests.groupPlaceholder')}
              value={interest.groupLabel}
              onSave={(groupLabel) => updateInterest(repos, interest.id, { groupLabel })}
            />
            <Tooltip label={t('interests.allSidesTip')}>
              <Button size="compact-xs" variant="subtle" onClick={() => void trackSave(() => setInterestSides(repos, interest.id, shared ? [] : sides))}>
                {shared ? t('interests.unshare') : t('interests.allSides')}
              </Button>
            </Tooltip>
          </Group>
          <Group gap={2}>
            <Tooltip label={interest.isPosition ? t('interests.notPosition') : t('interests.isPosition')}>
              <ActionIcon
                variant={interest.isPosition ? 'filled' : 'subtle'}
                color="yellow"
                aria-label={t('interests.flag')}
                aria-pressed={interest.isPosition}
                data-pressed={interest.isPosition || undefined}
                onClick={() => void flagPosition(!interest.isPosition)}
              >
                <IconHandStop size={16} />
              </ActionIcon>
            </Tooltip>
            <ActionIcon
              variant="subtle"
              color="gray"
              aria-label={t('interests.moveUp')}
              disabled={index === 0}
              onClick={() => void onMove(interest.id, index - 1)}
            >
              <IconArrowUp size={16} />
            </ActionIcon>
            <ActionIcon
              variant="subtle"
              color="gray"
              aria-label={t('interests.moveDown')}
              disabled={isLast}
              onClick={() => void onMove(interest.id, index + 1)}
            >
              <IconArrowDown size={16} />
            </ActionIcon>
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={t('interests.remove', { text: interest.text })}
              onClick={() =>
                void removeWithUndo(
                  t('interests.removed'),
                  () => removeInterest(repos, interest.id),
                  (row) => restoreInterest(repos, row),
                )
              }
            >
              <IconTrash size={16} />
            </ActionIcon>
          </Group>
        </Group>
        {interest.convertedFromPosition && (
          <Text size="xs" c="dimmed">
            {t('interests.fromPosition', { text: interest.convertedFromPosition })}
          </Text>
        )}
        {sameAs && (
          <Group gap="xs" pl={24} data-testid="same-interest" wrap="nowrap">
            <Text size="sm" c="teal.8" style={{ flex: 1 }}>
              {t('interests.sameAs', { sides: listText(sameAs.sides.map((s) => sideLabel(t, s))), text: sameAs.text })}
            </Text>
            <Button size="compact-xs" color="teal" onClick={() => void markShared(sameAs)}>
              {t('interests.markShared')}
            </Button>
            <Button size="compact-xs" variant="subtle" color="gray" onClick={() => onDismissSame(interest.id)}>
              {t('interests.notSame')}
            </Button>
          </Group>
        )}
        {hint && (
          <Group gap="xs" pl={24} data-testid="position-hint" wrap="nowrap">
            <Text size="sm" c="yellow.9" style={{ flex: 1 }}>
              {t('interests.positionHint', { excerpt: hint.excerpt })}
            </Text>
            <Button size="compact-xs" variant="light" color="yellow" onClick={() => void flagPosition(true)}>
              {t('interests.itIsPosition')}
            </Button>
          </Group>
        )}
        {interest.isPosition && (
          <Paper bg="yellow.0" p="xs" radius="sm">
            <Text size="sm" fw={600}>
              {t('interests.why')}
            </Text>
            <Group mt={6} wrap="nowrap">
              <TextInput
                style={{ flex: 1 }}
                size="sm"
                ref={(el) => {
                  if (el && askWhy.current) {
                    askWhy.current = false;
                    el.focus();
                  }
                }}
                aria-label={t('interests.behind')}
                placeholder={t('interests.behindPlaceholder')}
                value={rewrite}
                onChange={(e) => setRewrite(e.currentTarget.value)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' && rewrite.trim()) {
                    e.preventDefault();
                    void trackSave(() => rewritePositionAsInterest(repos, interest.id, rewrite));
                  }
                }}
              />
              <Button size="sm" disabled={!rewrite.trim()} onClick={() => void trackSave(() => rewritePositionAsInterest(repos, interest.id, rewrite))}>
                {t('interests.record')}
              </Button>
            </Group>
          </Paper>
        )}
      </Stack>
    </Paper>
  );
}
