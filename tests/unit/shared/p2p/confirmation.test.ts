import { describe, expect, it } from 'vitest';
import { assessmentHash, canonicalContent, freezeResult, signOffProblems } from '@shared/p2p/confirmation';
import { CRITERIA } from '@shared/p2p/criteria';

const content = {
  met: ['training.1.booked', 'sponsorship.1.named', 'sponsorship.1.named', 'not-a-criterion'],
  notes: [
    { dimension: 'training' as const, text: '  Booked for March  ' },
    { dimension: 'sponsorship' as const, text: 'Both named' },
    { dimension: 'leadership' as const, text: '   ' },
  ],
  evidence: [{ dimension: 'sponsorship' as const, criterionId: 'sponsorship.1.named', text: 'Team record', source: 'app' as const }],
};

describe('what co-leads confirm', () => {
  it('hashes the content in one canonical form: order, duplicates, blank notes and unknown ids do not matter', () => {
    expect(canonicalContent(content)).toEqual({
      met: ['sponsorship.1.named', 'training.1.booked'],
      notes: [
        { dimension: 'sponsorship', text: 'Both named' },
        { dimension: 'training', text: 'Booked for March' },
      ],
      evidence: [{ dimension: 'sponsorship', criterionId: 'sponsorship.1.named', text: 'Team record', source: 'app' }],
    });
    const shuffled = { ...content, met: [...content.met].reverse(), notes: [...content.notes].reverse() };
    expect(assessmentHash(shuffled)).toBe(assessmentHash(content));
    expect(assessmentHash({ ...content, met: [...content.met, 'training.2.co-leads'] })).not.toBe(assessmentHash(content));
    expect(assessmentHash({ ...content, notes: [{ dimension: 'training', text: 'Booked for April' }] })).not.toBe(assessmentHash(content));
  });

  it('freezes the level with each dimension’s level', () => {
    const all = freezeResult({ met: CRITERIA.filter((c) => c.level <= 3).map((c) => c.id), notes: [], evidence: [] });
    expect(all.level).toBe(3);
    expect(Object.values(all.dimensionLevels)).toEqual([3, 3, 3, 3, 3, 3, 3]);
    expect(all.criteriaEdition).toBe(1);
    expect(freezeResult(content).level).toBe(0);
  });

  it('needs who recorded a sign-off, and a note for one given by email', () => {
    expect(signOffProblems({ method: 'in-room', recordedByName: 'Pat Okafor' })).toEqual([]);
    expect(signOffProblems({ method: 'email', recordedByName: 'Pat Okafor', evidenceNote: '' }).map((p) => p.path)).toEqual(['evidenceNote']);
    expect(signOffProblems({ method: 'email', recordedByName: 'Pat Okafor', evidenceNote: 'Email of 9 Dec, subject "Q4 OK"' })).toEqual([]);
    expect(signOffProblems({ method: 'own-laptop', recordedByName: '  ' })).toEqual([{ path: 'recordedByName', message: 'Who recorded it is required' }]);
  });
});
