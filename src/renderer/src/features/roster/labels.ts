import type { Person, Side } from '@shared/model';

export const SIDE_COLORS: Record<Side, string> = { management: 'indigo', union: 'orange', physician: 'grape' };

export const LEVEL_LABELS = { national: 'National', regional: 'Regional', local: 'Local / facility' } as const;

export const personLabel = (p: Person): string =>
  p.side === 'union' && (p.union || p.local) ? `${p.name} (${[p.union, p.local && `Local ${p.local}`].filter(Boolean).join(', ')})` : p.name;

export const personOptions = (people: readonly Person[], side?: Side) =>
  people.filter((p) => !p.archivedAt && (!side || p.side === side)).map((p) => ({ value: p.id, label: personLabel(p) }));
