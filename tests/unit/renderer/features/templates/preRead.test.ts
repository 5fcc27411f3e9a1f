import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildPreRead, type PreReadInput } from '@shared/meetings/preRead';
import { preReadDocx, preReadFileName, preReadHtml, preReadText } from '@shared/meetings/preReadExports';
import { templatesT } from './translate';

const INPUT: PreReadInput = {
  meeting: { title: 'Pharmacy monthly', startsAt: '2026-12-08T09:00', durationMinutes: 60, location: 'Room 3', objective: 'Agree the holiday coverage plan' },
  bodyName: 'Pharmacy UBT',
  agenda: [
    { title: 'Review actions', type: 'discussion', timeBoxMinutes: 10, presenter: 'Ana Reyes' },
    { title: 'Holiday coverage', type: 'ibps', timeBoxMinutes: 40, presenter: '' },
    { title: 'Plus/delta', type: 'discussion', timeBoxMinutes: 5, presenter: '' },
  ],
  roles: { facilitator: 'Ana Reyes', recorder: 'Ben Ortiz', timekeeper: null },
  carriedActions: [{ what: 'Post the holiday schedule', owner: 'Ana Reyes', dueDate: '2026-11-20', overdue: true, fromStartsAt: '2026-11-10T09:00' }],
  parkingLot: [{ text: 'Parking garage lighting <b>', fromStartsAt: '2026-11-10T09:00' }],
};

describe('agenda pre-read', () => {
  it('has the objective, items with start times and presenters, roles, carried-forward actions and parking-lot topics', () => {
    const text = preReadText(buildPreRead(INPUT, templatesT('en'), 'en'));
    expect(text).toContain('Agenda: Pharmacy monthly\n========================');
    expect(text).toContain('When: Tuesday, December 8, 2026, 9:00 AM to 10:00 AM');
    expect(text).toContain('Where: Room 3');
    expect(text).toContain('Objective\n---------\n\nAgree the holiday coverage plan');
    expect(text).toContain('Facilitator: Ana Reyes\nRecorder: Ben Ortiz');
    expect(text).not.toContain('Timekeeper');
    // Items start when the one before ends: 9:00, 9:10, 9:50.
    expect(text).toContain('- 9:00 AM\n    Item: Review actions\n    Type: Discussion\n    Presenter: Ana Reyes\n    Length: 10 min');
    expect(text).toContain('- 9:10 AM\n    Item: Holiday coverage\n    Type: IBPS\n    Length: 40 min');
    expect(text).toContain('- 9:50 AM\n    Item: Plus/delta');
    expect(text).toContain('55 minutes of agenda in a 60-minute meeting.');
    expect(text).toContain('- Post the holiday schedule\n    Owner: Ana Reyes\n    Due: Nov 20, 2026 (overdue)\n    Agreed on: Nov 10, 2026');
    expect(text).toContain('- Parking garage lighting <b> (raised Nov 10, 2026)');
  });

  it('prints no empty sections', () => {
    const bare = buildPreRead(
      { ...INPUT, meeting: { ...INPUT.meeting, objective: ' ', location: '' }, agenda: [], roles: {}, carriedActions: [], parkingLot: [] },
      templatesT('en'),
      'en',
    );
    expect(bare.blocks.map((b) => b.kind)).toEqual(['heading', 'fields']);
  });

  it('is written in Spanish for a Spanish-speaking team', () => {
    const text = preReadText(buildPreRead(INPUT, templatesT('es'), 'es'));
    expect(text).toContain('Cuándo: martes, 8 de diciembre de 2026, 09:00 a 10:00');
    expect(text).toContain('Tareas pendientes que se arrastran');
    expect(text).toContain('Vence: 20 nov 2026 (vencida)');
    expect(text).toContain('Tipo: Debate');
  });

  it('the HTML escapes what was typed, and the Word file carries the same words', async () => {
    const t = templatesT('en');
    const doc = buildPreRead(INPUT, t, 'en');
    const html = preReadHtml(doc, t);
    expect(html).toContain('Parking garage lighting &lt;b&gt;');
    expect(html).toContain('<th scope="col">Presenter</th>');
    const xml = strFromU8(unzipSync(await preReadDocx(doc, t))['word/document.xml']!);
    for (const words of [
      'Agree the holiday coverage plan',
      'Holiday coverage',
      'Post the holiday schedule',
      'Parking garage lighting &lt;b&gt;',
      'AGENDA PRE-READ',
    ])
      expect(xml).toContain(words);
    expect(preReadFileName(doc, 'docx')).toBe('Pharmacy-monthly-2026-12-08-agenda.docx');
  });
});
