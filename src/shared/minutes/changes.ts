import { diffLines } from 'diff';

export interface ChangedLines {
  kind: 'added' | 'removed' | 'same';
  lines: string[];
}

/**
 * What an amendment changes, line by line, between the approved Markdown and the amended one.
 * Unchanged runs are kept (callers may fold them) so every change is shown in its context.
 */
export function minutesChanges(approved: string, amended: string): ChangedLines[] {
  return diffLines(approved, amended).map((part) => ({
    kind: part.added ? 'added' : part.removed ? 'removed' : 'same',
    lines: part.value.replace(/\n$/, '').split('\n'),
  }));
}

export const hasChanges = (changes: readonly ChangedLines[]) => changes.some((c) => c.kind !== 'same');
