import { useMemo } from 'react';
import type { Translate } from '@shared/i18n/translator';
import type { Side } from '@shared/model';
import type { ConsensusMethod } from '@shared/model/roster';
import type { IbpsStep } from '@shared/model/ibps';
import { CONSENSUS_METHODS, type ConsensusTestResult, type SideShortfall } from '@shared/ibps/consensus';
import { useFormat, useT } from '../../i18n';

// The IBPS screens' words. The shared model names steps, sides, consensus scales and escalations
// in English for logs and the record; the screens say them again in the person's language here,
// by key, and rebuild the consensus reasons from the result's counts rather than its English.

/** The `ibps` namespace as a plain function, for helpers outside components. */
export function useIbpsT(): Translate {
  const t = useT('ibps');
  return useMemo(() => ((key, values) => t(key, values)) as Translate, [t]);
}

/** "A and B" / "A y B": a list of names in the screen's language. */
export function useListText(): (items: readonly string[]) => string {
  const { locale } = useFormat();
  return useMemo(() => {
    const list = new Intl.ListFormat(locale, { type: 'conjunction' });
    return (items) => list.format(items);
  }, [locale]);
}

export const stepLabel = (t: Translate, step: IbpsStep) => t(`step.${step}`);
export const sideLabel = (t: Translate, side: Side) => t(`side.${side}`);
export const methodName = (t: Translate, method: ConsensusMethod) => t(`consensus.methodName.${method}`);
export const valueLabel = (t: Translate, method: ConsensusMethod, value: number) => t(`consensus.value.${method}.${value}.label`);
export const valueMeaning = (t: Translate, method: ConsensusMethod, value: number) => t(`consensus.value.${method}.${value}.meaning`);

/** "Union: 0 of 2 at support" (with "1 standing aside" when someone stood aside). */
export const shortfallText = (t: Translate, s: SideShortfall) =>
  t('consensus.shortfall', { side: sideLabel(t, s.side), support: s.support, voted: s.voted, aside: s.standingAside });

/**
 * Why a test stands where it does, most important first, in the screen's words: the same reasons,
 * in the same order, as evaluateConsensusTest gives in English (src/shared/ibps/consensus.ts).
 */
export function consensusReasons(
  t: Translate,
  result: ConsensusTestResult,
  context: { method: ConsensusMethod; presentCount: number; percentOfMembers: number },
): string[] {
  const reasons: string[] = [];
  const q = result.quorum;
  if (!q.met) {
    if (!q.totalMet) {
      const shortfall = t('consensus.reason.quorumTotal', {
        present: q.present,
        members: q.members,
        percent: context.percentOfMembers,
        required: q.requiredTotal,
      });
      reasons.push(t('consensus.reason.noQuorum', { shortfall }));
    }
    for (const s of q.bySide.filter((b) => !b.met)) {
      const shortfall = t('consensus.reason.quorumSide', { side: sideLabel(t, s.side), present: s.present, required: s.required });
      reasons.push(t('consensus.reason.noQuorum', { shortfall }));
    }
  }
  const { totalVotes, invalidValues, duplicateVoters, votersNotPresent } = result;
  const present = context.presentCount;
  if (totalVotes === 0 && invalidValues.length === 0) reasons.push(t('consensus.reason.noVotes'));
  if (invalidValues.length > 0) reasons.push(t('consensus.reason.invalid', { count: invalidValues.length, method: methodName(t, context.method) }));
  for (const d of duplicateVoters) reasons.push(t('consensus.reason.duplicate', { count: d.count }));
  if (votersNotPresent.length > 0) reasons.push(t('consensus.reason.notPresent', { count: votersNotPresent.length }));
  if (totalVotes > 0 && totalVotes < present) reasons.push(t('consensus.reason.stillToVote', { voted: totalVotes, present, left: present - totalVotes }));
  else if (totalVotes > present) reasons.push(t('consensus.reason.tooMany', { voted: totalVotes, present }));

  const stance = (key: 'oppose' | 'discuss') => Object.values(result.stancesBySide).reduce((n, s) => n + s[key], 0);
  if (result.blocking > 0) reasons.push(t('consensus.reason.blocks', { count: result.blocking }));
  if (stance('oppose') > 0) reasons.push(t('consensus.reason.oppose', { count: stance('oppose') }));
  if (stance('discuss') > 0) reasons.push(t('consensus.reason.discuss', { count: stance('discuss') }));
  if (totalVotes > 0 && result.supporting === 0 && result.notSupporting === 0) reasons.push(t('consensus.reason.allAside'));
  if (result.needsConcern.length > 0) {
    const count = result.needsConcern.reduce((n, m) => n + (m.kind === 'tally' ? m.count : 1), 0);
    reasons.push(t('consensus.reason.noConcern', { count }));
  }
  if (result.outcome === 'consensus') {
    reasons.push(
      result.standingAside > 0
        ? t('consensus.reason.allSupportAside', { count: totalVotes, aside: result.standingAside })
        : t('consensus.reason.allSupport', { count: totalVotes }),
    );
  }
  return reasons;
}

/** The values of a method's scale, in the order shown, with their words. */
export const methodValues = (t: Translate, method: ConsensusMethod) =>
  CONSENSUS_METHODS[method].values.map((v) => ({ ...v, label: valueLabel(t, method, v.value), meaning: valueMeaning(t, method, v.value) }));
