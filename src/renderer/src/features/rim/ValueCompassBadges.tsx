import { Badge, Group, Text } from '@mantine/core';
import { VALUE_COMPASS_POINTS } from '@shared/model/rim';
import type { ValueCompassCoverage } from '@shared/rim/pdsa';
import { useT } from '../../i18n';
import { useRimWords } from './useRimWords';

/** Which Value Compass points a team's aims cover; the missing ones are shown dimmed. */
export function ValueCompassBadges({ coverage }: { coverage: ValueCompassCoverage }) {
  const t = useT('rim');
  const words = useRimWords();
  return (
    <Group gap={6} data-testid="value-compass-coverage">
      <Text size="sm" c="dimmed">
        {t('compass.label')}
      </Text>
      {VALUE_COMPASS_POINTS.map((p) => (
        <Badge
          key={p}
          size="sm"
          variant={coverage.counts[p] > 0 ? 'filled' : 'outline'}
          color={coverage.counts[p] > 0 ? 'teal' : 'gray'}
          data-covered={coverage.counts[p] > 0}
        >
          {coverage.counts[p] > 0
            ? t('compass.covered', { point: words.t(`vocab.valueCompass.${p}`), count: coverage.counts[p] })
            : words.t(`vocab.valueCompass.${p}`)}
        </Badge>
      ))}
    </Group>
  );
}
