import { describe, expect, it } from 'vitest';
import { PSEUDO, PSEUDO_CLOSE, PSEUDO_OPEN } from '@shared/i18n/pseudo';
import { PROJECT_STATUS_LABELS, PROJECT_STATUSES } from '@shared/model/rim';
import type { EvidenceKind } from '@shared/p2p/criteria';
import { offerEvidence, type ProjectFacts, type TeamFacts } from '@shared/p2p/evidence';
import { P2P_WORDS_NAMESPACE, P2P_WORDS_RESOURCES } from '@shared/p2p/words';
import { argumentsOf, flatten, type Messages } from '../rim/messages';
import { englishBefore } from './evidenceEnglishBefore';

// The evidence offered beside the criteria is read by co-leads in the screen's language and, when
// attached, saved as the sentence they read. English must stay the sentence it always was (stored
// attachments and tests find it by text); Spanish must be whole Spanish sentences, statuses and
// Value Compass points included.

const project = (title: string, overrides: Partial<ProjectFacts> = {}): ProjectFacts => ({
  title,
  statusLabel: 'Testing changes',
  status: 'active',
  valueCompass: ['best-quality'],
  cyclesCompleted: 2,
  stale: false,
  daysSinceUpdate: 10,
  measuresWithData: 1,
  annotatedCharts: [`Falls (${title})`],
  lastPoint: '2026-11-16',
  ...overrides,
});

const facts = (overrides: Partial<TeamFacts> = {}): TeamFacts => ({
  quarter: '2026-Q4',
  sponsors: { management: 'Odessa Kwan', union: null },
  coLeads: { management: 'Ben Okafor', union: null, physician: 'Dr. Lin' },
  charter: { purpose: false, scope: true, groundRules: 1, whenConsensusFails: false },
  meetings: [
    { date: '2026-10-07', bothCoLeadsPresenting: true, bothCoLeadsPresent: true },
    { date: '2026-11-04', bothCoLeadsPresenting: false, bothCoLeadsPresent: true },
  ],
  consensusDecisions: 1,
  failedDecisions: 0,
  actionItems: 1,
  actionOwners: 1,
  projects: [
    project('Fewer falls', { valueCompass: ['best-quality', 'best-place-to-work'], cyclesCompleted: 3 }),
    project('Lunch cover', { status: 'planning', statusLabel: 'Planning', valueCompass: [], cyclesCompleted: 0, stale: true, daysSinceUpdate: 131 }),
  ],
  ...overrides,
});

const twoMeetings = facts().meetings;
const manyMeetings = Array.from({ length: 8 }, (_, i) => ({ date: `2026-1${i % 3}-0${i + 1}`, bothCoLeadsPresenting: i % 2 === 0, bothCoLeadsPresent: true }));
const manyProjects = ['A', 'B', 'C', 'D', 'E', 'F'].map((t, i) =>
  project(t, {
    status: PROJECT_STATUSES[i % PROJECT_STATUSES.length]!,
    statusLabel: PROJECT_STATUS_LABELS[PROJECT_STATUSES[i % PROJECT_STATUSES.length]!],
    stale: i > 0,
    daysSinceUpdate: 91 + i,
  }),
);
const allCompass = [project('P', { valueCompass: ['best-quality', 'best-service', 'most-affordable', 'best-place-to-work'] })];

/** Facts that take every branch of every sentence at least once. */
const VARIATIONS: TeamFacts[] = [
  facts(),
  facts({ sponsors: { management: 'A', union: 'B' }, coLeads: { management: 'A', union: 'B', physician: null }, failedDecisions: 2, actionOwners: 3 }),
  facts({
    sponsors: { management: null, union: 'B' },
    coLeads: { management: null, union: 'B', physician: null },
    charter: { purpose: true, scope: false, groundRules: 0, whenConsensusFails: true },
  }),
  facts({
    sponsors: { management: null, union: null },
    coLeads: { management: null, union: null, physician: null },
    meetings: [],
    projects: [],
    actionItems: 0,
    consensusDecisions: 0,
  }),
  facts({ coLeads: { management: null, union: null, physician: 'Dr. Lin' }, meetings: [twoMeetings[0]!], consensusDecisions: 0, failedDecisions: 1 }),
  facts({ meetings: manyMeetings, projects: manyProjects, actionItems: 12, actionOwners: 5, consensusDecisions: 7, failedDecisions: 3 }),
  facts({ projects: allCompass }),
  facts({ projects: [project('Q', { valueCompass: [], cyclesCompleted: 0, measuresWithData: 0, annotatedCharts: [], lastPoint: null })] }),
  facts({ projects: [project('R', { cyclesCompleted: 1, measuresWithData: 3, lastPoint: null, annotatedCharts: ['x', 'y', 'z', 'w', 'v'] })] }),
  // Facts built without a status (older callers) say the English label they carry.
  facts({ projects: [{ ...project('S'), status: undefined }] }),
];

const texts = (offers: Map<EvidenceKind, { text: string }>) => new Map([...offers].map(([k, o]) => [k, o.text]));

describe('the evidence offered, in the screen’s language', () => {
  it('writes English exactly as before, for every kind and every branch', () => {
    for (const f of VARIATIONS) {
      expect(texts(offerEvidence(f, 'en'))).toEqual(englishBefore(f));
      expect(texts(offerEvidence(f))).toEqual(englishBefore(f));
    }
  });

  it('writes whole Spanish sentences, with statuses, Value Compass points and dates in Spanish', () => {
    const offers = offerEvidence(facts(), 'es');
    const text = (k: EvidenceKind) => offers.get(k)!.text;
    expect(text('sponsors-named')).toBe('Solo hay un patrocinador registrado en el equipo: Odessa Kwan (dirección); falta el patrocinador sindical.');
    expect(text('co-leads-named')).toBe('Codirectores registrados en el equipo: Ben Okafor (dirección), Dr. Lin (médicos). Falta el codirector sindical.');
    expect(text('charter')).toBe(
      'Acta constitutiva del equipo: sin propósito redactado, alcance redactado, 1 norma básica, no indica qué hacer cuando no se llega al consenso.',
    );
    expect(text('meeting-cadence')).toBe('2 reuniones del equipo registradas en el T4 2026: 7 oct, 4 nov.');
    expect(text('joint-agendas')).toBe('En el T4 2026, ambos codirectores presentaron puntos del orden del día en 1 de 2 reuniones y ambos asistieron a 2.');
    expect(text('consensus-decisions')).toBe('1 decisión tomada por consenso en el T4 2026.');
    expect(text('action-owners')).toBe('1 tarea acordada en el T4 2026, a cargo de 1 persona distinta.');
    expect(text('rim-projects')).toBe('2 proyectos de mejora: Fewer falls (Probando cambios), Lunch cover (Planificación).');
    expect(text('pdsa-cycles')).toBe('3 ciclos PDSA completados (Fewer falls: 3).');
    expect(text('documented-90-days')).toBe('Sin documentar desde hace más de 90 días: Lunch cover (131 días).');
    expect(text('annotated-run-charts')).toBe('2 gráficos de ejecución anotados con ciclos de prueba o notas: Falls (Fewer falls), Falls (Lunch cover).');
    expect(text('value-compass')).toBe(
      'Los proyectos cubren 2 de los 4 puntos de la Brújula de Valor (Mejor calidad, Mejor lugar para trabajar); sin cubrir: Mejor servicio, Más asequible.',
    );
    expect(text('measures-with-data')).toBe('2 medidas con datos; el último punto, el 16 nov.');
  });

  it('says in Spanish when there is nothing to offer, and how many more a long list holds', () => {
    const empty = offerEvidence(VARIATIONS[3]!, 'es');
    expect(empty.get('sponsors-named')!.text).toBe('No hay ningún patrocinador registrado en el equipo.');
    expect(empty.get('co-leads-named')!.text).toBe('No hay ningún codirector registrado en el equipo.');
    expect(empty.get('meeting-cadence')!.text).toBe('No hay ninguna reunión del equipo registrada en el T4 2026.');
    expect(empty.get('pdsa-cycles')!.text).toBe('No hay ningún proyecto de mejora registrado para el equipo, así que tampoco ciclos PDSA.');
    const many = offerEvidence(VARIATIONS[5]!, 'es');
    expect(many.get('rim-projects')!.text).toBe('6 proyectos de mejora: A (Planificación), B (Probando cambios), C (Sostenimiento), D (Cerrado) y 2 más.');
    expect(many.get('consensus-decisions')!.text).toBe('7 decisiones tomadas por consenso en el T4 2026; no se llegó al consenso en 3.');
    expect(offerEvidence(VARIATIONS[1]!, 'es').get('co-leads-named')!.text).toBe('Codirectores registrados en el equipo: A (dirección), B (sindicato).');
    expect(offerEvidence(VARIATIONS[6]!, 'es').get('value-compass')!.text).toBe(
      'Los proyectos cubren 4 de los 4 puntos de la Brújula de Valor (Mejor calidad, Mejor servicio, Más asequible, Mejor lugar para trabajar).',
    );
  });

  it('leaves no English sentence in Spanish, for any kind or branch', () => {
    for (const f of VARIATIONS) {
      const english = englishBefore(f);
      for (const [kind, offer] of offerEvidence(f, 'es')) {
        expect(offer.text, kind).not.toBe(english.get(kind));
        expect(offer.text, kind).not.toMatch(/\b(recorded|named|team|meetings?|projects?|with|and|more|days)\b/);
      }
    }
  });

  it('offers every kind in every language, and marks every sentence in the pseudo-locale', () => {
    const kinds = [...offerEvidence(facts()).keys()].sort();
    expect(kinds).toHaveLength(13);
    for (const language of ['es', PSEUDO] as const) expect([...offerEvidence(facts(), language).keys()].sort()).toEqual(kinds);
    for (const f of VARIATIONS)
      for (const [kind, { text }] of offerEvidence(f, PSEUDO))
        expect(text.startsWith(PSEUDO_OPEN) && text.endsWith(PSEUDO_CLOSE), `${kind}: ${text}`).toBe(true);
  });

  it('has every evidence sentence in both languages, naming the same values', () => {
    const en = flatten(P2P_WORDS_RESOURCES.en![P2P_WORDS_NAMESPACE] as Messages);
    const es = flatten(P2P_WORDS_RESOURCES.es![P2P_WORDS_NAMESPACE] as Messages);
    const keys = (m: Map<string, string>) => [...m.keys()].filter((k) => k.startsWith('evidence.')).sort();
    expect(keys(en).length).toBeGreaterThanOrEqual(30);
    expect(keys(es)).toEqual(keys(en));
    for (const key of keys(en)) {
      expect(argumentsOf(es.get(key)!, 'es'), key).toEqual(argumentsOf(en.get(key)!, 'en'));
      expect(es.get(key), key).not.toBe(en.get(key));
    }
  });
});
