import { Alert, Badge, Card, Group, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import type { Attendance, Person, Quorum } from '@shared/model';
import { evaluateQuorum } from '@shared/roster/quorum';
import { useT } from '../../i18n';

function QuorumTable({ label, quorum, members, present, testId }: { label: string; quorum: Quorum; members: Person[]; present: Person[]; testId: string }) {
  const t = useT('meetings');
  const result = evaluateQuorum(quorum, { members, present });
  // Said again from the counts rather than from result.shortfalls, which are English sentences.
  const shortfalls = [
    ...(result.totalMet
      ? []
      : [t('quorum.totalShort', { present: result.present, members: result.members, percent: quorum.percentOfMembers, required: result.requiredTotal })]),
    ...result.bySide.filter((s) => !s.met).map((s) => t('quorum.sideShort', { side: t(`side.${s.side}`), present: s.present, required: s.required })),
  ];
  return (
    <Stack gap={6} data-testid={testId} data-met={result.met}>
      <Group justify="space-between">
        <Text fw={600}>{label}</Text>
        <Badge color={result.met ? 'teal' : 'red'} variant="filled" size="lg">
          {result.met ? t('quorum.met') : t('quorum.notMet')}
        </Badge>
      </Group>
      <Table withTableBorder verticalSpacing={4} fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('quorum.col.side')}</Table.Th>
            <Table.Th>{t('quorum.col.members')}</Table.Th>
            <Table.Th>{t('quorum.col.present')}</Table.Th>
            <Table.Th>{t('quorum.col.needed')}</Table.Th>
            <Table.Th>
              <VisuallyHidden>{t('quorum.col.met')}</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {result.bySide.map((s) => (
            <Table.Tr key={s.side} data-testid={`${testId}-${s.side}`}>
              <Table.Td>{t(`side.${s.side}`)}</Table.Td>
              <Table.Td>{s.members}</Table.Td>
              <Table.Td>{s.present}</Table.Td>
              <Table.Td>{s.required}</Table.Td>
              <Table.Td>{s.met ? '✓' : '✗'}</Table.Td>
            </Table.Tr>
          ))}
          <Table.Tr>
            <Table.Td fw={600}>{t('quorum.allMembers')}</Table.Td>
            <Table.Td>{result.members}</Table.Td>
            <Table.Td>{result.present}</Table.Td>
            <Table.Td>{t('quorum.required', { required: result.requiredTotal, percent: quorum.percentOfMembers })}</Table.Td>
            <Table.Td>{result.totalMet ? '✓' : '✗'}</Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
      {!result.met && (
        <Text size="sm" c="red">
          {shortfalls.join('; ')}
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
  const t = useT('meetings');
  const presentIds = new Set(attendance.filter((a) => a.personId && a.status === 'present').map((a) => a.personId));
  const present = members.filter((m) => presentIds.has(m.id));
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="sm">
        {t('quorum.title')}
      </Title>
      {!rules ? (
        <Alert color="yellow">{t('quorum.missing')}</Alert>
      ) : (
        <Stack>
          <QuorumTable label={t('quorum.toMeet')} quorum={rules.meeting} members={members} present={present} testId="quorum-meeting" />
          <QuorumTable label={t('quorum.toDecide')} quorum={rules.consensus} members={members} present={present} testId="quorum-consensus" />
          <Text size="xs" c="dimmed">
            {t('quorum.source', { source: rules.source === 'team charter' ? 'team' : 'council' })}
          </Text>
        </Stack>
      )}
    </Card>
  );
}
