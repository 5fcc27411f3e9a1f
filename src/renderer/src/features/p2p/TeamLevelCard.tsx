import { Anchor, Badge, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { IconClipboardCheck } from '@tabler/icons-react';
import { Link } from 'wouter';
import { type HistoryEntry } from '@shared/p2p/rollup';
import { useLive } from '../../db/live';
import { LEVEL_HUES, assessmentHref, useP2pWords, type P2pScreenWords } from './labels';
import { teamP2pHistory } from './queries';
import type { P2pRating } from '@shared/model/p2p';

/** What changed since the previous rated quarter, in a line: criteria gained and lost, by dimension. */
function changes(entry: HistoryEntry<P2pRating>, w: P2pScreenWords): string {
  const { t } = w;
  if (!entry.previous) return t('history.first');
  const parts: string[] = [];
  const byDimension = (list: HistoryEntry['gained']) => [...new Set(list.map((c) => w.dimension(c.dimension).toLowerCase()))].join(', ');
  if (entry.gained.length) parts.push(t('history.gained', { count: entry.gained.length, dimensions: byDimension(entry.gained) }));
  if (entry.lost.length) parts.push(t('history.lost', { count: entry.lost.length, dimensions: byDimension(entry.lost) }));
  if (entry.gap && entry.gap > 1) parts.push(t('history.gap', { count: entry.gap - 1 }));
  return parts.join('; ') || t('history.same');
}

/** The team page's Path to Performance card: level per quarter with what changed, and where to assess. */
export function TeamLevelCard({ teamId }: { teamId: string }) {
  const history = useLive((r) => teamP2pHistory(r, teamId), [teamId]);
  const w = useP2pWords();
  const { t } = w;
  // The card keeps its place while loading, so nothing below it moves under the pointer.
  if (!history)
    return (
      <Card withBorder mih={120} data-testid="p2p-history-loading">
        <Title order={2} size="h4">
          {t('title')}
        </Title>
      </Card>
    );
  const { entries, drafts, legacy, currentQuarter } = history;
  return (
    <Card withBorder data-testid="p2p-history">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4">
          {t('title')}
        </Title>
        <Button component={Link} href={assessmentHref(teamId, currentQuarter)} variant="light" leftSection={<IconClipboardCheck size={16} />}>
          {t(entries.some((e) => e.rating.quarter === currentQuarter) ? 'history.open' : 'history.assess', { quarter: w.quarter(currentQuarter) })}
        </Button>
      </Group>
      <Stack gap="xs">
        {drafts.map((d) => (
          <Text key={d.id} size="sm">
            <Anchor component={Link} href={assessmentHref(teamId, d.quarter)}>
              {w.quarter(d.quarter)}
            </Anchor>
            : {t('history.draft', { version: d.version })}
          </Text>
        ))}
        {entries.length > 0 ? (
          <Table verticalSpacing={6}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('history.column.quarter')}</Table.Th>
                <Table.Th>{t('history.column.level')}</Table.Th>
                <Table.Th>{t('history.column.change')}</Table.Th>
                <Table.Th>{t('history.column.what')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {entries.map((e) => (
                <Table.Tr key={e.rating.id} data-testid="p2p-history-row">
                  <Table.Td>
                    <Anchor component={Link} href={assessmentHref(teamId, e.rating.quarter)}>
                      {w.quarter(e.rating.quarter)}
                    </Anchor>
                    {e.rating.version > 1 && (
                      <Text span size="xs" c="dimmed">
                        {' '}
                        {t('history.corrected')}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Badge color={LEVEL_HUES[e.rating.level]} variant="light" tt="none">
                      {w.levelName(e.rating.level)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{w.change(e.change)}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{changes(e, w)}</Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : (
          <Text size="sm" c="dimmed">
            {t('history.none')}
          </Text>
        )}
        {legacy && (
          <Text size="sm" c="dimmed" data-testid="p2p-legacy">
            {legacy.ratedOn
              ? t('history.legacyRated', { level: legacy.level, ratedOn: w.f.date(legacy.ratedOn) })
              : t('history.legacy', { level: legacy.level })}
          </Text>
        )}
      </Stack>
    </Card>
  );
}
