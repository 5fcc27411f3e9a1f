import { P2P_LEVEL_LABELS, type P2pDimension } from '@shared/model/p2p';

/** Level colours: the two high-performing levels share the green of "approved" elsewhere in the app. */
export const LEVEL_COLORS: Record<number, string> = { 0: 'gray.5', 1: 'gray.6', 2: 'blue.4', 3: 'blue.7', 4: 'teal.6', 5: 'teal.8' };

/** The same levels as hues, for light badges (a light badge takes a colour name, not a shade). */
export const LEVEL_HUES: Record<number, string> = { 0: 'gray', 1: 'gray', 2: 'cyan', 3: 'blue', 4: 'teal', 5: 'green' };

/** Shorter dimension names where seven must sit side by side (the assessment's tabs). */
export const DIMENSION_SHORT_LABELS: Record<P2pDimension, string> = {
  sponsorship: 'Sponsorship',
  leadership: 'Leadership',
  training: 'Training',
  'team-process': 'Team process',
  engagement: 'Engagement',
  'use-of-tools': 'Use of tools',
  'goals-performance': 'Goals & performance',
};

export const levelName = (level: number): string => (level === 0 ? P2P_LEVEL_LABELS[0]! : `Level ${level} · ${P2P_LEVEL_LABELS[level]}`);

export const assessmentHref = (teamId: string, quarter: string) => `/p2p/teams/${teamId}/${quarter}`;
