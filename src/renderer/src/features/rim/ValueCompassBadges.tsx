import { Badge, Group, Text } from '@mantine/core';
import { VALUE_COMPASS_LABELS, VALUE_COMPASS_POINTS } from '@shared/model/rim';
import type { ValueCompassCoverage } from '@shared/rim/pdsa';

/** Which Value Compass points a team's aims cover; the missing ones are shown dimmed. */
export function ValueCompassBadges({ coverage }: { coverage: ValueCompassCoverage }) {
  return (
    <Group gap={6} data-testid="value-compass-coverage">
      <Text size="sm" c="dimmed">
        Value Compass:
      </Text>
      {VALUE_COMPASS_POINTS.map((p) => (
        <Badge
          key={p}
          size="sm"
          variant={coverage.counts[p] > 0 ? 'filled' : 'outline'}
          color={coverage.counts[p] > 0 ? 'teal' : 'gray'}
          data-covered={coverage.counts[p] > 0}
        >
          {VALUE_COMPASS_LABELS[p]}
          {coverage.counts[p] > 0 ? ` · ${coverage.counts[p]}` : ''}
        </Badge>
      ))}
    </Group>
  );
}
