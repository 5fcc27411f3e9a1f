import { Badge } from '@mantine/core';
import type { Side } from '@shared/model';
import { useT } from '../../i18n';
import { SIDE_COLORS } from './labels';

export function SideBadge({ side }: { side: Side }) {
  const t = useT('roster');
  return (
    <Badge color={SIDE_COLORS[side]} variant="light" size="sm">
      {t(`side.${side}`)}
    </Badge>
  );
}
