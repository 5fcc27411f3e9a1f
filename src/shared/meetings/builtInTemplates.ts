import type { Translate } from '../i18n/translator';
import type { AgendaItemType } from '../model/meeting';

// The templates every installation starts with, written in the language of the screens that
// start them (their words are in the `templates` namespace). They are not stored: a facilitator
// who changes one saves the changed meeting as a template of their own body.

export interface TemplateDraft {
  name: string;
  title: string;
  durationMinutes: number;
  objective: string;
  location?: string;
  facilitatorId?: string | null;
  recorderId?: string | null;
  timekeeperId?: string | null;
  items: ReadonlyArray<{ title: string; type: AgendaItemType; timeBoxMinutes: number; presenter?: string }>;
}

export const BUILT_IN_TEMPLATE_KEYS = ['ubtMonthly', 'council', 'ibpsSession'] as const;
export type BuiltInTemplateKey = (typeof BUILT_IN_TEMPLATE_KEYS)[number];

const AGENDAS: Record<BuiltInTemplateKey, { duration: number; items: ReadonlyArray<[key: string, type: AgendaItemType, minutes: number]> }> = {
  ubtMonthly: {
    duration: 60,
    items: [
      ['welcome', 'information', 5],
      ['actionReview', 'discussion', 10],
      ['performance', 'rim-review', 15],
      ['improvement', 'discussion', 15],
      ['parkingLot', 'discussion', 5],
      ['nextSteps', 'decision', 5],
      ['plusDelta', 'discussion', 5],
    ],
  },
  council: {
    duration: 120,
    items: [
      ['welcome', 'information', 5],
      ['minutesApproval', 'decision', 5],
      ['actionReview', 'discussion', 15],
      ['teamReports', 'information', 30],
      ['councilIssues', 'discussion', 40],
      ['parkingLot', 'discussion', 10],
      ['nextSteps', 'decision', 10],
      ['plusDelta', 'discussion', 5],
    ],
  },
  ibpsSession: {
    duration: 90,
    items: [
      ['welcome', 'information', 5],
      ['groundRules', 'information', 5],
      ['ibpsWork', 'ibps', 65],
      ['nextSteps', 'decision', 10],
      ['plusDelta', 'discussion', 5],
    ],
  },
};

/** One built-in template in the words of `t` (the `templates` namespace). */
export function builtInTemplate(key: BuiltInTemplateKey, t: Translate): TemplateDraft {
  const { duration, items } = AGENDAS[key];
  return {
    name: t(`builtIn.${key}.name`),
    title: t(`builtIn.${key}.title`),
    objective: t(`builtIn.${key}.objective`),
    durationMinutes: duration,
    items: items.map(([item, type, timeBoxMinutes]) => ({ title: t(`builtIn.item.${item}`), type, timeBoxMinutes })),
  };
}
