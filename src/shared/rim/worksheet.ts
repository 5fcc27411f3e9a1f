import { formatDate } from '../i18n/format';
import { bold, type Block } from '../minutes/blocks';
import type { ChangeIdea, ImprovementProject, Measure, PdsaCycle } from '../model/rim';
import type { RimWords } from './words';

// The printable PDSA worksheet: the paper form teams fill in today, generated from the cycle so
// nobody re-types it. Empty parts are printed with space to write in, because a worksheet is
// often printed before the cycle is run and filled in by hand on the unit. Written in the
// language of the words given (the team's).

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

export function pdsaWorksheetBlocks(
  { project, teamName, cycle, changeIdea, measures, reviewedAt }: WorksheetInput,
  words: RimWords,
): { title: string; blocks: Block[] } {
  const { t, locale } = words;
  const date = (value: string) => formatDate(value, locale, 'date');
  const stage = (name: 'plan' | 'do' | 'study' | 'act', on: string | null) => {
    const label = t(`vocab.stage.${name}`);
    return on ? t('worksheet.stageOn', { stage: label, date: date(on) }) : label;
  };
  const title = cycle.title.trim()
    ? t('worksheet.titleNamed', { number: String(cycle.number), title: cycle.title.trim() })
    : t('worksheet.title', { number: String(cycle.number) });
  const linked = measures.filter((m) => cycle.measureIds.includes(m.id));
  const header: Array<[string, string]> = [
    [t('worksheet.team'), teamName],
    [t('worksheet.project'), project.title],
    [t('worksheet.aim'), orBlank(project.aim)],
    [t('worksheet.changeIdea'), changeIdea ? changeIdea.text : BLANK],
    [t('worksheet.stage'), t(`vocab.stage.${cycle.stage}`)],
  ];
  if (reviewedAt) header.push([t('worksheet.reviewedAt'), t('worksheet.meetingOn', { title: reviewedAt.title, date: date(reviewedAt.startsAt) })]);
  const blocks: Block[] = [
    { kind: 'heading', level: 1, text: title },
    { kind: 'fields', rows: header },
    { kind: 'heading', level: 2, text: stage('plan', cycle.plannedOn) },
    {
      kind: 'fields',
      rows: [
        [t('worksheet.objective'), orBlank(cycle.objective)],
        [t('worksheet.question'), orBlank(cycle.question)],
        [t('worksheet.prediction'), orBlank(cycle.prediction)],
      ],
    },
    {
      kind: 'table',
      header: [t('worksheet.who'), t('worksheet.what'), t('worksheet.when'), t('worksheet.where')],
      rows: [[orBlank(cycle.who), orBlank(cycle.what), orBlank(cycle.when), orBlank(cycle.where)]],
    },
    { kind: 'fields', rows: [[t('worksheet.dataCollection'), orBlank(cycle.dataCollection)]] },
  ];
  if (linked.length) {
    blocks.push({ kind: 'paragraph', content: [bold(t('worksheet.measures'))] });
    blocks.push({
      kind: 'list',
      items: linked.map((m) => [
        m.unit ? t('worksheet.measureIn', { name: m.name, kind: m.kind, unit: m.unit }) : t('worksheet.measure', { name: m.name, kind: m.kind }),
      ]),
    });
  }
  blocks.push(
    { kind: 'heading', level: 2, text: stage('do', cycle.doneOn) },
    {
      kind: 'fields',
      rows: [
        [t('worksheet.doneAsPlanned'), cycle.doneAsPlanned === null ? t('worksheet.yesNo') : cycle.doneAsPlanned ? t('worksheet.yes') : t('worksheet.no')],
        [t('worksheet.observations'), orBlank(cycle.observations)],
      ],
    },
    { kind: 'heading', level: 2, text: stage('study', cycle.studiedOn) },
    { kind: 'fields', rows: [[t('worksheet.results'), orBlank(cycle.results)]] },
    { kind: 'heading', level: 2, text: stage('act', cycle.actedOn) },
    {
      kind: 'fields',
      rows: [
        [t('worksheet.decision'), cycle.decision ? t(`vocab.decision.${cycle.decision}`) : t('worksheet.decisions')],
        [t('worksheet.nextStep'), orBlank(cycle.nextStep)],
      ],
    },
  );
  return { title, blocks };
}
