import { Badge, Box, Group, List, Stack, Text, Title } from '@mantine/core';
import { SIDE_LABELS } from '@shared/model';
import { IBPS_STEP_LABELS, IBPS_STEPS, type IbpsStep } from '@shared/model/ibps';
import { CONSENSUS_METHODS, evaluateConsensusTest } from '@shared/ibps/consensus';
import { useLive } from '../../db/live';
import { loadSession, type SessionRecord } from './queries';
import { bodySides, isShared, SIDE_SHORT } from './sides';
import classes from './RoomView.module.css';
import { useLiveDrafts } from './liveDraft';

/**
 * What the room sees on the projector: the step, the issue, the ground rules and what has been
 * captured, in type readable from the back of a break room. No facilitator controls. It reads the
 * same IndexedDB as the facilitator's window and follows every committed change live.
 */
export function RoomView({ id }: { id: string }) {
  const record = useLive((r) => loadSession(r, id), [id]);
  const drafts = useLiveDrafts(id);
  if (record === undefined) return null;
  if (!record)
    return (
      <Box p="xl">
        <Title>Session not found</Title>
      </Box>
    );
  const { session } = record;
  const step = session.currentStep;
  // While the recorder types the issue, the room sees the words as they come.
  const issue = (step === 'issue' && drafts.issue) || record.revisions.at(-1)?.text;
  const typing = { interests: drafts.interest, options: drafts.option, criteria: drafts.criterion }[step as 'interests' | 'options' | 'criteria'];
  return (
    <div className={classes.room} data-testid="room-view" data-step={step}>
      <header className={classes.header}>
        <Group justify="space-between" wrap="nowrap">
          <Text className={classes.step} data-testid="room-step">
            Step {IBPS_STEPS.indexOf(step) + 1}: {IBPS_STEP_LABELS[step]}
          </Text>
          <Text className={classes.title}>{session.title}</Text>
        </Group>
        {issue && (
          <Text className={classes.issue} data-testid="room-issue">
            {issue}
          </Text>
        )}
      </header>
      <main className={classes.main}>
        <section className={classes.items}>
          <RoomItems record={record} step={step} />
          {typing && (
            <Text className={classes.typing} data-testid="room-typing">
              {typing}…
            </Text>
          )}
        </section>
        <aside className={classes.rules}>
          <Text className={classes.asideTitle}>Ground rules</Text>
          <List spacing={6} className={classes.ruleList}>
            {session.groundRules.map((r) => (
              <List.Item key={r}>{r}</List.Item>
            ))}
          </List>
          {record.parkingLot.some((p) => p.status !== 'answered') && (
            <>
              <Text className={classes.asideTitle} mt="lg">
                Parking lot
              </Text>
              <List spacing={4} className={classes.ruleList}>
                {record.parkingLot
                  .filter((p) => p.status !== 'answered')
                  .map((p) => (
                    <List.Item key={p.id}>{p.text}</List.Item>
                  ))}
              </List>
            </>
          )}
        </aside>
      </main>
    </div>
  );
}

function RoomItems({ record, step }: { record: SessionRecord; step: IbpsStep }) {
  const sides = bodySides(record.members);
  switch (step) {
    case 'issue':
      return record.revisions.length > 1 ? (
        <Stack gap="xs">
          <Text className={classes.muted}>Earlier wordings</Text>
          {record.revisions
            .slice(0, -1)
            .reverse()
            .map((r) => (
              <Text key={r.id} className={classes.mutedItem}>
                {r.text}
              </Text>
            ))}
        </Stack>
      ) : (
        <Text className={classes.muted}>One issue, as a question: “How can we …?”</Text>
      );
    case 'interests':
      return (
        <ol className={classes.list} data-testid="room-items">
          {record.interests.map((i) => (
            <li key={i.id} className={classes.item} data-shared={isShared(i.sides, sides)}>
              <span>{i.text}</span>
              {isShared(i.sides, sides) ? (
                <Badge size="xl" color="teal" variant="filled" ml="sm">
                  Shared
                </Badge>
              ) : (
                i.sides.map((s) => (
                  <Badge key={s} size="lg" variant="light" ml={6}>
                    {SIDE_SHORT[s]}
                  </Badge>
                ))
              )}
              {i.isPosition && (
                <Badge size="lg" color="yellow" ml={6}>
                  Position: why?
                </Badge>
              )}
            </li>
          ))}
        </ol>
      );
    case 'options':
      return (
        <ol className={classes.list} data-testid="room-items">
          {record.options
            .filter((o) => !o.mergedIntoId)
            .map((o) => (
              <li key={o.id} className={classes.item}>
                {o.text}
              </li>
            ))}
        </ol>
      );
    case 'criteria':
      return (
        <Stack>
          <ol className={classes.list} data-testid="room-items">
            {record.criteria.map((c) => (
              <li key={c.id} className={classes.item}>
                {c.text}
              </li>
            ))}
          </ol>
          {record.session.criteriaAgreedAt && (
            <Badge size="xl" color="teal">
              Criteria agreed
            </Badge>
          )}
        </Stack>
      );
    case 'evaluate':
      return (
        <ol className={classes.list} data-testid="room-items">
          {record.options
            .filter((o) => !o.mergedIntoId)
            .map((o) => (
              <li key={o.id} className={classes.item}>
                {o.text}
                {o.shortlisted && (
                  <Badge size="xl" color="orange" ml="sm">
                    Shortlisted
                  </Badge>
                )}
              </li>
            ))}
        </ol>
      );
    case 'consensus': {
      const current = record.tests.at(-1);
      const decision = record.decisions.at(-1);
      if (decision)
        return (
          <Text className={classes.proposal} data-testid="room-items">
            Decision: {decision.text}
          </Text>
        );
      if (!current) return <Text className={classes.muted}>Preparing the proposal…</Text>;
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
      return (
        <Stack data-testid="room-items">
          <Text className={classes.muted}>
            Proposal (test {current.test.number}, {CONSENSUS_METHODS[current.test.method].label})
          </Text>
          <Text className={classes.proposal}>{current.test.proposal}</Text>
          <Group gap="xl">
            {sides.map((s) => (
              <Text key={s} className={classes.tally}>
                {SIDE_LABELS[s]}: {result.stancesBySide[s].support} support
              </Text>
            ))}
          </Group>
        </Stack>
      );
    }
    case 'action-plan':
      return (
        <ol className={classes.list} data-testid="room-items">
          {record.actionItems.map((a) => (
            <li key={a.id} className={classes.item}>
              {a.what}
              <Text span className={classes.owner}>
                {' '}
                — {record.people.find((p) => p.id === a.ownerId)?.name ?? 'owner?'}
                {a.dueDate ? `, by ${a.dueDate}` : ''}
              </Text>
            </li>
          ))}
        </ol>
      );
  }
}
