import { Parser } from 'commonmark';
import { describe, expect, it } from 'vitest';
import { plainText, type Block } from '@shared/minutes/blocks';
import { buildMinutesDocument } from '@shared/minutes/document';
import { escapeMarkdown, renderBlocksMarkdown } from '@shared/minutes/markdown';
import { escapeHtml, renderMinutesHtml } from '@shared/minutes/html';
import { renderMinutesActionItemsCsv } from '@shared/minutes/csv';
import Papa from 'papaparse';
import { makeMinutesSource } from '../../../fixtures/minutesSource';

const headings = (blocks: Block[], level?: number) =>
  blocks.filter((b) => b.kind === 'heading' && (!level || b.level === level)).map((b) => (b.kind === 'heading' ? b.text : ''));
const allText = (blocks: Block[]) =>
  blocks
    .map((b) => {
      switch (b.kind) {
        case 'heading':
          return b.text;
        case 'paragraph':
          return plainText(b.content);
        case 'fields':
          return b.rows.map(([l, v]) => `${l}: ${v}`).join('\n');
        case 'list':
          return b.items.map(plainText).join('\n');
        case 'table':
          return [b.header, ...b.rows].map((r) => r.join(' | ')).join('\n');
      }
    })
    .join('\n');

/** Headings of a Markdown text as a CommonMark parser sees them: [level, text]. */
function markdownHeadings(md: string): Array<[number, string]> {
  const walker = new Parser().parse(md).walker();
  const out: Array<[number, string]> = [];
  let event;
  let current: [number, string] | null = null;
  while ((event = walker.next())) {
    const { node, entering } = event;
    if (node.type === 'heading') {
      if (entering) current = [node.level, ''];
      else if (current) {
        out.push(current);
        current = null;
      }
    } else if (current && node.literal && entering) current[1] += node.literal;
  }
  return out;
}

describe('buildMinutesDocument', () => {
  it('has the header, roles, attendance by side with quorum, agenda outcomes, the IBPS record, action items and what comes next', () => {
    const { source, decisionText } = makeMinutesSource();
    const doc = buildMinutesDocument(source);
    expect(doc.title).toBe('Minutes: Outpatient Pharmacy UBT monthly meeting');
    expect(doc.fileStem).toBe('2026-03-14 Outpatient Pharmacy UBT monthly meeting');
    expect(headings(doc.blocks, 2)).toEqual([
      'Roles',
      'Attendance',
      'Agenda items',
      'Action items',
      'Parking lot',
      'Meeting evaluation (plus/delta)',
      'Next meeting',
    ]);
    expect(headings(doc.blocks, 3)).toEqual(['1. Review last month’s action items', '2. Pickup window wait times', '3. Holiday coverage schedule']);
    expect(headings(doc.blocks, 4)).toEqual(['Issue statement', 'Interests', 'Options', 'Criteria', 'Evaluation', 'Consensus', 'Decision']);
    const text = allText(doc.blocks);
    expect(text).toContain('When: Saturday, March 14, 2026, 9:30 AM to 12:30 PM');
    expect(text).toContain('Facilitator: Lena Kowalski');
    // Attendance by side, union members with union and local, the absent member, the guest.
    expect(text).toContain('Union | Devon Achebe (SEIU-UHW, Local 250); James Whitfield (UNAC/UHCP, Local 7600) | Omar Haddad (SEIU-UHW, Local 250)');
    expect(text).toContain('Guests: Sam Ortiz (IT analyst)');
    expect(text).toContain('Quorum was met: 5 of 6 members present (4 needed)');
    // Shared interests are marked; a position is listed apart.
    expect(text).toContain('Shared interests (all sides)\nPatients get their medicine without waiting more than 15 minutes');
    expect(text).toContain('Positions still to be explored\nWe need two more techs');
    expect(text).toContain('Text patients when the order is ready (shortlisted) (merged with: SMS alerts when ready)');
    expect(text).toContain('Agreed by the group before options were evaluated.');
    // Both consensus tests, the breakdown by side, the concern and the modified proposal.
    expect(text).toContain('Test 1: Text patients when ready and add a second window');
    expect(text).toContain('Test 2 (modifies test 1): Text patients when ready; pilot a second window for 6 weeks');
    expect(text).toContain('James Whitfield: A permanent second window pulls a tech off the fill line');
    expect(text).toMatch(/Union \| 0 \| 1 \| 0 \| 1 \| 0 \| 0/); // test 1: one union 4, one union 2 (columns 5,4,3,2,1,fist)
    expect(text).toContain(decisionText);
    expect(text).toContain('Information shared: All three items from February are done.');
    expect(text).toContain('Decision: Holiday schedule approved as posted.');
    expect(text).toContain('Set up the pickup text message with IT | Maria Okafor | Apr 1, 2026 | Open');
    expect(text).toContain('=Collect wait-time data daily | Unassigned |  | Open');
    expect(doc.actionItems).toHaveLength(3);
  });

  it('leaves out what was not captured instead of printing empty headings', () => {
    const { source } = makeMinutesSource();
    const bare = buildMinutesDocument({
      ...source,
      meeting: { ...source.meeting, location: '', objective: '', facilitatorId: null, recorderId: null, timekeeperId: null },
      agenda: [],
      attendance: [],
      sessions: {},
      actionItems: [],
      parkingLot: [],
      plusDeltas: [],
      nextMeeting: null,
    });
    expect(headings(bare.blocks)).toEqual(['Minutes: Outpatient Pharmacy UBT monthly meeting']);
    expect(allText(bare.blocks)).not.toContain('Where:');
  });

  it('records a failed consensus with where it was escalated, and dissent', () => {
    const { source } = makeMinutesSource();
    const ibpsItem = Object.values(source.sessions)[0]!;
    const failed = {
      ...ibpsItem.decisions[0]!,
      outcome: 'failed' as const,
      escalatedTo: 'sponsors' as const,
      dissent: 'Union side wants staffing reviewed first',
    };
    const doc = buildMinutesDocument({ ...source, sessions: { [source.agenda[1]!.id]: { ...ibpsItem, decisions: [failed] } } });
    const text = allText(doc.blocks);
    expect(headings(doc.blocks, 4)).toContain('Consensus not reached');
    expect(text).toContain('Escalated: Escalate to the sponsors');
    expect(text).toContain('Dissent recorded: Union side wants staffing reviewed first');
  });

  it('handles a very long session (300+ captured items) and every item reaches the document', () => {
    const { source } = makeMinutesSource({ scale: 30 });
    const doc = buildMinutesDocument(source);
    const text = allText(doc.blocks);
    expect(text).toContain('Staff take their breaks on time (30)');
    expect(text).toContain('Pre-fill refills the night before (30)');
    const md = renderBlocksMarkdown(doc.blocks);
    expect(md.length).toBeGreaterThan(20_000);
    expect(
      markdownHeadings(md)
        .filter(([l]) => l === 4)
        .map(([, t]) => t),
    ).toEqual(['Issue statement', 'Interests', 'Options', 'Criteria', 'Evaluation', 'Consensus', 'Decision']);
  });
});

describe('Markdown rendering', () => {
  it('parses with CommonMark into the expected headings', () => {
    const { source } = makeMinutesSource();
    const md = renderBlocksMarkdown(buildMinutesDocument(source).blocks);
    const hs = markdownHeadings(md);
    expect(hs[0]).toEqual([1, 'Minutes: Outpatient Pharmacy UBT monthly meeting']);
    expect(hs.filter(([l]) => l === 2).map(([, t]) => t)).toEqual([
      'Roles',
      'Attendance',
      'Agenda items',
      'Action items',
      'Parking lot',
      'Meeting evaluation (plus/delta)',
      'Next meeting',
    ]);
    expect(hs.filter(([l]) => l === 3).map(([, t]) => t)).toEqual([
      '1. Review last month’s action items',
      '2. Pickup window wait times',
      '3. Holiday coverage schedule',
    ]);
  });

  it('escapes markdown in typed text so it reads back literally', () => {
    const nasty = [
      '# not a heading',
      '*not emphasis* and _neither_',
      '[link](http://example.test) <b>html</b> & co',
      '1. not a list',
      '- nor this',
      '| not | a table |',
      '`code` \\ backslash ~~strike~~',
      '    four spaces',
    ];
    const md = renderBlocksMarkdown(nasty.map((t) => ({ kind: 'paragraph', content: [t] }) as Block));
    const doc = new Parser().parse(md);
    const walker = doc.walker();
    const types = new Set<string>();
    const texts: string[] = [];
    let e;
    while ((e = walker.next())) {
      if (e.entering) types.add(e.node.type);
      if (e.entering && e.node.type === 'text') texts.push(e.node.literal ?? '');
    }
    expect([...types].sort()).toEqual(['document', 'paragraph', 'text']);
    expect(texts.join('')).toContain('# not a heading');
    expect(texts.join('')).toContain('[link](http://example.test) <b>html</b> & co');
    expect(texts.join('')).toContain('`code` \\ backslash ~~strike~~');
    expect(texts.join('')).toContain('four spaces');
    expect(escapeMarkdown('a|b')).toBe('a\\|b');
  });

  it('keeps the spaces between runs and puts emphasis markers around the words only', () => {
    expect(
      renderBlocksMarkdown([
        { kind: 'paragraph', content: [{ text: 'Approved', bold: true }, ' (version 2)', { text: ' (shortlisted) ', italic: true }, 'end'] },
      ]),
    ).toBe('**Approved** (version 2) *(shortlisted)* end\n');
    // A run that starts a line with a list marker is escaped; one in the middle of a line is not.
    expect(renderBlocksMarkdown([{ kind: 'paragraph', content: ['- first', ' - second'] }])).toBe('\\- first - second\n');
  });

  it('keeps table cells on one line and escapes pipes inside them', () => {
    const md = renderBlocksMarkdown([{ kind: 'table', header: ['What', 'Owner'], rows: [['Fix A | B\nthen C', 'Sam']] }]);
    const doc = new Parser().parse(md);
    // CommonMark core has no tables: the whole table is one paragraph, with the pipe kept escaped.
    expect(md).toContain('| Fix A \\| B then C | Sam |');
    expect(doc.firstChild?.type).toBe('paragraph');
  });
});

describe('HTML rendering', () => {
  it('escapes typed text and is a self-contained page with no scripts', () => {
    const html = renderMinutesHtml({
      title: 'A <title> & "quotes"',
      status: 'draft',
      blocks: [
        { kind: 'paragraph', content: ['<script>alert(1)</script> & <img src=x onerror=alert(1)>'] },
        { kind: 'table', header: ['<th>'], rows: [['a\nb']] },
      ],
    });
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('<title>A &lt;title&gt; &amp; &quot;quotes&quot;</title>');
    expect(html).toContain('<td>a<br>b</td>');
    expect(html).toContain("default-src 'none'");
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).toContain('Draft minutes: not yet approved');
    expect(escapeHtml(`'`)).toBe('&#39;');
  });
});

describe('action items CSV', () => {
  it('round-trips through a CSV parser with quoting, and neutralizes formulas', () => {
    const { source } = makeMinutesSource();
    const doc = buildMinutesDocument(source);
    const csv = renderMinutesActionItemsCsv([
      ...doc.actionItems,
      // A row as versions approved before the newer columns stored it: its meeting was "agreed in".
      { what: 'Order "quiet" signs, chairs\nand mats', owner: 'Maria Okafor', due: '2026-04-02', status: 'Open', agreedIn: 'x' },
    ]);
    expect(csv.startsWith('\ufeff')).toBe(true);
    const parsed = Papa.parse<string[]>(csv.slice(1).trim(), { skipEmptyLines: true }).data;
    expect(parsed[0]).toEqual(['What', 'Owner', 'Owner side', 'Due', 'Status', 'How we will know it worked', 'Meeting date', 'Meeting', 'Council or team']);
    expect(parsed[1]).toEqual([
      'Set up the pickup text message with IT',
      'Maria Okafor',
      'Management',
      '2026-04-01',
      'Open',
      '',
      '2026-03-14',
      'Outpatient Pharmacy UBT monthly meeting',
      'Outpatient Pharmacy UBT',
    ]);
    // Unassigned: no owner side.
    expect(parsed[3]!.slice(0, 3)).toEqual(["'=Collect wait-time data daily", 'Unassigned', '']);
    expect(parsed[4]).toEqual(['Order "quiet" signs, chairs\nand mats', 'Maria Okafor', '', '2026-04-02', 'Open', '', '', 'x', '']);
  });
});
