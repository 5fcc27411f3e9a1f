import type { ImprovementProject, Measure, PdsaCycle } from '../model/rim';
import type { RunChartModel } from '../rim/chartSeries';
import { runChartSvg } from '../rim/runChartSvg';
import { bold, type Block } from './blocks';
import { minutesWords, type MinutesWords } from './words';

// The Rapid Improvement Model part of the minutes: each project whose PDSA cycles were reviewed
// at the meeting, with its aim, the cycles, and each linked measure's run chart and signals.

export interface ImprovementReview {
  project: Pick<ImprovementProject, 'title' | 'aim' | 'status'>;
  /** Cycles reviewed at this meeting, in number order. */
  cycles: ReadonlyArray<Pick<PdsaCycle, 'number' | 'title' | 'stage' | 'decision' | 'objective' | 'prediction' | 'results' | 'nextStep' | 'measureIds'>>;
  measures: ReadonlyArray<{ measure: Pick<Measure, 'id' | 'name' | 'kind' | 'unit' | 'target'>; chart: RunChartModel }>;
}

const CHART = { width: 640, height: 260 };

/**
 * The improvement part, in the minutes' language: the RIM vocabulary (stages, decisions, project
 * status) and the run-chart signal sentences come from the shared RIM words in that language.
 * The charts' signals are worded when the chart model is built (buildRunChart with the same words).
 */
export function improvementBlocks(reviews: readonly ImprovementReview[], words: MinutesWords = minutesWords()): Block[] {
  if (reviews.length === 0) return [];
  const { t } = words;
  const rim = words.rim.t;
  const blocks: Block[] = [{ kind: 'heading', level: 2, text: t('improvement.heading') }];
  for (const { project, cycles, measures } of reviews) {
    blocks.push({ kind: 'heading', level: 3, text: project.title });
    const fields: Array<[string, string]> = [];
    if (project.aim.trim()) fields.push([t('improvement.aim'), project.aim.trim()]);
    fields.push([t('improvement.status'), rim(`vocab.projectStatus.${project.status}`)]);
    blocks.push({ kind: 'fields', rows: fields });
    if (cycles.length) {
      blocks.push({ kind: 'heading', level: 4, text: t('improvement.cycles') });
      for (const c of cycles) {
        const stage = rim(`vocab.stage.${c.stage}`);
        blocks.push({
          kind: 'paragraph',
          content: [
            bold(c.title ? t('improvement.cycleTitled', { number: c.number, title: c.title }) : t('improvement.cycle', { number: c.number })),
            c.decision
              ? t('improvement.cycleStageDecision', { stage, decision: rim(`vocab.decisionInLabel.${c.decision}`) })
              : t('improvement.cycleStage', { stage }),
          ],
        });
        const rows: Array<[string, string]> = [];
        if (c.objective.trim()) rows.push([t('improvement.objective'), c.objective.trim()]);
        if (c.prediction.trim()) rows.push([t('improvement.prediction'), c.prediction.trim()]);
        if (c.results.trim()) rows.push([t('improvement.results'), c.results.trim()]);
        if (c.nextStep.trim()) rows.push([t('improvement.nextStep'), c.nextStep.trim()]);
        if (rows.length) blocks.push({ kind: 'fields', rows });
      }
    }
    const shown = measures.filter((m) => m.chart.rows.length > 0);
    if (shown.length) {
      blocks.push({ kind: 'heading', level: 4, text: t('improvement.measures') });
      for (const { measure, chart } of shown) {
        const last = [...chart.rows].reverse().find((r) => r.value !== null);
        const period = chart.periods.at(-1)!;
        const facts = [
          last
            ? t('improvement.latest', { value: `${words.number(last.value!)}${measure.unit ? ` ${measure.unit}` : ''}`, date: words.date(last.date) })
            : t('improvement.noValues'),
          t('improvement.median', { median: words.number(Number(period.analysis.median.toFixed(2))) }),
          ...(measure.target !== null ? [t('improvement.target', { target: words.number(measure.target) })] : []),
        ];
        blocks.push({
          kind: 'paragraph',
          content: [bold(measure.name), t('improvement.measureFacts', { kind: measure.kind, facts: facts.join(', ') })],
        });
        blocks.push({
          kind: 'image',
          svg: runChartSvg(chart, { ...CHART, title: measure.name, unit: measure.unit, words: words.rim }),
          alt: t('improvement.chartAlt', { name: measure.name, points: chart.rows.length, cycles: chart.annotations.length }),
          label: t('improvement.chartName'),
          ...CHART,
        });
        if (period.signals.length) blocks.push({ kind: 'list', items: period.signals.map((s) => [s]) });
      }
    }
  }
  return blocks;
}
