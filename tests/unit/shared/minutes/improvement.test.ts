import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildMinutesDocument } from '@shared/minutes/document';
import { minutesDocx, minutesHtml, minutesMarkdown } from '@shared/minutes/exports';
import type { ImprovementReview } from '@shared/minutes/improvement';
import { buildRunChart } from '@shared/rim/chartSeries';
import { makeMinutesSource } from '../../../fixtures/minutesSource';

const draft = { status: 'draft' as const, version: 1, approvals: [], history: [], amendmentReason: '' };
// A real 1x1 PNG, standing in for the canvas rasterizer the renderer uses.
const PNG_1x1 = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII='), (c) => c.charCodeAt(0));

function review(): ImprovementReview {
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
    project: { title: 'Shorter pickup waits', aim: 'Cut the median wait from 22 to 12 minutes by June 30, 2027', status: 'active' },
    cycles: [cycle],
    measures: [
      {
        measure: { id: 'm1', name: 'Median wait at pickup', kind: 'outcome', unit: 'minutes', target: 12 },
        chart: buildRunChart('m1', { target: 12, frozenBaselineCount: null }, points, [], [cycle]),
      },
    ],
  };
}

describe('improvement work in the minutes', () => {
  it('shows the project, the cycles reviewed, each measure with its run chart and signals', async () => {
    const { source } = makeMinutesSource();
    const doc = buildMinutesDocument({ ...source, improvement: [review()] });
    const md = minutesMarkdown(doc, draft);
    expect(md).toContain('## Improvement work reviewed');
    expect(md).toContain('### Shorter pickup waits');
    expect(md).toContain('**Cycle 1: Text patients when ready** (Done, adopt)');
    expect(md).toContain('**Prediction:** Waits fall by 5 minutes');
    expect(md).toMatch(/\*\*Median wait at pickup\*\* \(outcome measure\): latest 16 minutes \(.+\), median [\d.]+, target 12\./);
    expect(md).toContain('*\\[Chart\\] Run chart of Median wait at pickup: 14 points, 1 PDSA cycle marked.*');
    expect(md).toContain('The line crosses the median only 1 time');

    const html = minutesHtml(doc, draft);
    expect(html).toContain('<img src="data:image/svg+xml;charset=utf-8,%3Csvg');
    expect(html).toContain('alt="Run chart of Median wait at pickup');

    // Word gets the picture as a PNG when the renderer can rasterize it, else its description.
    const withImage = unzipSync(await minutesDocx(doc, draft, async () => PNG_1x1));
    expect(Object.keys(withImage).some((f) => /^word\/media\/.+\.png$/.test(f))).toBe(true);
    const withoutImage = unzipSync(await minutesDocx(doc, draft));
    expect(Object.keys(withoutImage).some((f) => f.startsWith('word/media/'))).toBe(false);
    expect(strFromU8(withoutImage['word/document.xml']!)).toContain('[Chart] Run chart of Median wait at pickup');
  });

  it('prints nothing about improvement when no cycle was reviewed', () => {
    const { source } = makeMinutesSource();
    expect(minutesMarkdown(buildMinutesDocument({ ...source, improvement: [] }), draft)).not.toContain('Improvement work');
  });
});
