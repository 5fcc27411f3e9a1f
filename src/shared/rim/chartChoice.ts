import type { MeasureValueType } from '../model/rim';
import { CONTROL_CHART_LABELS, type ControlChartType } from './controlChart';

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

const thousands = (n: number) => Math.round(n).toLocaleString('en-US');

function controlChartFor(input: ChartChoiceInput): Omit<ChartSuggestion, 'chart'> {
  switch (input.valueType) {
    case 'measurement':
      return {
        controlChart: 'i',
        companion: 'mr',
        reason:
          'A measurement on a scale (minutes, a score, a cost) with one value per period: an I chart, with limits from how much ' +
          'neighbouring values differ, and the MR chart of those differences beneath it.',
        advice: null,
      };
    case 'count': {
      const events = mean(input.values);
      return {
        controlChart: 'c',
        companion: null,
        reason: 'A count of events in equal periods (falls, errors each week), where one patient or unit can have several: a C chart.',
        advice:
          events !== null && events < RARE_EVENTS_PER_PERIOD
            ? `The events are rare (${events.toFixed(1)} a period on average), so most points are 0 or 1 and the chart can show little. ` +
              'Counting the cases or days between events and using a G chart shows a change sooner.'
            : 'If the number of patients or days changes much from period to period, record it as a denominator and use a U chart of the rate.',
      };
    }
    case 'proportion': {
      const n = mean(input.denominators);
      const large = n !== null && n >= LARGE_SAMPLE;
      return {
        controlChart: large ? 'pp' : 'p',
        companion: null,
        reason: large
          ? `A proportion with very large denominators (about ${thousands(n)} a period): ordinary P chart limits would be so narrow that ` +
            "nearly every point falls outside. Laney's P′ chart widens them to the real variation between periods."
          : 'A proportion: units with the problem (defectives) out of the units counted, each counted once. A P chart, with limits for ' +
            "each period from that period's denominator.",
        advice: large ? 'Where the P′ limits come out close to the P limits, the two charts agree and either can be shown.' : null,
      };
    }
    case 'rate': {
      const events = mean(input.values);
      const large = events !== null && events >= LARGE_SAMPLE;
      return {
        controlChart: large ? 'up' : 'u',
        companion: null,
        reason: large
          ? `A rate with very many events (about ${thousands(events)} a period): ordinary U chart limits would be so narrow that nearly every ` +
            "point falls outside. Laney's U′ chart widens them to the real variation between periods."
          : 'A rate: events (defects) per unit of exposure that changes from period to period, such as falls per 1,000 patient days. ' +
            "A U chart, with limits for each period from that period's denominator.",
        advice:
          events !== null && events < RARE_EVENTS_PER_PERIOD
            ? `The events are rare (${events.toFixed(1)} a period on average): a G chart of the cases or days between events shows a change sooner.`
            : null,
      };
    }
    case 'between-events':
      return {
        controlChart: 'g',
        companion: null,
        reason:
          'Rare events recorded as the number of cases or days between them: a G chart. A longer gap between events is better news, ' +
          'and a point above the upper limit is an unusually long stretch without one.',
        advice: null,
      };
  }
}

/** Suggest a chart for a measure's data, with the reason. */
export function suggestChart(input: ChartChoiceInput): ChartSuggestion {
  const fit = controlChartFor(input);
  const points = input.values.filter((v) => typeof v === 'number' && Number.isFinite(v)).length;
  if (points >= CONTROL_CHART_MIN_POINTS) return { chart: fit.controlChart, ...fit };
  const soFar = points === 1 ? '1 point' : `${points} points`;
  return {
    chart: 'run',
    ...fit,
    reason:
      `A run chart for now: with ${soFar}, control limits would move with every new point. At ${CONTROL_CHART_MIN_POINTS} points, ` +
      `switch to the ${CONTROL_CHART_LABELS[fit.controlChart]}. ${fit.reason}`,
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
