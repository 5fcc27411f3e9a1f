import type { MeasureValueType } from '../model/rim';
import type { ControlChartType } from './controlChart';
import type { RimWords } from './words';

// Which chart suits a measure: the usual decision tree for Shewhart charts (Provost & Murray, The
// Health Care Data Guide; the qicharts2 vignette), with the reason in words so the team learns
// why, not only what. Run charts stay the starting point until there are enough points for
// trustworthy control limits.

/** Fewer points than this: a run chart (limits from fewer points are too unsettled to judge by). */
export const CONTROL_CHART_MIN_POINTS = 20;
/**
 * Denominators (proportions) or events per period (rates) from this size on make ordinary P and U
 * limits so narrow that nearly every point falls outside (over-dispersion); Laney's P′ and U′
 * allow for the real variation between periods. qicharts2's vignette names samples over 1,000.
 */
export const LARGE_SAMPLE = 1000;
/** A count chart averaging fewer events than this per period is mostly zeros and ones. */
export const RARE_EVENTS_PER_PERIOD = 1;

export type ChartKind = 'run' | ControlChartType;

export interface ChartChoiceInput {
  valueType: MeasureValueType;
  /** The values (or numerators) so far; null: a missing point. */
  values: ReadonlyArray<number | null>;
  /** Denominators for proportions and rates. */
  denominators?: ReadonlyArray<number | null>;
}

export interface ChartSuggestion {
  /** The chart to draw now: a run chart below CONTROL_CHART_MIN_POINTS points. */
  chart: ChartKind;
  /** The control chart that fits the data (the one to move to once there are enough points). */
  controlChart: ControlChartType;
  /** Drawn beside the control chart: the MR chart under an I chart. */
  companion: 'mr' | null;
  /** Why, in a sentence or two a facilitator can read out. */
  reason: string;
  /** Something else worth knowing about this data (rare events, very large samples), or null. */
  advice: string | null;
}

const mean = (xs: ReadonlyArray<number | null> | undefined): number | null => {
  const ok = (xs ?? []).filter((x): x is number => typeof x === 'number' && Number.isFinite(x));
  return ok.length ? ok.reduce((a, b) => a + b, 0) / ok.length : null;
};

function controlChartFor(input: ChartChoiceInput, { t }: RimWords): Omit<ChartSuggestion, 'chart'> {
  switch (input.valueType) {
    case 'measurement':
      return { controlChart: 'i', companion: 'mr', reason: t('choice.measurement'), advice: null };
    case 'count': {
      const events = mean(input.values);
      return {
        controlChart: 'c',
        companion: null,
        reason: t('choice.count'),
        advice: events !== null && events < RARE_EVENTS_PER_PERIOD ? t('choice.countRare', { events }) : t('choice.countVarying'),
      };
    }
    case 'proportion': {
      const n = mean(input.denominators);
      const large = n !== null && n >= LARGE_SAMPLE;
      return {
        controlChart: large ? 'pp' : 'p',
        companion: null,
        reason: large ? t('choice.proportionLarge', { size: Math.round(n) }) : t('choice.proportion'),
        advice: large ? t('choice.proportionLargeAdvice') : null,
      };
    }
    case 'rate': {
      const events = mean(input.values);
      const large = events !== null && events >= LARGE_SAMPLE;
      return {
        controlChart: large ? 'up' : 'u',
        companion: null,
        reason: large ? t('choice.rateLarge', { size: Math.round(events) }) : t('choice.rate'),
        advice: events !== null && events < RARE_EVENTS_PER_PERIOD ? t('choice.rateRare', { events }) : null,
      };
    }
    case 'between-events':
      return { controlChart: 'g', companion: null, reason: t('choice.betweenEvents'), advice: null };
  }
}

/** Suggest a chart for a measure's data, with the reason in the language of `words`. */
export function suggestChart(input: ChartChoiceInput, words: RimWords): ChartSuggestion {
  const fit = controlChartFor(input, words);
  const points = input.values.filter((v) => typeof v === 'number' && Number.isFinite(v)).length;
  if (points >= CONTROL_CHART_MIN_POINTS) return { chart: fit.controlChart, ...fit };
  return {
    chart: 'run',
    ...fit,
    reason: words.t('choice.runForNow', {
      points,
      min: CONTROL_CHART_MIN_POINTS,
      chart: words.t(`vocab.chartInSentence.${fit.controlChart}`),
      reason: fit.reason,
    }),
  };
}

/**
 * The charts a team can choose for a measure's data: the run chart, the I chart (which takes any
 * number per period, percentages and rates included) and the Shewhart charts made for that kind of
 * data. A P chart of measurements has no denominators to work from, so it is not offered.
 */
export const CHARTS_FOR: Record<MeasureValueType, readonly Exclude<ChartKind, 'mr'>[]> = {
  measurement: ['run', 'i'],
  count: ['run', 'c', 'i'],
  proportion: ['run', 'p', 'pp', 'i'],
  rate: ['run', 'u', 'up', 'i'],
  'between-events': ['run', 'g', 'i'],
};
