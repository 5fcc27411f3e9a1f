import { describe, expect, it } from 'vitest';
import { buildRunChart } from '@shared/rim/chartSeries';
import { runChartSvg } from '@shared/rim/runChartSvg';

const points = [22, 24, null, 23, 18, 17, 16].map((value, i) => ({ date: `2026-01-${String(i + 1).padStart(2, '0')}`, value }));
const cycle = {
  id: 'c1',
  number: 1,
  title: 'Text <patients>',
  stage: 'done' as const,
  decision: 'adopt' as const,
  plannedOn: '2026-01-04',
  doneOn: '2026-01-04',
  measureIds: ['m'],
};

describe('run chart picture for documents', () => {
  it('draws every point, a gap for the missing one, the median, the target and the PDSA marker', () => {
    const svg = runChartSvg(buildRunChart('m', { target: 12, frozenBaselineCount: null }, points, [], [cycle]), { title: 'Wait & see' });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.match(/<circle /g)).toHaveLength(6);
    // The line restarts after the missing point: two M commands.
    expect(svg.match(/<path d="([^"]+)"/)![1]!.match(/M/g)).toHaveLength(2);
    expect(svg).toContain('target 12');
    expect(svg).toContain('>PDSA 1<');
    expect(svg).toContain('Wait &amp; see');
    expect(svg).not.toContain('<patients>');
    expect(svg).not.toMatch(/NaN|undefined/);
  });

  it('copes with an empty measure and a single point', () => {
    for (const pts of [[], [{ date: '2026-01-01', value: 5 }]]) {
      const svg = runChartSvg(buildRunChart('m', { target: null, frozenBaselineCount: null }, pts, [], []));
      expect(svg).not.toMatch(/NaN|undefined|Infinity/);
      expect(svg.endsWith('</svg>')).toBe(true);
    }
  });
});
