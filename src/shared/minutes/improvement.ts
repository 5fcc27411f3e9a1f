import { format, parseISO } from 'date-fns';
import {
  MEASURE_KIND_LABELS,
  PDSA_DECISION_LABELS,
  PDSA_STAGE_LABELS,
  PROJECT_STATUS_LABELS,
  type ImprovementProject,
  type Measure,
  type PdsaCycle,
} from '../model/rim';
import type { RunChartModel } from '../rim/chartSeries';
import { runChartSvg } from '../rim/runChartSvg';
import { bold, type Block } from './blocks';

// The Rapid Improvement Model part of the minutes: each project whose PDSA cycles were reviewed
// at the meeting, with its aim, the cycles, and each linked measure's run chart and signals.

export interface ImprovementReview {
  project: Pick<ImprovementProject, 'title' | 'aim' | 'status'>;
  /** Cycles reviewed at this meeting, in number order. */
  cycles: ReadonlyArray<Pick<PdsaCycle, 'number' | 'title' | 'stage' | 'decision' | 'objective' | 'prediction' | 'results' | 'nextStep' | 'measureIds'>>;
  measures: ReadonlyArray<{ measure: Pick<Measure, 'id' | 'name' | 'kind' | 'unit' | 'target'>; chart: RunChartModel }>;
}

const CHART = { width: 640, height: 260 };

export function improvementBlocks(reviews: readonly ImprovementReview[]): Block[] {
  if (reviews.length === 0) return [];
  const blocks: Block[] = [{ kind: 'heading', level: 2, text: 'Improvement work reviewed' }];
  for (const { project, cycles, measures } of reviews) {
    blocks.push({ kind: 'heading', level: 3, text: project.title });
    const fields: Array<[string, string]> = [];
    if (project.aim.trim()) fields.push(['Aim', project.aim.trim()]);
    fields.push(['Status', PROJECT_STATUS_LABELS[project.status]]);
    blocks.push({ kind: 'fields', rows: fields });
    if (cycles.length) {
      blocks.push({ kind: 'heading', level: 4, text: 'PDSA cycles reviewed' });
      for (const c of cycles) {
        blocks.push({
          kind: 'paragraph',
          content: [
            bold(`Cycle ${c.number}${c.title ? `: ${c.title}` : ''}`),
            ` (${PDSA_STAGE_LABELS[c.stage]}${c.decision ? `, ${PDSA_DECISION_LABELS[c.decision].toLowerCase()}` : ''})`,
          ],
        });
        const rows: Array<[string, string]> = [];
        if (c.objective.trim()) rows.push(['Objective', c.objective.trim()]);
        if (c.prediction.trim()) rows.push(['Prediction', c.prediction.trim()]);
        if (c.results.trim()) rows.push(['Results', c.results.trim()]);
        if (c.nextStep.trim()) rows.push(['Next step', c.nextStep.trim()]);
        if (rows.length) blocks.push({ kind: 'fields', rows });
      }
    }
    const shown = measures.filter((m) => m.chart.rows.length > 0);
    if (shown.length) {
      blocks.push({ kind: 'heading', level: 4, text: 'Measures' });
      for (const { measure, chart } of shown) {
        const last = [...chart.rows].reverse().find((r) => r.value !== null);
        const period = chart.periods.at(-1)!;
        const facts = [
          last ? `latest ${last.value}${measure.unit ? ` ${measure.unit}` : ''} (${format(parseISO(last.date), 'MMM d, yyyy')})` : 'no values yet',
          `median ${Number(period.analysis.median.toFixed(2))}`,
          ...(measure.target !== null ? [`target ${measure.target}`] : []),
        ];
        blocks.push({
          kind: 'paragraph',
          content: [bold(measure.name), ` (${MEASURE_KIND_LABELS[measure.kind].toLowerCase()} measure): ${facts.join(', ')}.`],
        });
        blocks.push({
          kind: 'image',
          svg: runChartSvg(chart, { ...CHART, title: measure.name, unit: measure.unit }),
          alt: `Run chart of ${measure.name}: ${chart.rows.length} points, ${chart.annotations.length} PDSA cycles marked.`,
          ...CHART,
        });
        if (period.signals.length) blocks.push({ kind: 'list', items: period.signals.map((s) => [s]) });
      }
    }
  }
  return blocks;
}
