import { describe, expect, it } from 'vitest';
import { plainText } from '@shared/minutes/blocks';
import { renderDocumentHtml } from '@shared/minutes/html';
import { PdsaCycle } from '@shared/model/rim';
import { pdsaWorksheetBlocks } from '@shared/rim/worksheet';
import { rimWords } from '@shared/rim/words';

const EN = rimWords('en');

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const T = '2026-03-01T10:00:00.000Z';
const cycle = (patch: Partial<PdsaCycle> = {}) =>
  PdsaCycle.parse({
    id: id(1),
    createdAt: T,
    updatedAt: T,
    projectId: id(2),
    number: 2,
    title: 'Text patients',
    objective: 'Test texting',
    prediction: 'Waits drop by 5 minutes <at least>',
    measureIds: [id(3)],
    plannedOn: '2026-03-02',
    ...patch,
  });
const measures = [
  { id: id(3), name: 'Median wait', kind: 'outcome' as const, unit: 'minutes' },
  { id: id(4), name: 'Overtime hours', kind: 'balancing' as const, unit: 'hours' },
];
const text = (blocks: ReturnType<typeof pdsaWorksheetBlocks>['blocks']) =>
  blocks
    .map((b) =>
      b.kind === 'heading'
        ? b.text
        : b.kind === 'fields'
          ? b.rows.map(([l, v]) => `${l}: ${v}`).join('\n')
          : b.kind === 'list'
            ? b.items.map(plainText).join('\n')
            : b.kind === 'table'
              ? b.rows.map((r) => r.join(' | ')).join('\n')
              : b.kind === 'paragraph'
                ? plainText(b.content)
                : '',
    )
    .join('\n');

describe('PDSA worksheet', () => {
  it('prints the cycle with the plan filled in and room to write the rest', () => {
    const { title, blocks } = pdsaWorksheetBlocks(
      {
        project: { title: 'Pickup waits', aim: 'Cut the median wait from 22 to 12 minutes by June 2027' },
        teamName: 'Pharmacy UBT',
        cycle: cycle(),
        changeIdea: { text: 'Text when ready' },
        measures,
        reviewedAt: null,
      },
      EN,
    );
    expect(title).toBe('PDSA cycle 2: Text patients');
    const t = text(blocks);
    expect(t).toContain('Aim: Cut the median wait from 22 to 12 minutes by June 2027');
    expect(t).toContain('Plan Mar 2, 2026');
    expect(t).toContain('Prediction: Waits drop by 5 minutes <at least>');
    expect(t).toContain('Median wait (outcome, minutes)');
    expect(t).not.toContain('Overtime hours');
    expect(t).toContain('Done as planned?: Yes / No');
    expect(t).toContain('Decision: Adopt / Adapt / Abandon');
    expect(t).toMatch(/Observations: \u00a0\n\u00a0\n\u00a0/);
    const html = renderDocumentHtml({ title, blocks, badge: { text: 'PDSA worksheet', tone: 'neutral' } });
    expect(html).toContain('Waits drop by 5 minutes &lt;at least&gt;');
    expect(html).toContain('<p class="status neutral">PDSA worksheet</p>');
  });

  it('shows what was done, studied and decided once the cycle has run', () => {
    const done = cycle({
      stage: 'done',
      doneAsPlanned: false,
      observations: 'IT delay on day 1',
      results: 'Waits fell 6 minutes',
      decision: 'adapt',
      nextStep: 'Try it on weekends',
      doneOn: '2026-03-09',
      actedOn: '2026-03-16',
    });
    const t = text(
      pdsaWorksheetBlocks(
        {
          project: { title: 'Pickup waits', aim: '' },
          teamName: 'Pharmacy UBT',
          cycle: done,
          changeIdea: null,
          measures,
          reviewedAt: { title: 'March UBT meeting', startsAt: '2026-03-16T09:00' },
        },
        EN,
      ).blocks,
    );
    expect(t).toContain('Done as planned?: No');
    expect(t).toContain('Results against the prediction: Waits fell 6 minutes');
    expect(t).toContain('Decision: Adapt');
    expect(t).toContain('Act Mar 16, 2026');
    expect(t).toContain('Reviewed at: March UBT meeting (Mar 16, 2026)');
  });
});
