import { describe, expect, it } from 'vitest';
import { criterionById } from '@shared/p2p/criteria';
import { offerEvidence, offersFor, type TeamFacts } from '@shared/p2p/evidence';

const facts = (overrides: Partial<TeamFacts> = {}): TeamFacts => ({
  quarter: '2026-Q4',
  sponsors: { management: 'Odessa Kwan', union: null },
  coLeads: { management: 'Ben Okafor', union: 'Ana Torres', physician: null },
  charter: { purpose: true, scope: false, groundRules: 6, whenConsensusFails: true },
  meetings: [
    { date: '2026-10-07', bothCoLeadsPresenting: true, bothCoLeadsPresent: true },
    { date: '2026-11-04', bothCoLeadsPresenting: false, bothCoLeadsPresent: true },
  ],
  consensusDecisions: 2,
  failedDecisions: 1,
  actionItems: 5,
  actionOwners: 3,
  projects: [
    {
      title: 'Fewer falls',
      statusLabel: 'Testing changes',
      valueCompass: ['best-quality', 'best-place-to-work'],
      cyclesCompleted: 3,
      stale: false,
      daysSinceUpdate: 4,
      measuresWithData: 2,
      annotatedCharts: ['Falls per 1,000 patient days (Fewer falls)'],
      lastPoint: '2026-11-16',
    },
    {
      title: 'Lunch cover',
      statusLabel: 'Planning',
      valueCompass: [],
      cyclesCompleted: 0,
      stale: true,
      daysSinceUpdate: 131,
      measuresWithData: 0,
      annotatedCharts: [],
      lastPoint: null,
    },
  ],
  ...overrides,
});

describe('evidence the app offers', () => {
  it('says plainly what it holds, favourable or not', () => {
    const offers = offerEvidence(facts());
    const text = (k: Parameters<typeof offers.get>[0]) => offers.get(k)!.text;
    expect(text('sponsors-named')).toBe('Only one sponsor is named on the team record: Odessa Kwan (management); no union sponsor.');
    expect(text('co-leads-named')).toBe('Co-leads named on the team record: Ben Okafor (management), Ana Torres (union).');
    expect(text('meeting-cadence')).toBe('2 team meetings recorded in Q4 2026: Oct 7, Nov 4.');
    expect(text('joint-agendas')).toBe('In Q4 2026, both co-leads presented agenda items at 1 of 2 meetings and both attended 2.');
    expect(text('consensus-decisions')).toBe('2 decisions reached by consensus in Q4 2026; consensus failed on 1.');
    expect(text('action-owners')).toBe('5 action items agreed in Q4 2026, owned by 3 different people.');
    expect(text('pdsa-cycles')).toBe('3 PDSA cycles completed (Fewer falls: 3).');
    expect(text('documented-90-days')).toBe('Not documented for over 90 days: Lunch cover (131 days).');
    expect(text('annotated-run-charts')).toBe('1 run chart annotated with test cycles or notes: Falls per 1,000 patient days (Fewer falls).');
    expect(text('value-compass')).toBe(
      'Projects cover 2 of 4 Value Compass points (Best quality, Best place to work); not covered: Best service, Most affordable.',
    );
    expect(text('measures-with-data')).toBe('2 measures with data, the latest point on Nov 16.');
    expect(text('charter')).toMatch(/purpose written, no scope written, 6 ground rules/);
  });

  it('says when there is nothing to offer', () => {
    const offers = offerEvidence(
      facts({
        sponsors: { management: null, union: null },
        coLeads: { management: null, union: null, physician: null },
        meetings: [],
        projects: [],
        actionItems: 0,
        consensusDecisions: 0,
        failedDecisions: 0,
      }),
    );
    expect(offers.get('sponsors-named')!.text).toBe('No sponsor is named on the team record.');
    expect(offers.get('co-leads-named')!.text).toBe('No co-lead is named on the team record.');
    expect(offers.get('meeting-cadence')!.text).toBe('No team meeting recorded in Q4 2026.');
    expect(offers.get('joint-agendas')!.text).toMatch(/^No team meeting recorded/);
    expect(offers.get('pdsa-cycles')!.text).toMatch(/^No improvement project/);
    expect(offers.get('annotated-run-charts')!.text).toBe('No run chart with a test cycle or note drawn on it.');
    expect(offers.get('action-owners')!.text).toBe('No action item recorded in Q4 2026.');
  });

  it('offers beside each criterion only the kinds that bear on it', () => {
    const offers = offerEvidence(facts());
    expect(offersFor(criterionById('use-of-tools.4.documented')!, offers).map((o) => o.kind)).toEqual(['documented-90-days']);
    expect(offersFor(criterionById('training.2.co-leads')!, offers)).toEqual([]);
  });
});
