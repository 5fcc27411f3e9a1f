import { describe, expect, it } from 'vitest';
import { describeSignOff, signOffProblem, type SignOffRequest } from '@shared/signoff/rules';

const base: SignOffRequest = {
  method: 'in-room',
  recordedByName: 'Pat Okafor',
  recordedById: null,
  evidenceNote: '',
  approverId: 'ana',
  today: '2026-12-09',
  earliest: '2026-12-08',
  earliestLabel: 'the day of the meeting (Dec 8, 2026)',
  enrolledAccount: null,
};

describe('sign-off rules', () => {
  it('refuses a sign-off before the earliest day, and takes one on that day', () => {
    expect(signOffProblem({ ...base, today: '2026-12-07' })?.message).toBe('This cannot be signed off before the day of the meeting (Dec 8, 2026).');
    expect(signOffProblem({ ...base, today: '2026-12-08' })).toBeNull();
  });

  it('needs who recorded it, the email for an email approval, and an enrolled laptop for one’s own', () => {
    expect(signOffProblem({ ...base, recordedByName: '  ' })?.field).toBe('recordedByName');
    expect(signOffProblem({ ...base, method: 'email', evidenceNote: 'ok' })?.field).toBe('evidenceNote');
    expect(signOffProblem({ ...base, method: 'email', evidenceNote: 'Email of Dec 9 from Ana' })).toBeNull();
    expect(signOffProblem({ ...base, method: 'own-laptop' })?.message).toMatch(/connected to the council server/);
    expect(signOffProblem({ ...base, method: 'own-laptop', enrolledAccount: { name: 'Ana' }, recordedById: 'pat' })?.message).toMatch(/records their own/);
    expect(signOffProblem({ ...base, method: 'own-laptop', enrolledAccount: { name: 'Ana' }, recordedById: 'ana' })).toBeNull();
  });

  it('describes each way of giving it, with the server’s account stamp when it arrived', () => {
    expect(describeSignOff({ method: 'in-room', recordedByName: 'Pat Okafor' })).toBe('In the room, recorded by Pat Okafor');
    expect(describeSignOff({ method: 'email', recordedByName: 'Pat Okafor', evidenceNote: 'Email of Dec 9' })).toBe(
      'By email (Email of Dec 9), recorded by Pat Okafor',
    );
    expect(describeSignOff({ method: 'own-laptop', recordedByName: 'Ana Torres' })).toBe(
      'On their own laptop, the council server has not confirmed the account yet',
    );
    expect(describeSignOff({ method: 'own-laptop', recordedByAccount: { id: '0190f0a0-0000-7000-8000-000000000001', name: 'Ana Torres' } })).toBe(
      'On their own laptop, sent from the account Ana Torres, as the council server recorded',
    );
    expect(describeSignOff({})).toMatch(/before the app kept/);
  });
});
