import { Alert, Badge, Button, Card, Group, NumberInput, SegmentedControl, Select, Stack, Table, Tabs, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useRef, useState, type KeyboardEvent } from 'react';
import { nowIso } from '@shared/clock';
import type { Person, Side } from '@shared/model';
import {
  checkNewTest,
  evaluateConsensusTest,
  keyForValue,
  nextTestNumber,
  sidesShortOfSupport,
  supportLineSplit,
  valueForKey,
  valueNeedsConcern,
  type ConsensusTestResult,
} from '@shared/ibps/consensus';
import { Escalation } from '@shared/model/ibps';
import type { Translate } from '@shared/i18n/translator';
import { notifyError } from '../../../components/notify';
import { useRepos } from '../../../db/live';
import type { SessionRecord, TestRecord } from '../queries';
import { trackSave } from '../../../stores/saveStatus/store';
import { bodySides } from '../sides';
import { ValidationError } from '../../../db/errors';
import { addConcern, castVote, closeConsensusTest, newRecordId, recordDecision, recordEscalation, setTally, startConsensusTest } from '../commands';
import { focusAtEnd } from '../focus';
import { refusalText, shownError } from '../refusals';
import { consensusReasons, methodName, methodValues, shortfallText, sideLabel, useIbpsT } from '../words';

// A test a later test modified is over: it did not reach consensus, full stop (consensus.superseded.*).
const OUTCOME_COLORS = { consensus: 'teal', 'no-consensus': 'orange', 'no-quorum': 'red', incomplete: 'gray' } as const;

export function ConsensusStep({ record, present }: { record: SessionRecord; present: Person[] }) {
  // A test just started shows at once (under the id it is being written with), so the first vote
  // can be typed the moment the facilitator starts it; it gives way to the stored test when it lands.
  const [started, setStarted] = useState<TestRecord | null>(null);
  const pending = started && !record.tests.some((t) => t.test.id === started.test.id) ? started : null;
  const current = pending ?? record.tests.at(-1);
  const decision = record.decisions.at(-1);
  const t = useIbpsT();
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2} size="h3">
          {t('consensus.title')}
        </Title>
        <Badge size="lg" variant="light">
          {t('consensus.method', { method: methodName(t, record.consensusMethod) })}
        </Badge>
      </Group>
      {!current && <NewTestForm record={record} onStarted={setStarted} />}
      {current && <TestPanel key={current.test.id} record={record} entry={current} present={present} justStarted={current.test.id === started?.test.id} />}
      {current?.test.outcome === 'no-consensus' && !decision && <NewTestForm record={record} modifies={current} onStarted={setStarted} />}
      {current?.test.outcome && current.test.outcome !== 'consensus' && !decision && <FailedDecisionForm record={record} />}
      {current?.test.outcome === 'consensus' && !decision && <DecisionForm record={record} entry={current} />}
      {decision && (
        <Alert
          color={decision.outcome === 'consensus' ? 'teal' : 'orange'}
          title={decision.outcome === 'consensus' ? t('consensus.decisionReached') : t('consensus.notReached')}
          data-testid="decision"
        >
          <Text fw={600}>{decision.text}</Text>
          {decision.dissent && (
            <Text size="sm" mt={4}>
              {t('consensus.dissent', { text: decision.dissent })}
            </Text>
          )}
          {decision.escalatedTo && (
            <Text size="sm" mt={4}>
              {t(`consensus.escalation.${decision.escalatedTo}`)}
            </Text>
          )}
        </Alert>
      )}
      {record.tests.length > (pending ? 0 : 1) && <TestHistory tests={pending ? record.tests : record.tests.slice(0, -1)} />}
    </Stack>
  );
}

function NewTestForm({ record, modifies, onStarted }: { record: SessionRecord; modifies?: TestRecord; onStarted: (test: TestRecord | null) => void }) {
  const repos = useRepos();
  const t = useIbpsT();
  const shortlisted = record.options.filter((o) => o.shortlisted && !o.mergedIntoId);
  const [proposal, setProposal] = useState(modifies?.test.proposal ?? shortlisted.map((o) => o.text).join('; '));
  const [problems, setProblems] = useState<string[]>([]);
  const start = async () => {
    if (!record.meeting) return;
    const meetingId = record.meeting.id;
    const sessionId = record.session.id;
    const existing = record.tests.map((t) => t.test);
    const next = { sessionId, number: nextTestNumber(existing), proposal: proposal.trim(), modifiedFromTestId: modifies?.test.id ?? null };
    // The same rules the command applies, checked first so a refused test never shows as started.
    const found = checkNewTest(existing, next).map((p) =>
      t(`consensus.problem.${p.code}`, { number: p.code === 'number-taken' ? next.number : (modifies?.test.number ?? 0), next: nextTestNumber(existing) }),
    );
    setProblems(found);
    if (found.length) return;
    const id = newRecordId();
    const at = nowIso();
    onStarted({
      test: { ...next, id, meetingId, method: record.consensusMethod, outcome: null, decidedAt: null, createdAt: at, updatedAt: at },
      votes: [],
      tallies: [],
      concerns: [],
    });
    try {
      await trackSave(() => startConsensusTest(repos, { ...next, meetingId, method: record.consensusMethod }, id));
    } catch (e) {
      onStarted(null);
      if (e instanceof ValidationError) setProblems(e.problems.map((p) => refusalText(p.message, t)));
      else throw e;
    }
  };
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Text fw={600}>
          {modifies ? t('consensus.modifyTitle', { number: nextTestNumber(record.tests.map((x) => x.test)) }) : t('consensus.proposalTitle')}
        </Text>
        {modifies && modifies.concerns.length > 0 && (
          <Text size="sm" c="dimmed">
            {t('consensus.concernsRaised', { list: modifies.concerns.map((c) => c.text).join(' · ') })}
          </Text>
        )}
        <Textarea
          aria-label={t('consensus.proposal')}
          data-testid="proposal"
          autosize
          minRows={2}
          value={proposal}
          onChange={(e) => setProposal(e.currentTarget.value)}
          placeholder={t('consensus.proposalPlaceholder')}
          // A retest form appears when a test fails: the modified proposal is what comes next.
          data-autofocus={modifies ? true : undefined}
        />
        {problems.map((p) => (
          <Text key={p} c="red" size="sm">
            {p}
          </Text>
        ))}
        <Group>
          <Button
            onClick={() => void start().catch((e: unknown) => notifyError(t('consensus.startFailed'), shownError(e, t)))}
            disabled={!proposal.trim() || !record.meeting}
          >
            {modifies ? t('consensus.testModified') : t('consensus.start')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

/** Focus a voter's row (its chosen value, else its first), or the control after the last row. */
function focusVoter(panel: HTMLElement | null, index: number) {
  if (!panel) return;
  const rows = panel.querySelectorAll<HTMLElement>('[data-voter-row]');
  const row = rows[index];
  if (row) {
    (row.querySelector<HTMLElement>('input:checked') ?? row.querySelector<HTMLElement>('input'))?.focus();
    return;
  }
  panel.querySelector<HTMLElement>('[data-testid="close-test"]')?.focus();
}

function TestPanel({ record, entry, present, justStarted }: { record: SessionRecord; entry: TestRecord; present: Person[]; justStarted: boolean }) {
  const repos = useRepos();
  const t = useIbpsT();
  const { test } = entry;
  const values = methodValues(t, test.method);
  const sides = bodySides(record.members);
  const closed = test.outcome !== null;
  const panel = useRef<HTMLDivElement>(null);
  // Votes show as cast, before their write lands; the stored vote takes over when it arrives.
  const [cast, setCast] = useState<Record<string, number>>({});
  const [closeProblems, setCloseProblems] = useState<string[]>([]);
  // Whose concern field was just revealed by their vote: focus goes into it.
  const [askConcernOf, setAskConcernOf] = useState<string | null>(null);
  const focused = useRef(false);
  const firstRow = (el: HTMLDivElement | null) => {
    panel.current = el;
    // A test the facilitator just started: the first voter is ready for a key at once (once only).
    if (el && justStarted && !closed && !focused.current) {
      focused.current = true;
      focusVoter(el, 0);
    }
  };
  const result = evaluateConsensusTest({
    method: test.method,
    votes: entry.votes.map((v) => ({ id: v.id, personId: v.personId, side: v.side, value: v.value })),
    tallies: entry.tallies.map((t) => ({ id: t.id, side: t.side, value: t.value, count: t.count })),
    concerns: entry.concerns.map((c) => ({ personId: c.personId, side: c.side, text: c.text })),
    members: record.members,
    present: present.map((p) => ({ side: p.side, personId: p.id })),
    quorum: record.consensusQuorum ?? { percentOfMembers: 0, minPerSide: { management: 0, union: 0, physician: 0 } },
  });
  const voteOf = (personId: string): number | undefined => entry.votes.find((v) => v.personId === personId)?.value ?? cast[personId];
  const submitVote = (person: Person, value: number) => {
    setCast((c) => ({ ...c, [person.id]: value }));
    trackSave(() => castVote(repos, test.id, { personId: person.id, side: person.side }, value)).catch((e: unknown) => {
      setCast(({ [person.id]: _dropped, ...rest }) => rest);
      notifyError(t('consensus.voteFailed', { name: person.name }), shownError(e, t));
    });
  };
  /** A vote typed on a row (its digit, or U/S/D for thumbs): recorded, then the next voter, or the concern it calls for. */
  const voteKey = (e: KeyboardEvent, person: Person, index: number) => {
    if (e.ctrlKey || e.metaKey || e.altKey || (e.target as HTMLElement).tagName !== 'INPUT' || (e.target as HTMLInputElement).type !== 'radio') return;
    const value = valueForKey(test.method, e.key);
    if (value === undefined) return;
    e.preventDefault();
    submitVote(person, value);
    if (valueNeedsConcern(test.method, value) && !entry.concerns.some((c) => c.personId === person.id)) setAskConcernOf(person.id);
    else focusVoter(panel.current, index + 1);
  };
  const tallyOf = (side: Side, value: number) => entry.tallies.find((x) => x.side === side && x.value === value);
  const submitTally = (side: Side, value: number, count: number) => trackSave(() => setTally(repos, test.id, side, value, count));
  const close = () => {
    setCloseProblems([]);
    // Counted from the stored votes by the command: a vote typed just before still counts.
    trackSave(() => closeConsensusTest(repos, test.id)).catch((e: unknown) => {
      if (e instanceof ValidationError) setCloseProblems(e.problems.map((p) => refusalText(p.message, t)));
      else notifyError(t('consensus.resultFailed'), shownError(e, t));
    });
  };
  const incomplete = result.outcome === 'incomplete';
  const reasons = consensusReasons(t, result, {
    method: test.method,
    presentCount: present.length,
    percentOfMembers: record.consensusQuorum?.percentOfMembers ?? 0,
  });
  const short = (test.outcome ?? result.outcome) === 'no-consensus' ? sidesShortOfSupport(result, sides) : [];

  return (
    <Card withBorder data-testid="consensus-test" data-outcome={test.outcome ?? result.outcome} ref={firstRow}>
      <Stack>
        <Group justify="space-between" align="flex-start">
          <div>
            <Text size="sm" c="dimmed">
              {t('consensus.testNumber', { number: test.number, modified: test.modifiedFromTestId ? 'yes' : 'no' })}
            </Text>
            <Text fw={700} size="lg">
              {test.proposal}
            </Text>
          </div>
          <Badge size="lg" color={OUTCOME_COLORS[test.outcome ?? result.outcome]} data-testid="test-outcome">
            {t(`consensus.outcome.${test.outcome ?? result.outcome}`)}
          </Badge>
        </Group>
        {!closed && (
          <Tabs defaultValue="named">
            <Tabs.List>
              <Tabs.Tab value="named">{t('consensus.byName')}</Tabs.Tab>
              <Tabs.Tab value="tally">{t('consensus.tallies')}</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="named" pt="sm">
              <Stack gap={6}>
                {present.length === 0 ? (
                  <Text c="dimmed" size="sm">
                    {t('consensus.noAttendance')}
                  </Text>
                ) : (
                  <Text c="dimmed" size="xs">
                    {t('consensus.keys', {
                      keys: values.map((v) => t('consensus.keyItem', { key: keyForValue(test.method, v.value), label: v.label })).join(' · '),
                    })}
                  </Text>
                )}
                {present.map((p, index) => {
                  const vote = voteOf(p.id);
                  return (
                    <Stack key={p.id} gap={4} data-testid="voter-row" data-voter-row onKeyDown={(e) => voteKey(e, p, index)}>
                      <Group justify="space-between" wrap="nowrap">
                        <Text size="sm" w={200}>
                          {p.name}{' '}
                          <Text span c="dimmed" size="xs">
                            {sideLabel(t, p.side)}
                          </Text>
                        </Text>
                        <SegmentedControl
                          size="xs"
                          aria-label={t('consensus.voteOf', { name: p.name })}
                          data={values.map((v) => ({ value: String(v.value), label: v.label }))}
                          value={vote !== undefined ? String(vote) : ''}
                          onChange={(v) => {
                            submitVote(p, Number(v));
                            if (valueNeedsConcern(test.method, Number(v))) setAskConcernOf(p.id);
                          }}
                          styles={{ label: { paddingInline: 8 } }}
                        />
                      </Group>
                      {vote !== undefined && valueNeedsConcern(test.method, vote) && (
                        <ConcernInput
                          record={entry}
                          personId={p.id}
                          side={p.side}
                          name={p.name}
                          focus={askConcernOf === p.id}
                          onRecorded={() => focusVoter(panel.current, index + 1)}
                        />
                      )}
                    </Stack>
                  );
                })}
              </Stack>
            </Tabs.Panel>
            <Tabs.Panel value="tally" pt="sm">
              <Table withTableBorder>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('consensus.valueHeader')}</Table.Th>
                    {sides.map((s) => (
                      <Table.Th key={s}>{sideLabel(t, s)}</Table.Th>
                    ))}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {values.map((v) => (
                    <Table.Tr key={v.value}>
                      <Table.Td>{v.label}</Table.Td>
                      {sides.map((s) => (
                        <Table.Td key={s}>
                          <NumberInput
                            size="xs"
                            min={0}
                            max={10000}
                            allowDecimal={false}
                            aria-label={t('consensus.showing', { side: sideLabel(t, s), value: v.label })}
                            value={tallyOf(s, v.value)?.count ?? 0}
                            onChange={(n) => typeof n === 'number' && void submitTally(s, v.value, n)}
                          />
                        </Table.Td>
                      ))}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              {result.needsConcern
                .filter((n) => n.kind === 'tally')
                .map((n) => (
                  <ConcernInput
                    key={`${n.side}-${n.value}`}
                    record={entry}
                    personId={null}
                    side={n.side}
                    name={t('consensus.tallyConcernName', { side: sideLabel(t, n.side), value: String(n.value) })}
                  />
                ))}
            </Tabs.Panel>
          </Tabs>
        )}
        <ResultTable result={result} method={test.method} sides={sides} t={t} />
        {short.length > 0 && (
          <Alert color="orange" variant="light" p="xs" data-testid="consensus-shortfall" title={t('consensus.shortTitle')}>
            {short.map((x) => (
              <Text key={x.side} size="sm">
                {shortfallText(t, x)}
              </Text>
            ))}
          </Alert>
        )}
        {!closed && (
          <Group>
            <Button
              // aria-disabled keeps it in the tab order: the last vote's key moves focus here, and
              // Enter works as soon as the count is complete.
              aria-disabled={incomplete || undefined}
              data-disabled={incomplete || undefined}
              onClick={close}
              data-testid="close-test"
            >
              {t('consensus.recordResult')}
            </Button>
            {(incomplete || closeProblems.length > 0) && (
              <Text size="sm" c="dimmed" data-testid="close-test-reasons">
                {(incomplete ? reasons : closeProblems).join(' ')}
              </Text>
            )}
          </Group>
        )}
        {entry.concerns.length > 0 && (
          <Stack gap={2}>
            <Text fw={600} size="sm">
              {t('consensus.concerns')}
            </Text>
            {entry.concerns.map((c) => (
              <Text key={c.id} size="sm" data-testid="concern">
                {t('consensus.concernLine', {
                  who: record.people.find((p) => p.id === c.personId)?.name ?? (c.side ? sideLabel(t, c.side) : t('consensus.someone')),
                  text: c.text,
                })}
              </Text>
            ))}
          </Stack>
        )}
      </Stack>
    </Card>
  );
}

function ConcernInput({
  record,
  personId,
  side,
  name,
  focus = false,
  onRecorded,
}: {
  record: TestRecord;
  personId: string | null;
  side: Side;
  name: string;
  focus?: boolean;
  onRecorded?: () => void;
}) {
  const repos = useRepos();
  const t = useIbpsT();
  const existing = record.concerns.find((c) => (personId ? c.personId === personId : c.side === side && !c.personId));
  const [text, setText] = useState('');
  const [saved, setSaved] = useState(false);
  const focused = useRef(false);
  if (existing || saved) return null;
  const save = () => {
    if (!text.trim()) return;
    setSaved(true);
    onRecorded?.();
    trackSave(() => addConcern(repos, record.test.id, { personId, side, text })).catch((e: unknown) => {
      setSaved(false);
      notifyError(t('consensus.concernFailed'), shownError(e, t));
    });
  };
  return (
    <Group wrap="nowrap" pl="md">
      <TextInput
        style={{ flex: 1 }}
        size="xs"
        aria-label={t('consensus.concernOf', { name })}
        placeholder={t('consensus.concernPlaceholder', { name })}
        value={text}
        ref={(el) => {
          // Revealed by this person's vote: the concern is what the facilitator types next (once).
          if (el && focus && !focused.current) {
            focused.current = true;
            focusAtEnd(el);
          }
        }}
        onChange={(e) => setText(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            save();
          }
        }}
        error={!text ? t('consensus.concernNeeded') : undefined}
      />
      <Button size="xs" variant="light" onClick={save} disabled={!text.trim()}>
        {t('consensus.recordConcern')}
      </Button>
    </Group>
  );
}

function ResultTable({ result, method, sides, t }: { result: ConsensusTestResult; method: TestRecord['test']['method']; sides: Side[]; t: Translate }) {
  // Support values first, then the line, then the values that need a concern heard.
  const split = supportLineSplit(method);
  const words = new Map(methodValues(t, method).map((v) => [v.value, v]));
  const above = split.above.map((v) => words.get(v.value) ?? v);
  const below = split.below.map((v) => words.get(v.value) ?? v);
  const line = '3px solid var(--mantine-color-orange-6)';
  const lineAt = (i: number) => (i === above.length && below.length ? { borderLeft: line } : undefined);
  const values = [...above, ...below];
  return (
    <Table withTableBorder fz="sm" data-testid="consensus-breakdown">
      <Table.Thead>
        <Table.Tr>
          <Table.Th />
          <Table.Th colSpan={above.length} ta="center" c="teal.8">
            {t('consensus.support')}
          </Table.Th>
          {below.length > 0 && (
            <Table.Th colSpan={below.length} ta="center" c="orange.8" style={{ borderLeft: line }} data-testid="support-line">
              {t('consensus.belowLine')}
            </Table.Th>
          )}
        </Table.Tr>
        <Table.Tr>
          <Table.Th>{t('consensus.sideHeader')}</Table.Th>
          {values.map((v, i) => (
            <Table.Th key={v.value} style={lineAt(i)} title={v.meaning}>
              {v.label}
            </Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {sides.map((s) => (
          <Table.Tr key={s}>
            <Table.Td>{sideLabel(t, s)}</Table.Td>
            {values.map((v, i) => (
              <Table.Td key={v.value} style={lineAt(i)}>
                {result.breakdownBySide[s][v.value] ?? 0}
              </Table.Td>
            ))}
          </Table.Tr>
        ))}
      </Table.Tbody>
      <Table.Caption>
        {t('consensus.caption', {
          total: result.totalVotes,
          supporting: result.supporting,
          notSupporting: result.notSupporting,
          blocking: result.blocking,
          met: result.quorum.met ? 'yes' : 'no',
        })}
      </Table.Caption>
    </Table>
  );
}

function DecisionForm({ record, entry }: { record: SessionRecord; entry: TestRecord }) {
  const repos = useRepos();
  const t = useIbpsT();
  const [text, setText] = useState(entry.test.proposal);
  const [dissent, setDissent] = useState(entry.concerns.map((c) => c.text).join('; '));
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Text fw={600}>{t('consensus.recordDecisionTitle')}</Text>
        <Textarea aria-label={t('consensus.decision')} autosize minRows={2} value={text} onChange={(e) => setText(e.currentTarget.value)} data-autofocus />
        <Textarea
          aria-label={t('consensus.dissentLabel')}
          label={t('consensus.dissentField')}
          autosize
          value={dissent}
          onChange={(e) => setDissent(e.currentTarget.value)}
        />
        <Group>
          <Button
            disabled={!text.trim()}
            onClick={() =>
              void trackSave(() =>
                recordDecision(repos, { sessionId: record.session.id, meetingId: record.meeting?.id ?? null, consensusTestId: entry.test.id, text, dissent }),
              )
            }
          >
            {t('consensus.recordDecision')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function FailedDecisionForm({ record }: { record: SessionRecord }) {
  const repos = useRepos();
  const t = useIbpsT();
  const [escalation, setEscalation] = useState<Escalation | null>(null);
  const last = record.tests.at(-1)!;
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Text fw={600}>{t('consensus.failedTitle')}</Text>
        {record.whenConsensusFails && <Text size="sm">{t('consensus.charterSays', { text: record.whenConsensusFails })}</Text>}
        <Select
          aria-label={t('consensus.escalateTo')}
          placeholder={t('consensus.escalatePlaceholder')}
          data={Escalation.options.map((value) => ({ value, label: t(`consensus.escalation.${value}`) }))}
          value={escalation}
          onChange={(v) => setEscalation(v as Escalation | null)}
        />
        <Group>
          <Button
            color="orange"
            variant="light"
            disabled={!escalation}
            onClick={() =>
              escalation &&
              void trackSave(() =>
                recordEscalation(repos, {
                  sessionId: record.session.id,
                  meetingId: record.meeting?.id ?? null,
                  consensusTestId: last.test.id,
                  proposal: last.test.proposal,
                  escalatedTo: escalation,
                }),
              )
            }
          >
            {t('consensus.recordFailed')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function TestHistory({ tests }: { tests: TestRecord[] }) {
  const t = useIbpsT();
  return (
    <Stack gap="xs">
      <Text fw={600}>{t('consensus.earlierTests')}</Text>
      {tests.map(({ test, concerns }) => (
        <Card key={test.id} withBorder p="xs" data-testid="earlier-test">
          <Group justify="space-between">
            <Text size="sm">{t('consensus.earlierTest', { number: test.number, proposal: test.proposal })}</Text>
            <Badge color={OUTCOME_COLORS[test.outcome ?? 'incomplete']} variant="light">
              {t(`consensus.superseded.${test.outcome ?? 'incomplete'}`)}
            </Badge>
          </Group>
          {concerns.length > 0 && (
            <Text size="xs" c="dimmed">
              {t('consensus.earlierConcerns', { list: concerns.map((c) => c.text).join(' · ') })}
            </Text>
          )}
        </Card>
      ))}
    </Stack>
  );
}
