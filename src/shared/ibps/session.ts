import type { DecisionOutcome, Escalation } from '../model/ibps';

// When an IBPS session may be closed. The method ends in a decision everyone can support, or,
// when consensus fails, in the path the charter names (sponsors, council, dispute resolution):
// a session marked done with neither would drop the issue without a trace in the record.

export interface DecisionLike {
  outcome: DecisionOutcome;
  escalatedTo: Escalation | null;
}

/** Why the session cannot be marked done yet, or null when it can. */
export function sessionCloseProblem(decisions: readonly DecisionLike[]): string | null {
  if (decisions.some((d) => d.outcome === 'consensus')) return null;
  if (decisions.some((d) => d.outcome === 'failed' && d.escalatedTo !== null)) return null;
  if (decisions.some((d) => d.outcome === 'failed'))
    return 'Consensus was not reached: record where the proposal goes (sponsors, council or dispute resolution) before marking the session done.';
  return 'Record the decision, or that consensus failed and where it goes, before marking the session done.';
}
