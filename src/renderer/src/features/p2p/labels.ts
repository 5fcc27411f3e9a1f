import { useMemo } from 'react';
import type { Side, SignOffMethod } from '@shared/model';
import type { P2pDimension } from '@shared/model/p2p';
import type { Criterion } from '@shared/p2p/criteria';
import { parseQuarter } from '@shared/p2p/quarters';
import type { Share } from '@shared/p2p/rollup';
import { useFormat, useT } from '../../i18n';

/** Level colours: the two high-performing levels share the green of "approved" elsewhere in the app. */
export const LEVEL_COLORS: Record<number, string> = { 0: 'gray.5', 1: 'gray.6', 2: 'blue.4', 3: 'blue.7', 4: 'teal.6', 5: 'teal.8' };

/** The same levels as hues, for light badges (a light badge takes a colour name, not a shade). */
export const LEVEL_HUES: Record<number, string> = { 0: 'gray', 1: 'gray', 2: 'cyan', 3: 'blue', 4: 'teal', 5: 'green' };

export const assessmentHref = (teamId: string, quarter: string) => `/p2p/teams/${teamId}/${quarter}`;

/**
 * The Path to Performance vocabulary in the screens' language: quarters, levels, dimensions,
 * criteria, sides and how a co-lead confirmed. The shared model keeps the English names it
 * stores and exports; the screens say them through the `p2p` namespace, where each criterion's
 * words are keyed by its frozen id.
 */
export function useP2pWords() {
  const t = useT('p2p');
  const f = useFormat();
  return useMemo(() => {
    const levelLabel = (level: number) => t(`levels.${level}`);
    return {
      t,
      f,
      /** "Q4 2026" / "T4 2026". The year is a name, not a quantity: never grouped. */
      quarter: (quarter: string) => {
        const { year, q } = parseQuarter(quarter);
        return t('quarter', { q, year: String(year) });
      },
      levelLabel,
      /** "Level 3 · Transitional", or the words for below level 1. */
      levelName: (level: number) => (level === 0 ? levelLabel(0) : t('levelNamed', { level, label: levelLabel(level) })),
      dimension: (d: P2pDimension) => t(`dimensions.${d}`),
      /** Shorter dimension names where seven must sit side by side (the assessment's tabs). */
      dimensionShort: (d: P2pDimension) => t(`dimensionsShort.${d}`),
      criterion: (c: Pick<Criterion, 'id'>) => t(`criteria.${c.id}`),
      side: (side: Side) => t(`sides.${side}`),
      method: (method: SignOffMethod) => t(`methods.${method}`),
      /** A team's level change between two quarters, as the shared describeChange says it in English. */
      change: (change: number | null) =>
        change === null
          ? t('change.first')
          : change === 0
            ? t('change.none')
            : t('change.moved', { direction: change > 0 ? 'up' : 'down', count: Math.abs(change) }),
      /** "12 of 40 (30%)", as the shared formatShare says it in English. */
      share: (s: Share) => (s.percent === null ? t('share.none') : t('share.of', { high: s.highPerforming, total: s.total, percent: s.percent })),
      percent: (p: number | null) => (p === null ? '–' : t('percent', { percent: p })),
    };
  }, [t, f]);
}

export type P2pWords = ReturnType<typeof useP2pWords>;
