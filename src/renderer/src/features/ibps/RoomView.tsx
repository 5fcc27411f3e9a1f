import { Badge, Box, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useLayoutEffect, useRef, type CSSProperties, type ReactNode } from 'react';
import type { Side } from '@shared/model';
import { IBPS_STEPS, type IbpsStep, type Interest } from '@shared/model/ibps';
import { evaluateConsensusTest, sidesShortOfSupport } from '@shared/ibps/consensus';
import { useLive } from '../../db/live';
import { loadSession, type SessionRecord } from './queries';
import { bodySides, isShared } from './sides';
import classes from './RoomView.module.css';
import { useLiveDrafts } from './liveDraft';
import { ROOM_SCALE_STEP, setRoomScale, useRoomScale } from './roomScale';
import { useFormat } from '../../i18n';
import { methodName, shortfallText, sideLabel, stepLabel, useIbpsT } from './words';

/**
 * What the room sees on the projector: the step, the issue, the ground rules and what has been
 * captured, in type readable from the back of a break room. No facilitator controls. It reads the
 * same IndexedDB as the facilitator's window and follows every committed change live.
 *
 * Any amount of content fits: each list scrolls inside its own region and follows the newest
 * item, so what is being captured is always in view; interests stand in columns by side, like the
 * flip charts they replace, with the shared ones across the top.
 */
export function RoomView({ id }: { id: string }) {
  const t = useIbpsT();
  const record = useLive((r) => loadSession(r, id), [id]);
  const drafts = useLiveDrafts(id);
  const scale = useRoomScale();
  useEffect(() => {
    // The projector window has no controls; + and - resize its text (Ctrl/Cmd+ stay the browser's zoom).
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === '+' || e.key === '=') setRoomScale(scale + ROOM_SCALE_STEP);
      if (e.key === '-' || e.key === '_') setRoomScale(scale - ROOM_SCALE_STEP);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [scale]);
  if (record === undefined) return null;
  if (!record)
    return (
      <Box p="xl">
        <Title>{t('room.notFound')}</Title>
      </Box>
    );
  const { session } = record;
  const step = session.currentStep;
  // While the recorder types the issue, the room sees the words as they come.
  const issue = (step === 'issue' && drafts.issue) || record.revisions.at(-1)?.text;
  const typing = { interests: drafts.interest, options: drafts.option, criteria: drafts.criterion, 'action-plan': drafts.action }[
    step as 'interests' | 'options' | 'criteria' | 'action-plan'
  ];
  const parked = record.parkingLot.filter((p) => p.status !== 'answered');
  return (
    <div className={classes.room} data-testid="room-view" data-step={step} data-scale={scale} style={{ '--room-scale': scale } as CSSProperties}>
      <header className={classes.header}>
        <div className={classes.headerLine}>
          <Text className={classes.step} data-testid="room-step">
            {t('room.step', { number: IBPS_STEPS.indexOf(step) + 1, step: stepLabel(t, step) })}
          </Text>
          <Text className={classes.title}>{session.title}</Text>
        </div>
        {issue && (
          <Text className={classes.issue} data-testid="room-issue">
            {issue}
          </Text>
        )}
      </header>
      <main className={classes.main}>
        <section className={classes.board}>
          <RoomItems record={record} step={step} />
          {typing && (
            <Text className={classes.typing} data-testid="room-typing">
              {typing}…
            </Text>
          )}
        </section>
        <aside className={classes.aside}>
          <Follow className={classes.rules} newest={undefined} testId="room-ground-rules">
            <Text className={classes.asideTitle}>{t('room.groundRules')}</Text>
            <ul className={classes.asideList}>
              {session.groundRules.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          </Follow>
          {parked.length > 0 && (
            <Follow className={classes.parking} newest={parked.at(-1)?.id} testId="room-parking-lot">
              <Text className={classes.asideTitle}>{t('room.parkingLot')}</Text>
              <ul className={classes.asideList}>
                {parked.map((p) => (
                  <li key={p.id} data-follow-id={p.id}>
                    {p.text}
                  </li>
                ))}
              </ul>
            </Follow>
          )}
        </aside>
      </main>
    </div>
  );
}

/**
 * A region that scrolls by itself and keeps its newest entry in view: on a projector nobody
 * scrolls, so the list follows what was just captured (marked data-follow-id).
 */
function Follow({ newest, className, children, testId }: { newest: string | undefined; className: string | undefined; children: ReactNode; testId?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const follow = useCallback(() => {
    const box = ref.current;
    if (!box || !newest) return;
    const el = box.querySelector<HTMLElement>(`[data-follow-id="${CSS.escape(newest)}"]`);
    if (!el) return;
    const b = box.getBoundingClientRect();
    const e = el.getBoundingClientRect();
    // Only this region scrolls: scrollIntoView would also move the (fixed) page.
    if (e.bottom > b.bottom) box.scrollTop += e.bottom - b.bottom + 12;
    else if (e.top < b.top) box.scrollTop -= b.top - e.top + 12;
  }, [newest]);
  useLayoutEffect(follow, [follow]);
  useEffect(() => {
    // A larger text size, a longer wording or a window moved to the projector changes the layout
    // without a new item: follow again whenever the region or its content changes size.
    const box = ref.current;
    if (!box || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(follow);
    observer.observe(box);
    for (const child of box.children) observer.observe(child);
    return () => observer.disconnect();
  }, [follow]);
  return (
    <div ref={ref} className={className} data-follow="true" data-testid={testId}>
      {children}
    </div>
  );
}

const newestOf = <T extends { id: string; createdAt: string }>(rows: readonly T[]): T | undefined =>
  rows.reduce<T | undefined>((n, r) => (!n || r.createdAt > n.createdAt || (r.createdAt === n.createdAt && r.id > n.id) ? r : n), undefined);

function InterestItem({ interest, number, newest, otherSides }: { interest: Interest; number: number; newest: boolean; otherSides: Side[] }) {
  const t = useIbpsT();
  return (
    <li value={number} className={classes.item} data-follow-id={interest.id} data-newest={newest || undefined} data-position={interest.isPosition || undefined}>
      <span>
        {interest.text}
        {otherSides.length > 0 && <span className={classes.also}>{t('room.also', { sides: otherSides.map((s) => sideLabel(t, s)).join(', ') })}</span>}
        {interest.isPosition && (
          <Badge size="lg" color="yellow" ml={8} className={classes.badge}>
            {t('room.positionWhy')}
          </Badge>
        )}
      </span>
    </li>
  );
}

/** Interests as flip charts: shared ones across the top, then a column per side, then any not yet tagged. */
function InterestBoard({ record }: { record: SessionRecord }) {
  const t = useIbpsT();
  const sides = bodySides(record.members);
  const number = new Map(record.interests.map((i, index) => [i.id, index + 1]));
  const newest = newestOf(record.interests)?.id;
  const shared = record.interests.filter((i) => isShared(i.sides, sides));
  const notShared = record.interests.filter((i) => !isShared(i.sides, sides));
  const columns: Array<{ key: string; label: string; items: Interest[] }> = sides.map((side) => ({
    key: side,
    label: sideLabel(t, side),
    // An interest two of three sides hold stands once, under the first of them, naming the other.
    items: notShared.filter((i) => sides.find((s) => i.sides.includes(s)) === side),
  }));
  const untagged = notShared.filter((i) => !sides.some((s) => i.sides.includes(s)));
  if (untagged.length) columns.push({ key: 'untagged', label: t('room.notTagged'), items: untagged });
  const newestColumn = columns.find((c) => c.items.some((i) => i.id === newest))?.key;
  return (
    <div className={classes.interestBoard} data-testid="room-items">
      {shared.length > 0 && (
        <Follow className={classes.sharedBand} newest={shared.some((i) => i.id === newest) ? newest : shared.at(-1)?.id} testId="room-shared">
          <Text className={classes.columnTitle}>{t('room.shared', { count: shared.length })}</Text>
          <ol className={classes.sharedList}>
            {shared.map((i) => (
              <li
                key={i.id}
                value={number.get(i.id)}
                className={classes.item}
                data-shared="true"
                data-follow-id={i.id}
                data-newest={i.id === newest || undefined}
              >
                <span>{i.text}</span>
              </li>
            ))}
          </ol>
        </Follow>
      )}
      <div className={classes.columns} style={{ '--columns': columns.length } as CSSProperties}>
        {columns.map((c) => (
          <div key={c.key} className={classes.column} data-testid="room-column" data-side={c.key}>
            <Text className={classes.columnTitle}>{t('room.column', { label: c.label, count: c.items.length })}</Text>
            <Follow className={classes.columnList} newest={c.key === newestColumn ? newest : c.items.at(-1)?.id}>
              <ol className={classes.list}>
                {c.items.map((i) => (
                  <InterestItem
                    key={i.id}
                    interest={i}
                    number={number.get(i.id)!}
                    newest={i.id === newest}
                    otherSides={i.sides.filter((s) => s !== c.key && sides.includes(s))}
                  />
                ))}
              </ol>
            </Follow>
          </div>
        ))}
      </div>
    </div>
  );
}

function RoomList({ rows, render }: { rows: ReadonlyArray<{ id: string; createdAt: string }>; render: (index: number) => ReactNode }) {
  const newest = newestOf(rows)?.id;
  return (
    <Follow className={classes.scroller} newest={newest}>
      <ol className={classes.gridList} data-testid="room-items">
        {rows.map((r, index) => (
          <li key={r.id} value={index + 1} className={classes.item} data-follow-id={r.id} data-newest={r.id === newest || undefined}>
            <span>{render(index)}</span>
          </li>
        ))}
      </ol>
    </Follow>
  );
}

function RoomItems({ record, step }: { record: SessionRecord; step: IbpsStep }) {
  const t = useIbpsT();
  const f = useFormat();
  const sides = bodySides(record.members);
  switch (step) {
    case 'issue':
      return record.revisions.length > 1 ? (
        <Follow className={classes.scroller} newest={undefined}>
          <Text className={classes.muted}>{t('room.earlierWordings')}</Text>
          {record.revisions
            .slice(0, -1)
            .reverse()
            .map((r) => (
              <Text key={r.id} className={classes.mutedItem}>
                {r.text}
              </Text>
            ))}
        </Follow>
      ) : (
        <Text className={classes.muted}>{t('room.issueHint')}</Text>
      );
    case 'interests':
      return <InterestBoard record={record} />;
    case 'options': {
      const options = record.options.filter((o) => !o.mergedIntoId);
      return <RoomList rows={options} render={(i) => options[i]!.text} />;
    }
    case 'criteria':
      return (
        <>
          <RoomList rows={record.criteria} render={(i) => record.criteria[i]!.text} />
          {record.session.criteriaAgreedAt && (
            <Badge size="xl" color="teal" mt="sm" className={classes.badge}>
              {t('room.criteriaAgreed')}
            </Badge>
          )}
        </>
      );
    case 'evaluate': {
      const options = record.options.filter((o) => !o.mergedIntoId);
      return (
        <RoomList
          rows={options}
          render={(i) => (
            <>
              {options[i]!.text}
              {options[i]!.shortlisted && (
                <Badge size="xl" color="orange" ml="sm" className={classes.badge}>
                  {t('room.shortlisted')}
                </Badge>
              )}
            </>
          )}
        />
      );
    }
    case 'consensus':
      return <RoomConsensus record={record} sides={sides} />;
    case 'action-plan':
      return (
        <RoomList
          rows={record.actionItems}
          render={(i) => {
            const a = record.actionItems[i]!;
            return (
              <>
                {a.what}
                <Text span className={classes.owner}>
                  {t('room.action', {
                    owner: record.people.find((p) => p.id === a.ownerId)?.name ?? t('room.ownerUnknown'),
                    hasDate: a.dueDate ? 'yes' : 'no',
                    date: a.dueDate ? f.date(a.dueDate) : '',
                    hasMeasure: a.measure ? 'yes' : 'no',
                    measure: a.measure,
                  })}
                </Text>
              </>
            );
          }}
        />
      );
  }
}

function RoomConsensus({ record, sides }: { record: SessionRecord; sides: Side[] }) {
  const t = useIbpsT();
  const current = record.tests.at(-1);
  const decision = record.decisions.at(-1);
  if (decision)
    return (
      <Text className={classes.proposal} data-testid="room-items">
        {t(decision.outcome === 'consensus' ? 'room.decision' : 'room.noDecision', { text: decision.text })}
      </Text>
    );
  if (!current) return <Text className={classes.muted}>{t('room.preparing')}</Text>;
  const result = evaluateConsensusTest({
    method: current.test.method,
    votes: current.votes,
    tallies: current.tallies,
    concerns: current.concerns,
    members: record.members,
    present: record.members
      .filter((m) => record.attendance.some((a) => a.personId === m.id && a.status === 'present'))
      .map((m) => ({ side: m.side, personId: m.id })),
    quorum: record.consensusQuorum ?? { percentOfMembers: 0, minPerSide: { management: 0, union: 0, physician: 0 } },
  });
  const short = current.test.outcome === 'no-consensus' ? sidesShortOfSupport(result, sides) : [];
  return (
    <div data-testid="room-items" className={classes.scroller}>
      <Text className={classes.muted}>{t('room.proposal', { number: current.test.number, method: methodName(t, current.test.method) })}</Text>
      <Text className={classes.proposal}>{current.test.proposal}</Text>
      <div className={classes.tallies}>
        {sides.map((s) => {
          const st = result.stancesBySide[s];
          const voted = st.support + st['stand-aside'] + st.discuss + st.oppose + st.block;
          return (
            <Text key={s} className={classes.tally}>
              {t('room.tally', { side: sideLabel(t, s), support: st.support, voted })}
            </Text>
          );
        })}
      </div>
      {short.length > 0 && (
        <Text className={classes.short} data-testid="room-shortfall">
          {t('room.noConsensus', { sides: short.map((s) => shortfallText(t, s)).join(' · ') })}
        </Text>
      )}
    </div>
  );
}
