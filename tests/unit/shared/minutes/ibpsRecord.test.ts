/**
 * What the minutes keep of how the group got there: earlier wordings of the issue, positions the
 * facilitator turned into interests, how the team will know an action worked, and a Word file
 * whose headings and lead-ins never end a page apart from what they introduce.
 */
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import * as ibps from '@shared/model/ibps';
import { plainText, type Block } from '@shared/minutes/blocks';
import { buildMinutesDocument } from '@shared/minutes/document';
import { minutesDocx, minutesMarkdown } from '@shared/minutes/exports';
import { makeMinutesSource } from '../../../fixtures/minutesSource';

const draft = { status: 'draft' as const, version: 1, approvals: [], history: [], amendmentReason: '' };

function sourceWithHistory() {
  const fixture = makeMinutesSource();
  const { source } = fixture;
  const [itemId, session] = Object.entries(source.sessions)[0]!;
  const rev = (minute: number, text: string) =>
    ibps.IssueStatementRevision.parse({
      id: `0190a000-0000-7000-8000-0000000000${minute}`,
      createdAt: `2026-03-14T09:${minute}:00.000Z`,
      updatedAt: `2026-03-14T09:${minute}:00.000Z`,
      sessionId: session.session.id,
      text,
    });
  const revisions = [rev(40, 'Management must hire two more techs'), rev(45, 'How can we staff the window at lunch?'), ...session.revisions];
  const interests = session.interests.map((i, n) =>
    n === 1 ? { ...i, text: 'Coverage at the window while techs are at lunch', convertedFromPosition: 'Hire a float tech' } : i,
  );
  const actionItems = source.actionItems.map((a, n) => (n === 0 ? { ...a, measure: 'Median wait under 15 minutes for 4 weeks' } : a));
  return { ...fixture, source: { ...source, sessions: { [itemId]: { ...session, revisions, interests } }, actionItems } };
}

const textOf = (blocks: Block[]) =>
  blocks
    .map((b) =>
      b.kind === 'paragraph'
        ? plainText(b.content)
        : b.kind === 'list'
          ? b.items.map(plainText).join('\n')
          : b.kind === 'table'
            ? [b.header, ...b.rows].map((r) => r.join(' | ')).join('\n')
            : b.kind === 'heading'
              ? b.text
              : '',
    )
    .join('\n');

describe('the IBPS record in the minutes', () => {
  it('keeps earlier wordings of the issue, oldest first, after the statement agreed', () => {
    const doc = buildMinutesDocument(sourceWithHistory().source);
    const text = textOf(doc.blocks);
    const at = (s: string) => text.indexOf(s);
    expect(at('Earlier wordings')).toBeGreaterThan(at('How might we shorten waits at the pickup window'));
    expect(at('Management must hire two more techs')).toBeGreaterThan(at('Earlier wordings'));
    expect(at('How can we staff the window at lunch?')).toBeGreaterThan(at('Management must hire two more techs'));
  });

  it('shows each position turned into an interest, beside the interest and in its own list', () => {
    const md = minutesMarkdown(buildMinutesDocument(sourceWithHistory().source), draft);
    expect(md).toContain('Coverage at the window while techs are at lunch *(from the position “Hire a float tech”)*');
    expect(md).toMatch(/\*\*Positions turned into interests\*\*\n\n- “Hire a float tech” \*→\* Coverage at the window while techs are at lunch/);
  });

  it('says nothing about history a session does not have', () => {
    const text = textOf(buildMinutesDocument(makeMinutesSource().source).blocks);
    expect(text).not.toContain('Earlier wordings');
    expect(text).not.toContain('Positions turned into interests');
    expect(text).not.toContain('How we will know it worked');
  });

  it('adds how the team will know an action worked, to the table and to the CSV', () => {
    const doc = buildMinutesDocument(sourceWithHistory().source);
    const table = doc.blocks.find((b): b is Extract<Block, { kind: 'table' }> => b.kind === 'table' && b.header[0] === 'What')!;
    expect(table.header).toEqual(['What', 'Owner', 'Due', 'Status', 'How we will know it worked']);
    expect(table.rows[0]![4]).toBe('Median wait under 15 minutes for 4 weeks');
    expect(table.rows[1]![4]).toBe('');
    expect(doc.actionItems[0]).toMatchObject({
      measure: 'Median wait under 15 minutes for 4 weeks',
      ownerSide: 'Management',
      meetingDate: '2026-03-14',
      body: 'Outpatient Pharmacy UBT',
    });
  });
});

describe('Word keeps headings and lead-ins with what follows', () => {
  it('sets keep-with-next on every heading, every lead-in and the header row of each table', async () => {
    const doc = buildMinutesDocument(sourceWithHistory().source);
    const xml = strFromU8(unzipSync(await minutesDocx(doc, draft))['word/document.xml']!);
    const paragraphs = xml.split('<w:p>').slice(1);
    const withText = (needle: string) => paragraphs.find((p) => p.includes(`>${needle}<`));
    for (const heading of ['Attendance', 'Agenda items', 'Issue statement', 'Interests', 'Consensus', 'Action items']) {
      expect(withText(heading), heading).toMatch(/<w:keepNext\/>/);
    }
    for (const leadIn of ['Earlier wordings', 'Shared interests (all sides)', 'Positions turned into interests', 'Concerns']) {
      expect(withText(leadIn), leadIn).toMatch(/<w:keepNext\/>/);
    }
    // Ordinary paragraphs and list items flow freely.
    expect(withText('How can we staff the window at lunch?')).not.toMatch(/<w:keepNext\/>/);
    // Each table's header row stays with its first row.
    const rows = xml.split('<w:tr>').slice(1);
    const headerRows = rows.filter((r) => r.includes('<w:tblHeader'));
    expect(headerRows.length).toBeGreaterThan(3);
    for (const r of headerRows) expect(r).toMatch(/<w:keepNext\/>/);
  });
});
