import { getDb } from '../../db/database';
import { listConflicts, type ConflictView } from '../../sync/conflicts';

/** Every conflict sync kept for review, newest first (read from the open database). */
export const loadConflicts = (): Promise<ConflictView[]> => listConflicts(getDb());
