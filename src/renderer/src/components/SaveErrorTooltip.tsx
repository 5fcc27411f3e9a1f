import { Tooltip } from '@mantine/core';
import type { ReactNode } from 'react';

/** The save error in full, on hover: its own module so the tooltip code loads only when a save fails. */
export function SaveErrorTooltip({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Tooltip label={label} multiline w={320}>
      {children}
    </Tooltip>
  );
}
