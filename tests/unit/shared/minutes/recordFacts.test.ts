import { describe, expect, it } from 'vitest';
import { buildMinutesDocument } from '@shared/minutes/document';
import { factsFromBlocks, recordChanges, recordFacts } from '@shared/minutes/recordFacts';
import { makeMinutesSource } from '../../../fixtures/minutesSource';

describe('what an amendment changes, in plain words', () => {
  it('says a change of attendance, of a title and of a summary by what they are about', () => {
    const { source, people } = makeMinutesSource();
    const before = recordFacts(source);
    const wasAbsent = source.attendance.find((a) => a.personId && a.status === 'absent')!;
    const who = Object.values(people).find((p) => p.id === wasAbsent.personId)!.name;
    const item = source.agenda[0]!;
    const after = recordFacts({
      ...source,
      meeting: { ...source.meeting, title: 'Outpatient Pharmacy UBT December meeting' },
      attendance: source.attendance.map((a) => (a.id === wasAbsent.id ? { ...a, status: 'present' } : a)),
      summaries: { ...source.summaries, [item.id]: 'Agreed to test staggered lunches for six weeks.' },
    });
    const texts = recordChanges(before, after).map((c) => c.text);
    expect(texts).toContain(`Attendance: ${who} absent → present`);
    expect(texts).toContain('Meeting: Title “Outpatient Pharmacy UBT monthly meeting” → “Outpatient Pharmacy UBT December meeting”');
    expect(texts.find((t) => t.startsWith(`Agenda: ${item.title}, summary`))).toMatch(/→ “Agreed to test staggered lunches for six weeks.”$/);
    expect(texts).toHaveLength(3);
  });

  it('a renamed agenda item is one change, and items added or removed are named', () => {
    const { source } = makeMinutesSource();
    const [first, ...rest] = source.agenda;
    const renamed = { ...first!, title: 'Lunch coverage (revisited)' };
    const changes = recordChanges(recordFacts(source), recordFacts({ ...source, agenda: [renamed, ...rest.slice(1)] }));
    expect(changes.filter((c) => c.kind === 'changed' && c.field === 'title').map((c) => c.text)).toEqual([
      `Agenda: ${first!.title}, title “${first!.title}” → “Lunch coverage (revisited)”`,
    ]);
    if (rest[0]) expect(changes.some((c) => c.kind === 'removed' && c.subject === rest[0]!.title)).toBe(true);
  });

  it('the same record gives no changes, and facts read back from blocks find the same attendance change', () => {
    const { source } = makeMinutesSource();
    expect(recordChanges(recordFacts(source), recordFacts(source))).toEqual([]);
    const wasAbsent = source.attendance.find((a) => a.personId && a.status === 'absent')!;
    const amended = { ...source, attendance: source.attendance.map((a) => (a.id === wasAbsent.id ? { ...a, status: 'present' as const } : a)) };
    const changes = recordChanges(factsFromBlocks(buildMinutesDocument(source).blocks), factsFromBlocks(buildMinutesDocument(amended).blocks));
    const attendance = changes.filter((c) => c.section === 'Attendance').map((c) => c.text);
    expect(attendance[0]).toMatch(/^Attendance: Union, Present “…[^”]*” → “…[^”]*Omar Haddad[^”]*”$/);
    expect(attendance.join('\n')).toMatch(/5 of 6 members present.*→.*6 of 6 members present/);
    // Counting her present changed the tests' quorum too: said as the fields that changed, never as Markdown lines.
    expect(changes.map((c) => c.text).join('\n')).not.toMatch(/^[-+|#]/m);
  });
});
