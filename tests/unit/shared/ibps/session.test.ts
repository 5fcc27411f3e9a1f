import { describe, expect, it } from 'vitest';
import { sessionCloseProblem } from '@shared/ibps/session';

describe('a session is done only with a decision or a recorded escalation', () => {
  it('is refused with nothing decided', () => {
    expect(sessionCloseProblem([])).toMatch(/Record the decision, or that consensus failed and where it goes/);
  });

  it('is refused when consensus failed but where it goes is not settled', () => {
    expect(sessionCloseProblem([{ outcome: 'failed', escalatedTo: null }])).toMatch(/sponsors, council or dispute resolution/);
  });

  it('closes with a decision by consensus, or a failure escalated where the charter says', () => {
    expect(sessionCloseProblem([{ outcome: 'consensus', escalatedTo: null }])).toBeNull();
    expect(sessionCloseProblem([{ outcome: 'failed', escalatedTo: 'sponsors' }])).toBeNull();
    expect(
      sessionCloseProblem([
        { outcome: 'failed', escalatedTo: null },
        { outcome: 'failed', escalatedTo: 'council' },
      ]),
    ).toBeNull();
  });
});
