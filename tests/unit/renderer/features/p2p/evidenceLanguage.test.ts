import { afterEach, describe, expect, it } from 'vitest';
import type { Repositories } from '@renderer/db/repositories';
import { addEvidence, startAssessment } from '@renderer/features/p2p/commands';
import { loadAssessment } from '@renderer/features/p2p/queries';
import { addMember } from '@renderer/features/roster/commands';
import { createProject } from '@renderer/features/rim/commands';
import { createMeeting } from '@renderer/features/meetings/commands';
import { freshRepos } from '../../db/helpers';

// The assessment screen offers what the app holds in the screen's language, and an offer the
// co-leads attach is kept as the sentence they read.

let repos: Repositories;
afterEach(async () => {
  repos?.db.close();
  if (repos) await repos.db.delete();
});

async function setUp() {
  const council = await repos.councils.create({ name: 'Colorado Regional Council', level: 'regional', region: 'Colorado' });
  const ana = await repos.people.create({ name: 'Ana Torres', side: 'union', union: 'SEIU-UHW', local: '105' });
  const ben = await repos.people.create({ name: 'Ben Okafor', side: 'management' });
  const odessa = await repos.people.create({ name: 'Odessa Kwan', side: 'management' });
  const team = await repos.teams.create({
    councilId: council.id,
    name: 'Pharmacy UBT',
    managementCoLeadId: ben.id,
    unionCoLeadId: ana.id,
    managementSponsorId: odessa.id,
  });
  for (const p of [ana, ben]) await addMember(repos, p.id, 'team', team.id);
  await createMeeting(repos, { bodyKind: 'team', bodyId: team.id, title: 'October', startsAt: '2026-10-14T09:00' });
  await createProject(repos, { teamId: team.id, title: 'Fewer missed doses', valueCompass: ['best-quality'] });
  return team;
}

describe('evidence offered on the assessment screen', () => {
  it('is worded in the screen’s language, statuses included, and attached as worded', async () => {
    repos = freshRepos();
    const team = await setUp();
    const a = await startAssessment(repos, team.id, '2026-Q4');
    const es = (await loadAssessment(repos, team.id, '2026-Q4', '2026-11-25', 'es'))!;
    expect(es.offers.get('sponsors-named')!.text).toBe(
      'Solo hay un patrocinador registrado en el equipo: Odessa Kwan (dirección); falta el patrocinador sindical.',
    );
    expect(es.offers.get('meeting-cadence')!.text).toBe('1 reunión del equipo registrada en el T4 2026: 14 oct.');
    expect(es.offers.get('rim-projects')!.text).toBe('1 proyecto de mejora: Fewer missed doses (Planificación).');
    expect(es.offers.get('value-compass')!.text).toBe(
      'Los proyectos cubren 1 de los 4 puntos de la Brújula de Valor (Mejor calidad); sin cubrir: Mejor servicio, Más asequible, Mejor lugar para trabajar.',
    );

    const en = (await loadAssessment(repos, team.id, '2026-Q4', '2026-11-25'))!;
    expect(en.offers.get('rim-projects')!.text).toBe('1 improvement project: Fewer missed doses (Planning).');
    expect(en.offers.get('meeting-cadence')!.text).toBe('1 team meeting recorded in Q4 2026: Oct 14.');

    const offer = es.offers.get('rim-projects')!.text;
    await addEvidence(repos, a.id, { dimension: 'use-of-tools', criterionId: 'use-of-tools.3.two-cycles', text: offer, source: 'app' });
    const after = (await loadAssessment(repos, team.id, '2026-Q4', '2026-11-25', 'es'))!;
    expect(after.rows.evidence.map((e) => [e.text, e.source])).toEqual([[offer, 'app']]);
  });
});
