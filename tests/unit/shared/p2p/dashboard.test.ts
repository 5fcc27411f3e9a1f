import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildDashboard, type DashboardInput } from '@shared/p2p/dashboard';
import { parseProgramFiguresCsv } from '@shared/p2p/programFigures';
import { buildReport, levelsChartSvg } from '@shared/p2p/report';
import { reportDocx, reportFileName, reportHtml } from '@shared/p2p/reportExports';
import { p2pWords } from '@shared/p2p/words';

const team = (i: number, region = 'Colorado') => ({ id: `t${i}`, name: `Team ${String(i).padStart(2, '0')}`, councilId: 'c1', region });

function input(overrides: Partial<DashboardInput> = {}): DashboardInput {
  const teams = [1, 2, 3, 4, 5].map((i) => team(i)).concat([team(6, 'Hawaii')]);
  return {
    quarter: '2026-Q4',
    today: '2026-11-25',
    teams,
    ratings: [
      { teamId: 't1', quarter: '2026-Q4', version: 1, level: 4 },
      { teamId: 't2', quarter: '2026-Q4', version: 1, level: 5 },
      { teamId: 't3', quarter: '2026-Q4', version: 1, level: 2 },
      { teamId: 't6', quarter: '2026-Q4', version: 1, level: 4 },
      { teamId: 't1', quarter: '2026-Q3', version: 1, level: 3 },
      { teamId: 't3', quarter: '2026-Q3', version: 1, level: 4 },
    ],
    figures: [],
    projects: [
      {
        id: 'p1',
        teamId: 't1',
        title: 'Falls',
        status: 'active',
        archivedAt: null,
        valueCompass: ['best-quality', 'best-service', 'most-affordable', 'best-place-to-work'],
        stale: false,
        daysSinceUpdate: 3,
      },
      { id: 'p2', teamId: 't2', title: 'Wait times', status: 'active', archivedAt: null, valueCompass: ['best-service'], stale: true, daysSinceUpdate: 120 },
      { id: 'p3', teamId: 't2', title: 'Old', status: 'abandoned', archivedAt: null, valueCompass: ['most-affordable'], stale: false, daysSinceUpdate: 300 },
    ],
    actionItems: [
      { id: 'a1', bodyId: 't1', what: 'Order scales', dueDate: '2026-11-01', status: 'open' },
      { id: 'a2', bodyId: 't1', what: 'Not due yet', dueDate: '2026-12-01', status: 'open' },
      { id: 'a3', bodyId: 'elsewhere', what: 'Other council', dueDate: '2026-01-01', status: 'open' },
    ],
    lastMeeting: { t1: '2026-11-20', t2: '2026-09-01', t3: '2026-09-26', t4: undefined, t5: '2026-10-30', t6: '2026-11-01' },
    ...overrides,
  };
}

describe('the council dashboard', () => {
  it('counts teams by level and the share high performing, with movement and what needs attention', () => {
    const d = buildDashboard(input());
    expect(d.counts.byLevel).toEqual([0, 0, 1, 0, 2, 1]);
    expect(d.counts.share).toMatchObject({ highPerforming: 3, total: 4, percent: 75 });
    expect(d.counts.notAssessed.map((t) => t.id)).toEqual(['t4', 't5']);
    expect(d.movement).toMatchObject({ compared: 2, up: 1, down: 1 });
    expect(d.trend).toHaveLength(8);
    expect(d.trend.at(-1)!.quarter).toBe('2026-Q4');
    expect(d.staleProjects.map((s) => s.project.title)).toEqual(['Wait times']);
    expect(d.overdueActions.map((o) => [o.item.what, o.daysOverdue])).toEqual([['Order scales', 24]]);
    // 60 days: 2026-09-26 is 60 days before 2026-11-25 (not quiet), 2026-09-01 is 85.
    expect(d.quietTeams.map((q) => [q.team.id, q.daysSince])).toEqual([
      ['t4', null],
      ['t2', 85],
    ]);
    expect(d.valueCompass).toMatchObject({ teamsWithAllFour: 1, teamsWithoutTaggedProject: 4 });
    expect(d.valueCompass.teamsByPoint['best-service']).toBe(2);
    expect(d.valueCompass.teamsByPoint['most-affordable']).toBe(1); // the abandoned project does not count
    expect(d.regions.map((r) => [r.region, r.source, r.share.percent])).toEqual([
      ['Colorado', 'computed', 67],
      ['Hawaii', 'computed', 100],
    ]);
    expect(d.imported).toBeNull();
  });

  it('shows imported figures beside the computed ones, marked as imported, with the program-wide share of the June 2021 figures', () => {
    const parsed = parseProgramFiguresCsv(readFileSync(new URL('../../../fixtures/regional-figures-2021-06.csv', import.meta.url), 'utf8'));
    if (!parsed.ok) throw new Error(parsed.message);
    const figures = parsed.rows.map((r, i) => ({ ...r, id: `f${i}`, sourceFile: 'regional-figures-2021-06.csv' }));
    const d = buildDashboard(input({ figures }));
    expect(d.regions.filter((r) => r.region === 'Colorado').map((r) => [r.source, r.share.total, r.asOf])).toEqual([
      ['computed', 3, '2026-12-31'],
      ['imported', 256, '2021-06-30'],
    ]);
    expect(d.imported?.share).toEqual({ highPerforming: 2674, total: 3651, percent: 73 });

    const report = buildReport(d, { councilName: 'Colorado Regional Council', region: null, preparedOn: '2026-11-25' });
    const html = reportHtml(report);
    expect(html).toContain('Path to Performance: Colorado Regional Council, Q4 2026');
    expect(html).toContain('Imported, as of Jun 30, 2021');
    expect(html).toContain('2,674');
    expect(html).toContain('3,651');
    expect(html).toContain('<td>73%</td>');
    expect(html).toContain('3 of 4 (75%) of the rated teams are high performing');
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/i);
    expect(reportFileName(report, 'pdf')).toBe('2026-11-25 Path to Performance Colorado Regional Council Q4 2026.pdf');
  });

  it('exports the report as a Word file whose text holds the figures', async () => {
    const d = buildDashboard(input());
    const report = buildReport(d, { councilName: null, region: 'Colorado', preparedOn: '2026-11-25' });
    const bytes = await reportDocx(report);
    const xml = strFromU8(unzipSync(bytes)['word/document.xml']!);
    const text = xml.replace(/<[^>]+>/g, ' ');
    expect(text).toContain('PATH TO PERFORMANCE REPORT');
    expect(text).toContain('Path to Performance: Colorado, Q4 2026');
    expect(text).toContain('Teams by level');
    expect(text).toContain('Order scales (Team 01)');
    // No rasterizer in Node: the chart prints its description.
    expect(text).toContain('[Chart] Teams by level, Q4 2026');
  });

  it('puts the levels chart into the Word file as a picture when a rasterizer is given', async () => {
    // A 1x1 PNG, as the renderer's canvas would return it.
    const png = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='), (c) =>
      c.charCodeAt(0),
    );
    const seen: Array<[number, number]> = [];
    const report = buildReport(buildDashboard(input()), { councilName: 'Colorado Regional Council', region: null, preparedOn: '2026-11-25' });
    const files = unzipSync(
      await reportDocx(report, async (svg, width, height) => {
        expect(svg).toContain('<svg');
        seen.push([width, height]);
        return png;
      }),
    );
    expect(seen).toEqual([[560, 160]]);
    expect(Object.keys(files).filter((f) => f.startsWith('word/media/'))).toHaveLength(1);
    expect(strFromU8(files['word/document.xml']!)).not.toContain('[Chart]');
  });

  it('writes the whole report in Spanish for a Spanish-speaking council, in HTML and in Word', async () => {
    const parsed = parseProgramFiguresCsv(readFileSync(new URL('../../../fixtures/regional-figures-2021-06.csv', import.meta.url), 'utf8'));
    if (!parsed.ok) throw new Error(parsed.message);
    const d = buildDashboard(input({ figures: parsed.rows.map((r, i) => ({ ...r, id: `f${i}`, sourceFile: 'regional-figures-2021-06.csv' })) }));
    const report = buildReport(d, { councilName: 'Colorado Regional Council', region: null, preparedOn: '2026-11-25' }, p2pWords('es'));
    const html = reportHtml(report);
    expect(html).toContain('<html lang="es">');
    expect(html).toContain('Camino al desempeño: Colorado Regional Council, T4 2026');
    expect(html).toContain('Informe del Camino al desempeño');
    expect(html).toContain('<strong>3 de 4 (75 %) de los equipos calificados son de alto desempeño</strong>');
    expect(html).toContain('Importadas, a fecha de 30 jun 2021');
    expect(html).toContain('Equipos por nivel');
    expect(html).toContain('Cobertura de la Brújula de Valor');
    expect(html).toContain('Mejor calidad');
    // Nothing of the English report is left: each of its headings and labels is gone.
    for (const english of ['Teams by level', 'Needs attention', 'Value Compass coverage', 'Imported, as of', 'Share of rated', 'Generated by', 'Level 1'])
      expect(html, english).not.toContain(english);
    expect(reportFileName(report, 'docx')).toBe('2026-11-25 Camino al desempeño Colorado Regional Council T4 2026.docx');

    const xml = strFromU8(unzipSync(await reportDocx(report))['word/document.xml']!);
    const text = xml.replace(/<[^>]+>/g, ' ');
    expect(text).toContain('INFORME DEL CAMINO AL DESEMPEÑO');
    expect(text).toContain('[Gráfico] Equipos por nivel, T4 2026');
    const footer = Object.entries(unzipSync(await reportDocx(report)))
      .filter(([name]) => name.startsWith('word/footer'))
      .map(([, bytes]) => strFromU8(bytes).replace(/<[^>]+>/g, ' '))
      .join(' ');
    expect(footer).toContain('página');
    expect(footer).toMatch(/PAGE[\s\S]*de[\s\S]*NUMPAGES/);
  });

  it('draws the levels chart as a self-contained SVG', () => {
    const svg = levelsChartSvg([0, 1, 0, 2, 3, 1], { title: 'Teams & levels' });
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain('Teams &amp; levels');
    expect((svg.match(/<rect /g) ?? []).length).toBe(6); // background + five bars
  });
});
