import { REGIONS, type CouncilLevel, type Person, type Side } from '@shared/model';

export const SIDE_COLORS: Record<Side, string> = { management: 'indigo', union: 'orange', physician: 'grape' };

/** Council levels in the order pickers offer them; each is worded as `roster:level.<level>`. */
export const LEVELS: readonly CouncilLevel[] = ['national', 'regional', 'local'];

type Words = (key: string, values?: Record<string, unknown>) => string;

/** A region in the screen's words: the known regions are translated, anything else stays as stored. */
export const regionLabel = (t: Words, region: string): string => ((REGIONS as readonly string[]).includes(region) ? t(`region.${region}`) : region);

/** Region picker options: the stored value is the English name, the label the translated one. */
export const regionOptions = (t: Words) => REGIONS.map((r) => ({ value: r, label: regionLabel(t, r) }));

/** "Local 250" by default; a translated screen passes its own wording. */
export type LocalLabel = (local: string) => string;
const englishLocal: LocalLabel = (local) => `Local ${local}`;

/** A union member's union and local ("SEIU-UHW, Local 250"), empty for anyone else. */
export const unionAndLocal = (p: Pick<Person, 'union' | 'local'>, local: LocalLabel = englishLocal): string =>
  [p.union, p.local && local(p.local)].filter(Boolean).join(', ');

export const personLabel = (p: Person, local: LocalLabel = englishLocal): string =>
  p.side === 'union' && (p.union || p.local) ? `${p.name} (${unionAndLocal(p, local)})` : p.name;

export const personOptions = (people: readonly Person[], side?: Side, local?: LocalLabel) =>
  people.filter((p) => !p.archivedAt && (!side || p.side === side)).map((p) => ({ value: p.id, label: personLabel(p, local) }));
