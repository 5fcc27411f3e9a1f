import type { ReactNode } from 'react';
import { EmptyState } from '../../components/EmptyState';

/** An honest empty state for areas that are not built yet. */
export function ComingSoon({ icon, title, children }: { icon: ReactNode; title: string; children: ReactNode }) {
  return (
    <EmptyState icon={icon} title={title}>
      {children}
    </EmptyState>
  );
}
