import { Badge } from '@mantine/core';
import { SIDE_LABELS, type Side } from '@shared/model';
import { SIDE_COLORS } from './labels';

export function SideBadge({ side }: { side: Side }) {
  return (
    <Badge color={SIDE_COLORS[side]} variant="light" size="sm">
      {SIDE_LABELS[side]}
    </Badge>
  );
}
