import { isRatioValueType, type DataPoint, type Measure } from '../model/rim';
import { RATIO_CHART_TYPES, type ControlChartInput, type ControlChartType } from './controlChart';
import type { RimWords } from './words';

// From a measure's stored points to the numbers a chart draws. Proportions and rates are stored
// as numerator and denominator only (see DataPointFields), so the plotted value is worked out
// here, the one place that knows a proportion is drawn as a percent and a rate per N units.

type MeasureLike = Pick<Measure, 'valueType' | 'ratePer'>;
type PointLike = Pick<DataPoint, 'value' | 'numerator' | 'denominator'>;

const isNumber = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

/** What a measure's ratio is multiplied by when drawn: 100 for a proportion (percent), N for a rate per N, else 1. */
export function displayMultiplier(m: MeasureLike): number {
  if (m.valueType === 'proportion') return 100;
  if (m.valueType === 'rate') return isNumber(m.ratePer) && m.ratePer > 0 ? m.ratePer : 1;
  return 1;
}

/** What can be wrong with a point, with the numbers a message needs. */
export type PointIssue =
  | { code: 'negativeCount' | 'negativeNumerator' | 'negativeDenominator' | 'denominatorMissing' | 'denominatorZero' }
  | { code: 'numeratorOver'; numerator: number; denominator: number };

/** What is wrong with a point of this measure, or null when nothing is. A blank point (nothing entered) is not a problem: it is a missing point. */
export function pointIssue(m: MeasureLike, p: PointLike): PointIssue | null {
  if (!isRatioValueType(m.valueType)) {
    if (isNumber(p.value) && p.value < 0 && m.valueType !== 'measurement') return { code: 'negativeCount' };
    return null;
  }
  const { numerator: num, denominator: den } = p;
  if (isNumber(num) && num < 0) return { code: 'negativeNumerator' };
  if (isNumber(den) && den < 0) return { code: 'negativeDenominator' };
  if (isNumber(num) && !isNumber(den)) return { code: 'denominatorMissing' };
  if (isNumber(num) && den === 0 && num > 0) return { code: 'denominatorZero' };
  if (m.valueType === 'proportion' && isNumber(num) && isNumber(den) && num > den) return { code: 'numeratorOver', numerator: num, denominator: den };
  return null;
}

/** What is wrong with a point of this measure, in words for the data grid, or null when nothing is. */
export function pointProblem(m: MeasureLike, p: PointLike, { t }: RimWords): string | null {
  const issue = pointIssue(m, p);
  if (!issue) return null;
  return issue.code === 'numeratorOver' ? t('point.numeratorOver', { numerator: issue.numerator, denominator: issue.denominator }) : t(`point.${issue.code}`);
}

/**
 * The number drawn for a point: its value, or for proportions and rates numerator / denominator ×
 * the display multiplier. null for a missing point or one that cannot be worked out (no
 * denominator, a denominator of 0, or anything pointProblem reports).
 */
export function pointValue(m: MeasureLike, p: PointLike): number | null {
  if (!isRatioValueType(m.valueType)) return isNumber(p.value) ? p.value : null;
  if (!isNumber(p.numerator) || !isNumber(p.denominator) || p.denominator <= 0 || pointIssue(m, p) !== null) return null;
  return (p.numerator / p.denominator) * displayMultiplier(m);
}

/**
 * The control chart input for a measure's points (already in date order). Ratio charts (P, U, P′,
 * U′) get the numerators and denominators and draw in the measure's units; the other charts get the
 * plotted values (an I chart of a proportion's percentages is the usual check for over-dispersion).
 */
export function controlChartInputFor(m: MeasureLike, points: readonly PointLike[], type: ControlChartType, baseline?: number | null): ControlChartInput {
  const base = baseline ?? undefined;
  if (RATIO_CHART_TYPES.has(type)) {
    if (!isRatioValueType(m.valueType)) {
      // No denominators to give: the chart leaves every point out and says why.
      return { type, values: points.map((p) => p.value), baseline: base };
    }
    return {
      type,
      values: points.map((p) => p.numerator),
      denominators: points.map((p) => p.denominator),
      baseline: base,
      multiplier: displayMultiplier(m),
    };
  }
  return { type, values: points.map((p) => pointValue(m, p)), baseline: base };
}
