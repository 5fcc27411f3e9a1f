/**
 * What the bundled help covers: one entry per IBPS step and per RIM step, each with the same
 * three parts, and the glossary's terms. The words themselves are in the i18n locale files
 * (namespace `help`, English and Spanish), so help is there offline in the screens' language;
 * tests/unit/shared/help/topics.test.ts fails when a step or term lacks a part in a language.
 */
import { IBPS_STEPS, type IbpsStep } from '../model/ibps';

export const HELP_PARTS = ['purpose', 'good', 'pitfall'] as const;

export const IBPS_HELP_TOPICS: readonly IbpsStep[] = IBPS_STEPS;

/** The Rapid Improvement Model as a facilitator walks it: the three questions, then a PDSA cycle's stages. */
export const RIM_HELP_TOPICS = ['aim', 'measures', 'run-chart', 'changes', 'plan', 'do', 'study', 'act'] as const;

export type HelpKind = 'ibps' | 'rim';

export const GLOSSARY_TERMS = [
  'lmp',
  'ubt',
  'co-lead',
  'ibps',
  'interest-vs-position',
  'consensus',
  'fist-to-five',
  'rim',
  'pdsa',
  'run-chart',
  'control-chart',
  'value-compass',
  'path-to-performance',
] as const;

/** The short first-run guide, in order. */
export const GUIDE_STEPS = ['council', 'meeting', 'ibps', 'rim', 'minutes', 'backup'] as const;
