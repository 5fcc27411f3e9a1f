import { format, parseISO } from 'date-fns';
import { bold, type Block } from '../minutes/blocks';
import {
  MEASURE_KIND_LABELS,
  PDSA_DECISION_LABELS,
  PDSA_STAGE_LABELS,
  type ChangeIdea,
  type ImprovementProject,
  type Measure,
  type PdsaCycle,
} from '../model/rim';

// The printable PDSA worksheet: the paper form teams fill in today, generated from the cycle so
// nobody re-types it. Empty parts are printed with space to write in, because a worksheet is
// often printed before the cycle is run and filled in by hand on the unit.

export interface WorksheetInput {
  project: Pick<ImprovementProject, 'title' | 'aim'>;
  teamName: string;
  cycle: PdsaCycle;
  changeIdea: Pick<ChangeIdea, 'text'> | null;
  measures: ReadonlyArray<Pick<Measure, 'id' | 'name' | 'kind' | 'unit'>>;
  reviewedAt: { title: string; startsAt: string } | null;
}

// Three empty lines: room to write by hand on a printed form.
const BLANK = '\u00a0\n\u00a0\n\u00a0';
const orBlank = (text: string) => (text.trim() ? text.trim() : BLANK);
const dated = (label: string, date: string | null) => (date ? `${label} ${format(parseISO(date), 'MMM d, yyyy')}` : label);

export function pdsaWorksheetBlocks({ project, teamName, cycle, changeIdea, measures, reviewedAt }: WorksheetInput): { title: string; blocks: Block[] } {
  const title = `PDSA cycle ${cycle.number}${cycle.title.trim() ? `: ${cycle.title.trim()}` : ''}`;
  const linked = measures.filter((m) => cycle.measureIds.includes(m.id));
  const header: Array<[string, string]> = [
    ['Team', teamName],
    ['Project', project.title],
    ['Aim', orBlank(project.aim)],
    ['Change idea', changeIdea ? changeIdea.text : BLANK],
    ['Stage', PDSA_STAGE_LABELS[cycle.stage]],
  ];
  if (reviewedAt) header.push(['Reviewed at', `${reviewedAt.title} (${format(parseISO(reviewedAt.startsAt), 'MMM d, yyyy')})`]);
  const blocks: Block[] = [
    { kind: 'heading', level: 1, text: title },
    { kind: 'fields', rows: header },
    { kind: 'heading', level: 2, text: dated('Plan', cycle.plannedOn) },
    {
      kind: 'fields',
      rows: [
        ['Objective', orBlank(cycle.objective)],
        ['Question', orBlank(cycle.question)],
        ['Prediction', orBlank(cycle.prediction)],
      ],
    },
    { kind: 'table', header: ['Who', 'What', 'When', 'Where'], rows: [[orBlank(cycle.who), orBlank(cycle.what), orBlank(cycle.when), orBlank(cycle.where)]] },
    { kind: 'fields', rows: [['Data to collect', orBlank(cycle.dataCollection)]] },
  ];
  if (linked.length) {
    blocks.push({ kind: 'paragraph', content: [bold('Measures this cycle affects')] });
    blocks.push({ kind: 'list', items: linked.map((m) => [`${m.name} (${MEASURE_KIND_LABELS[m.kind].toLowerCase()}${m.unit ? `, ${m.unit}` : ''})`]) });
  }
  blocks.push(
    { kind: 'heading', level: 2, text: dated('Do', cycle.doneOn) },
    {
      kind: 'fields',
      rows: [
        ['Done as planned?', cycle.doneAsPlanned === null ? 'Yes / No' : cycle.doneAsPlanned ? 'Yes' : 'No'],
        ['Observations', orBlank(cycle.observations)],
      ],
    },
    { kind: 'heading', level: 2, text: dated('Study', cycle.studiedOn) },
    { kind: 'fields', rows: [['Results against the prediction', orBlank(cycle.results)]] },
    { kind: 'heading', level: 2, text: dated('Act', cycle.actedOn) },
    {
      kind: 'fields',
      rows: [
        ['Decision', cycle.decision ? PDSA_DECISION_LABELS[cycle.decision] : 'Adopt / Adapt / Abandon'],
        ['Next step', orBlank(cycle.nextStep)],
      ],
    },
  );
  return { title, blocks };
}
