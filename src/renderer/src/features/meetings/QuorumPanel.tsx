import { Alert, Badge, Card, Group, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { SIDE_LABELS, type Attendance, type Person, type Quorum } from '@shared/model';
import { evaluateQuorum } from '@shared/roster/quorum';

function QuorumTable({ label, quorum, members, present, testId }: { label: string; quorum: Quorum; members: Person[]; present: Person[]; testId: string }) {
  const result = evaluateQuorum(quorum, { members, present });
  return (
    <Stack gap={6} data-testid={testId} data-met={result.met}>
      <Group justify="space-between">
        <Text fw={600}>{label}</Text>
        <Badge color={result.met ? 'teal' : 'red'} variant="filled" size="lg">
          {result.met ? 'Quorum met' : 'No quorum'}
        </Badge>
      </Group>
      <Table withTableBorder verticalSpacing={4} fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Side</Table.Th>
            <Table.Th>Members</Table.Th>
            <Table.Th>Present</Table.Th>
            <Table.Th>Needed</Table.Th>
            <Table.Th>
              <VisuallyHidden>Met</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {result.bySide.map((s) => (
            <Table.Tr key={s.side} data-testid={`${testId}-${s.side}`}>
              <Table.Td>{SIDE_LABELS[s.side]}</Table.Td>
              <Table.Td>{s.members}</Table.Td>
              <Table.Td>{s.present}</Table.Td>
              <Table.Td>{s.required}</Table.Td>
              <Table.Td>{s.met ? '✓' : '✗'}</Table.Td>
            </Table.Tr>
          ))}
          <Table.Tr>
            <Table.Td fw={600}>All members</Table.Td>
            <Table.Td>{result.members}</Table.Td>
            <Table.Td>{result.present}</Table.Td>
            <Table.Td>
              {result.requiredTotal} ({quorum.percentOfMembers}%)
            </Table.Td>
            <Table.Td>{result.totalMet ? '✓' : '✗'}</Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
      {!result.met && (
        <Text size="sm" c="red">
          {result.shortfalls.join('; ')}
        </Text>
      )}
    </Stack>
  );
}

export function QuorumPanel({
  rules,
  members,
  attendance,
}: {
  rules: { meeting: Quorum; consensus: Quorum; source: string } | null;
  members: Person[];
  attendance: Attendance[];
}) {
  const presentIds = new Set(attendance.filter((a) => a.personId && a.status === 'present').map((a) => a.personId));
  const present = members.filter((m) => presentIds.has(m.id));
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="sm">
        Quorum by side
      </Title>
      {!rules ? (
        <Alert color="yellow">The council or team of this meeting is missing, so its quorum is unknown.</Alert>
      ) : (
        <Stack>
          <QuorumTable label="To hold the meeting" quorum={rules.meeting} members={members} present={present} testId="quorum-meeting" />
          <QuorumTable label="To make consensus decisions" quorum={rules.consensus} members={members} present={present} testId="quorum-consensus" />
          <Text size="xs" c="dimmed">
            Rules from the {rules.source}. Guests do not count.
          </Text>
        </Stack>
      )}
    </Card>
  );
}
