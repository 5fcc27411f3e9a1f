import { Badge } from '@mantine/core';
import { useEffect } from 'react';
import { useT } from '../../i18n';
import { startSync, useSync } from '../../stores/sync/store';
import { selectConflictCount } from '../../stores/sync/selectors';

/**
 * The main window's one sync engine, started by the shell once the first screen is up. The
 * projector window (/room/:id) never renders the shell, so it never starts a second engine on the
 * same database.
 */
export function SyncService(): null {
  useEffect(startSync, []);
  return null;
}

/** The settings link's count of conflicts waiting for a decision (nothing when there are none). */
export function ConflictsNavBadge() {
  const t = useT('common');
  const conflictCount = useSync(selectConflictCount);
  if (conflictCount === 0) return null;
  return (
    <Badge size="sm" color="orange" circle title={t('nav.conflicts', { count: conflictCount })}>
      {conflictCount}
    </Badge>
  );
}
