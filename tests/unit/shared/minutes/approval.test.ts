import { describe, expect, it } from 'vitest';
import { approvalBlocks, approvalState, approverProblem, contentHash, requiredSides, type ApprovalLike } from '@shared/minutes/approval';
import { plainText } from '@shared/minutes/blocks';

const team = { kind: 'team' as const, managementCoLeadId: 'm1', unionCoLeadId: 'u1', physicianCoLeadId: null };
const teamWithPhysician = { ...team, physicianCoLeadId: 'p1' };
const council = { kind: 'council' as const };
const approval = (side: ApprovalLike['side'], hash: string, at: string, round = 1): ApprovalLike => ({
  side,
  name: `${side} lead`,
  role: '',
  approvedAt: at,
  contentHash: hash,
  round,
  personId: null,
});

describe('joint approval rules', () => {
  it('needs management and union, plus the physician co-lead where the team has one', () => {
    expect(requiredSides(team)).toEqual(['management', 'union']);
    expect(requiredSides(teamWithPhysician)).toEqual(['management', 'union', 'physician']);
    expect(requiredSides(council)).toEqual(['management', 'union']);
  });

  it('is complete only when every required side approved this exact text in this round', () => {
    const h = contentHash('minutes v1');
    const one = approvalState({ body: team, round: 1, contentHash: h, approvals: [approval('management', h, '2026-03-15T10:00:00.000Z')] });
    expect(one.complete).toBe(false);
    expect(one.missing).toEqual(['union']);
    const both = approvalState({
      body: team,
      round: 1,
      contentHash: h,
      approvals: [approval('management', h, '2026-03-15T10:00:00.000Z'), approval('union', h, '2026-03-15T11:00:00.000Z')],
    });
    expect(both.complete).toBe(true);
    const physicianMissing = approvalState({
      body: teamWithPhysician,
      round: 1,
      contentHash: h,
      approvals: [approval('management', h, '2026-03-15T10:00:00.000Z'), approval('union', h, '2026-03-15T11:00:00.000Z')],
    });
    expect(physicianMissing.missing).toEqual(['physician']);
  });

  it('an edit after one side approved makes that approval stale, not silently carried over', () => {
    const before = contentHash('minutes v1');
    const after = contentHash('minutes v1, corrected');
    expect(before).not.toBe(after);
    const state = approvalState({
      body: team,
      round: 1,
      contentHash: after,
      approvals: [approval('management', before, '2026-03-15T10:00:00.000Z'), approval('union', after, '2026-03-15T11:00:00.000Z')],
    });
    expect(state.complete).toBe(false);
    expect(state.missing).toEqual(['management']);
    expect(state.sides[0]!.stale?.contentHash).toBe(before);
  });

  it('approvals of an earlier round do not count for an amendment', () => {
    const h = contentHash('same text');
    const state = approvalState({
      body: team,
      round: 2,
      contentHash: h,
      approvals: [approval('management', h, '2026-03-15T10:00:00.000Z', 1), approval('union', h, '2026-03-15T11:00:00.000Z', 1)],
    });
    expect(state.complete).toBe(false);
    expect(state.missing).toEqual(['management', 'union']);
  });

  it("only a team's named co-lead approves for their side; councils accept a member of that side", () => {
    const members = [{ id: 'm1' }, { id: 'm2' }, { id: 'u1' }];
    expect(approverProblem(team, 'management', { id: 'm1', side: 'management', name: 'Maria' }, members)).toBeNull();
    expect(approverProblem(team, 'management', { id: 'm2', side: 'management', name: 'Lena' }, members)).toMatch(/Only the team's management co-lead/);
    expect(approverProblem(team, 'physician', { id: 'p1', side: 'physician', name: 'Priya' }, members)).toMatch(/no physician co-lead/);
    expect(approverProblem(council, 'union', { id: 'u1', side: 'union', name: 'James' }, members)).toBeNull();
    expect(approverProblem(council, 'union', { id: 'm2', side: 'management', name: 'Lena' }, members)).toMatch(/Lena is on the management side/);
    expect(approverProblem(council, 'union', { id: 'u9', side: 'union', name: 'Visitor' }, members)).toMatch(/not a member/);
    expect(approverProblem(council, 'union', null, members)).toBe('Choose who is approving.');
  });

  it('prints the approval section: draft, approved with names, amendments with reasons', () => {
    const text = (blocks: ReturnType<typeof approvalBlocks>) =>
      blocks
        .map((b) =>
          b.kind === 'paragraph'
            ? plainText(b.content)
            : b.kind === 'table'
              ? b.rows.map((r) => r.join(' | ')).join('\n')
              : b.kind === 'list'
                ? b.items.map(plainText).join('\n')
                : '',
        )
        .join('\n');
    expect(text(approvalBlocks({ status: 'draft', version: 1, approvals: [], history: [], amendmentReason: '' }))).toContain(
      'Draft: not yet approved by both co-leads.',
    );
    const approved = text(
      approvalBlocks({
        status: 'approved',
        version: 2,
        approvals: [{ side: 'union', name: 'James Whitfield', role: 'Union co-lead', approvedAt: '2026-03-20T17:00:00.000Z' }],
        history: [{ number: 1, approvedAt: '2026-03-15T17:00:00.000Z', amendmentReason: '' }],
        amendmentReason: 'Corrected the due date of the IT action item',
      }),
    );
    expect(approved).toContain('Approved (version 2, amendment 1)');
    expect(approved).toContain('Union | James Whitfield, Union co-lead');
    expect(approved).toContain('Reason for amendment: Corrected the due date of the IT action item');
    expect(approved).toContain('Version 1 approved Mar 15, 2026');
  });

  it('hashes are stable and differ for different text', () => {
    expect(contentHash('abc')).toBe(contentHash('abc'));
    expect(contentHash('abc')).toMatch(/^[0-9a-f]{16}$/);
    expect(new Set(Array.from({ length: 1000 }, (_, i) => contentHash(`minutes ${i}`))).size).toBe(1000);
  });
});
