import { Anchor, Badge, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { IconClipboardCheck } from '@tabler/icons-react';
import { Link } from 'wouter';
import { P2P_DIMENSION_LABELS } from '@shared/model/p2p';
import { quarterLabel } from '@shared/p2p/quarters';
import { describeChange, type HistoryEntry } from '@shared/p2p/rollup';
import { useLive } from '../../db/live';
import { LEVEL_HUES, assessmentHref, levelName } from './labels';
import { teamP2pHistory } from './queries';
import type { P2pRating } from '@shared/model/p2p';

/** What changed since the previous rated quarter, in a line: criteria gained and lost, by dimension. */
function changes(entry: HistoryEntry<P2pRating>): string {
  if (!entry.previous) return 'First confirmed assessment';
  const parts: string[] = [];
  const byDimension = (list: HistoryEntry['gained']) => [...new Set(list.map((c) => P2P_DIMENSION_LABELS[c.dimension].toLowerCase()))].join(', ');
  if (entry.gained.length) parts.push(`${entry.gained.length} criteri${entry.gained.length === 1 ? 'on' : 'a'} newly met (${byDimension(entry.gained)})`);
  if (entry.lost.length) parts.push(`${entry.lost.length} no longer met (${byDimension(entry.lost)})`);
  if (entry.gap && entry.gap > 1) parts.push(`${entry.gap - 1} quarter${entry.gap === 2 ? '' : 's'} without an assessment before it`);
  return parts.join('; ') || 'Same criteria as the quarter before';
}

/** The team page's Path to Performance card: level per quarter with what changed, and where to assess. */
export function TeamLevelCard({ teamId }: { teamId: string }) {
  const history = useLive((r) => teamP2pHistory(r, teamId), [teamId]);
  // The card keeps its place while loading, so nothing below it moves under the pointer.
  if (!history)
    return (
      <Card withBorder mih={120} data-testid="p2p-history-loading">
        <Title order={2} size="h4">
          Path to Performance
        </Title>
      </Card>
    );
  const { entries, drafts, legacy, currentQuarter } = history;
  return (
    <Card withBorder data-testid="p2p-history">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4">
          Path to Performance
        </Title>
        <Button component={Link} href={assessmentHref(teamId, currentQuarter)} variant="light" leftSection={<IconClipboardCheck size={16} />}>
          {entries.some((e) => e.rating.quarter === currentQuarter) ? 'Open' : 'Assess'} {quarterLabel(currentQuarter)}
        </Button>
      </Group>
      <Stack gap="xs">
        {drafts.map((d) => (
          <Text key={d.id} size="sm">
            <Anchor component={Link} href={assessmentHref(teamId, d.quarter)}>
              {quarterLabel(d.quarter)}
            </Anchor>
            : {d.version > 1 ? `correction (version ${d.version}) under way` : 'assessment under way'}, not yet confirmed by both co-leads.
          </Text>
        ))}
        {entries.length > 0 ? (
          <Table verticalSpacing={6}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Quarter</Table.Th>
                <Table.Th>Level</Table.Th>
                <Table.Th>Change</Table.Th>
                <Table.Th>What changed</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {entries.map((e) => (
                <Table.Tr key={e.rating.id} data-testid="p2p-history-row">
                  <Table.Td>
                    <Anchor component={Link} href={assessmentHref(teamId, e.rating.quarter)}>
                      {quarterLabel(e.rating.quarter)}
                    </Anchor>
                    {e.rating.version > 1 && (
                      <Text span size="xs" c="dimmed">
                        {' '}
                        (corrected)
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Badge color={LEVEL_HUES[e.rating.level]} variant="light" tt="none">
                      {levelName(e.rating.level)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{describeChange(e.change)}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{changes(e)}</Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : (
          <Text size="sm" c="dimmed">
            No confirmed assessment yet. The co-leads assess the team each quarter across the seven dimensions; the level follows from the criteria met.
          </Text>
        )}
        {legacy && (
          <Text size="sm" c="dimmed" data-testid="p2p-legacy">
            Level {legacy.level} was typed by hand{legacy.ratedOn ? ` (rated ${legacy.ratedOn})` : ''} before assessments were kept here; it has no criteria
            behind it.
          </Text>
        )}
      </Stack>
    </Card>
  );
}
