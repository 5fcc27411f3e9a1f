import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { Locale } from '@shared/i18n/locales';
import { PSEUDO } from '@shared/i18n/pseudo';
import { buildMinutesDocument, type MinutesSource } from '@shared/minutes/document';
import { documentHash, minutesCsv, minutesDocx, minutesHtml, minutesMarkdown } from '@shared/minutes/exports';
import type { ImprovementReview } from '@shared/minutes/improvement';
import { renderBlocksText } from '@shared/minutes/plainText';
import { recordChanges, recordFacts } from '@shared/minutes/recordFacts';
import { minutesWords } from '@shared/minutes/words';
import type { ApprovalView } from '@shared/minutes/approval';
import { buildRunChart } from '@shared/rim/chartSeries';
import { rimWords } from '@shared/rim/words';
import { makeMinutesSource } from '../../../fixtures/minutesSource';

// Minutes are written in their meeting's language, whatever the screens speak: a Spanish-speaking
// team's record is Spanish in every format, English minutes keep the exact text (and hash) they
// always had, and no English word is left hard-coded (the pseudo-locale brackets every word the
// app writes, so anything outside brackets that is not typed data is a missed string).

const approved: ApprovalView = {
  status: 'approved',
  version: 2,
  approvals: [
    {
      side: 'management',
      name: 'Maria Okafor',
      role: 'Pharmacy manager',
      approvedAt: '2026-03-16T17:05:00.000Z',
      method: 'email',
      evidenceNote: 'Mar 16 email',
      recordedByName: 'Devon Achebe',
    },
    { side: 'union', name: 'James Whitfield', role: '', approvedAt: '2026-03-16T18:00:00.000Z', method: 'in-room', recordedByName: 'Devon Achebe' },
  ],
  history: [{ number: 1, approvedAt: '2026-03-15T17:00:00.000Z', amendmentReason: '' }],
  amendmentReason: 'A name was misspelled',
};

function review(language: Locale | typeof PSEUDO): ImprovementReview {
  const values = [22, 24, 21, 23, 25, 22, 18, 17, 16, 15, 16, 14, 15, 16];
  const points = values.map((value, i) => ({ date: `2026-0${1 + Math.floor(i / 5)}-${String(1 + (i % 5) * 6).padStart(2, '0')}`, value }));
  const cycle = {
    id: 'c1',
    number: 1,
    title: 'Text patients when ready',
    stage: 'done' as const,
    decision: 'adopt' as const,
    plannedOn: '2026-02-01',
    doneOn: '2026-02-07',
    measureIds: ['m1'],
    objective: 'See if texts cut waits',
    prediction: 'Waits fall by 5 minutes',
    results: 'Waits fell by 6 minutes',
    nextStep: '',
  };
  return {
    project: { title: 'Shorter pickup waits', aim: 'Cut the median wait to 12 minutes', status: 'active' },
    cycles: [cycle],
    measures: [
      {
        measure: { id: 'm1', name: 'Median wait at pickup', kind: 'outcome', unit: 'minutes', target: 12.5 },
        chart: buildRunChart('m1', { target: 12.5, frozenBaselineCount: null }, points, [], [cycle], rimWords(language)),
      },
    ],
  };
}

function sourceIn(language: Locale | typeof PSEUDO): MinutesSource {
  const { source } = makeMinutesSource();
  return { ...source, meeting: { ...source.meeting, language: language as Locale }, improvement: [review(language)] };
}

describe('minutes in the meeting’s language', () => {
  it('writes a Spanish meeting’s minutes in Spanish, in Markdown, HTML, Word and CSV', async () => {
    const doc = buildMinutesDocument(sourceIn('es'));
    expect(doc.language).toBe('es');
    expect(doc.title).toBe('Acta: Outpatient Pharmacy UBT monthly meeting');

    const md = minutesMarkdown(doc, approved);
    for (const text of [
      '# Acta: Outpatient Pharmacy UBT monthly meeting',
      '**Fecha y hora:** sábado, 14 de marzo de 2026, de 09:30 a 12:30',
      '## Asistencia',
      '| Parte | Presentes | Ausentes |',
      '## Puntos del orden del día',
      '#### Planteamiento del problema',
      'Intereses del sindicato',
      '#### Consenso',
      '**Método:** Puño a cinco',
      '## Tareas acordadas',
      '| Qué | Responsable | Fecha límite | Estado |',
      '## Estacionamiento de temas',
      '## Evaluación de la reunión (más/delta)',
      '## Trabajo de mejora revisado',
      '(Terminado, adoptar)',
      '(medida de resultado): último valor 16 minutes',
      'meta 12,5.',
      '## Aprobación',
      '**Aprobada** (versión 2, enmienda 1)',
      '| Parte | Aprobada por | Cómo se dio | Cuándo |',
      'Por correo electrónico (Mar 16 email), registrada por Devon Achebe',
      '**Motivo de la enmienda:** A name was misspelled',
      'Versión 1 aprobada el 15 mar 2026 a las',
    ])
      expect(md, text).toContain(text);
    // The run chart's signal sentences are the RIM words in Spanish.
    expect(md).toMatch(/mediana/);
    expect(md).not.toMatch(/\b(Attendance|Approval|Action items|Consensus reached|Parking lot|median only)\b/);

    const html = minutesHtml(doc, approved);
    expect(html).toMatch(/<html lang="es">/);
    expect(html).toContain('Acta aprobada');
    expect(html).toContain('Generada por Common Ground. Versión 2.');

    const csv = minutesCsv(doc);
    expect(csv.split('\r\n')[0]).toBe(
      '\ufeffQué,Responsable,Parte del responsable,Fecha límite,Estado,Cómo sabremos que funcionó,Fecha de la reunión,Reunión,Consejo o equipo',
    );

    const files = unzipSync(await minutesDocx(doc, approved));
    const xml = strFromU8(files['word/document.xml']!);
    expect(xml).toContain('ACTA APROBADA');
    expect(xml).toContain('Asistencia');
    expect(strFromU8(files['word/styles.xml']!)).toContain('w:lang w:val="es-US"');
  });

  it('says what an amendment changes in the meeting’s language', () => {
    const source = sourceIn('es');
    const before = recordFacts(source);
    const after = recordFacts({
      ...source,
      meeting: { ...source.meeting, location: 'Sala 2' },
      attendance: source.attendance.map((a) => (a.status === 'absent' ? { ...a, status: 'present' as const } : a)),
    });
    const changes = recordChanges(before, after, minutesWords('es')).map((c) => c.text);
    expect(changes).toContain('Reunión: Lugar «Building B, 3rd floor break room» → «Sala 2»');
    expect(changes).toContain('Asistencia: Omar Haddad ausente → presente');
  });

  it('keeps an English meeting’s minutes word for word, so approvals of that text still hold', () => {
    const english = buildMinutesDocument(sourceIn('en'));
    const { source } = makeMinutesSource();
    // A meeting stored before meetings had a language is English.
    const { language: _dropped, ...older } = source.meeting;
    const legacy = buildMinutesDocument({ ...source, meeting: older as typeof source.meeting, improvement: [review('en')] });
    expect(documentHash(legacy)).toBe(documentHash(english));
    const md = minutesMarkdown(english, approved);
    expect(md).toContain('**When:** Saturday, March 14, 2026, 9:30 AM to 12:30 PM');
    expect(md).toContain('By email (Mar 16 email), recorded by Devon Achebe');
    expect(md).toContain('Version 1 approved Mar 15, 2026 at');
    expect(md).toContain('(outcome measure): latest 16 minutes');
    expect(minutesHtml(english, approved)).toMatch(/<html lang="en">/);
    expect(documentHash(english)).not.toBe(documentHash(buildMinutesDocument(sourceIn('es'))));
  });

  it('leaves no English word hard-coded: in the pseudo-locale, everything outside brackets is typed data', () => {
    const source = sourceIn(PSEUDO);
    const doc = buildMinutesDocument(source);
    let text = [renderBlocksText(doc.blocks), minutesMarkdown(doc, approved), minutesCsv(doc)].join('\n');
    // Innermost bracketed messages first: a message can carry another (a side inside a sentence).
    for (let before = ''; before !== text;) {
      before = text;
      text = text.replace(/⟦[^⟦⟧]*⟧/g, ' ');
    }
    // What people typed stays as typed: every string of the source and the approvals.
    const typed = new Set<string>();
    const walk = (value: unknown) => {
      if (typeof value === 'string') typed.add(value.trim());
      else if (Array.isArray(value)) value.forEach(walk);
      else if (value && typeof value === 'object') Object.values(value).forEach(walk);
    };
    walk(source);
    walk(approved);
    // (The plain text shouts level-3 headings, typed project titles included.)
    for (const s of [...typed].filter((s) => /[a-z]/i.test(s)).sort((a, b) => b.length - a.length))
      text = text.split(s).join(' ').split(s.toUpperCase()).join(' ');
    // Dates are the date module's (the pseudo-locale prints them as English), not words of ours.
    text = text.replace(/\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{1,2}, \d{4}/g, ' ');
    const leftover = text.match(/[A-Za-z][A-Za-z' ]+/g) ?? [];
    expect(leftover).toEqual([]);
  });
});
