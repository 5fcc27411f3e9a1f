import { useState } from 'react';
import type { Person } from '@shared/model';
import { useLive } from '../../db/live';
import { peopleByName } from './queries';

/**
 * The whole roster, read only once a picker asks for it. A council's roster can hold tens of
 * thousands of people: reading it with every meeting or list cost more than the rest of the
 * screen, when the screen itself needs only the people it names.
 */
export function useRosterOnDemand(): { people: Person[] | null; request: () => void } {
  const [wanted, setWanted] = useState(false);
  const people = useLive((r) => (wanted ? peopleByName(r) : null), [wanted]);
  return { people: people ?? null, request: () => setWanted(true) };
}
