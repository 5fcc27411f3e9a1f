/**
 * The record behind approved minutes is locked: every command that changes what the minutes were
 * generated from is refused until an amendment is started; follow-ups keep living; sign-offs carry
 * how they were given and are refused before the meeting's day.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { setClockRunningFrom } from '@shared/clock';
import { recordChanges } from '@shared/minutes/recordFacts';
import { minutesMarkdown } from '@shared/minutes/exports';
import type { Repositories } from '@renderer/db/repositories';
import { addActionItem, setActionItemStatus, updateActionItem } from '@renderer/features/actions/commands';
import { addInterest, castVote, parkTopic, setParkingLotStatus, startConsensusTest, startSession } from '@renderer/features/ibps/commands';
import { addAgendaItem, setAttendance, updateMeeting } from '@renderer/features/meetings/commands';
import { approveMinutes, finalizeIfComplete, startAmendment, versionId } from '@renderer/features/minutes/commands';
import { loadMinutes, minutesState } from '@renderer/features/minutes/queries';
import { RecordLockedError } from '@renderer/features/minutes/recordLock';
import { addMember } from '@renderer/features/roster/commands';
import { freshRepos } from '../../db/helpers';

let repos: Repositories;
afterEach(async () => {
  repos?.db.close();
  if (repos) await repos.db.delete();
});

const facilitator = { method: 'in-room' as const, recordedByName: 'Pat Okafor' };

async function approvedMeeting() {
  repos = freshRepos();
  const council = await repos.councils.create({ name: 'Local Council', level: 'local' });
  const ana = await repos.people.create({ name: 'Ana Torres', side: 'union' });
  const ben = await repos.people.create({ name: 'Ben Okafor', side: 'management' });
  const dra = await repos.people.create({ name: 'Dr. Álvarez', side: 'physician' });
  const team = await repos.teams.create({ councilId: council.id, name: 'Pharmacy UBT', managementCoLeadId: ben.id, unionCoLeadId: ana.id });
  for (const p of [ana, ben, dra]) await addMember(repos, p.id, 'team', team.id);
  const meeting = await repos.meetings.create({ bodyKind: 'team', bodyId: team.id, title: 'December UBT meeting', startsAt: '2026-12-08T09:00' });
  const item = await addAgendaItem(repos, { meetingId: meeting.id, title: 'Lunch coverage', type: 'ibps' });
  const session = await startSession(repos, meeting, item);
  await setAttendance(repos, meeting.id, dra.id, 'absent');
  const test = await startConsensusTest(repos, {
    sessionId: session.id,
    meetingId: meeting.id,
    method: 'fist-to-five',
    proposal: 'Stagger lunches',
    modifiedFromTestId: null,
  });
  const action = await addActionItem(repos, { bodyKind: 'team', bodyId: team.id, meetingId: meeting.id, what: 'Post the schedule' });
  const parked = await parkTopic(repos, { bodyKind: 'team', bodyId: team.id, meetingId: meeting.id, sessionId: null, text: 'Garage lighting' });
  return { team, meeting, item, session, test, action, parked, ana, ben, dra };
}

async function approveAll(meetingId: string, ana: { id: string }, ben: { id: string }) {
  const { liveHash } = minutesState((await loadMinutes(repos, meetingId))!);
  await approveMinutes(repos, {
    meetingId,
    side: 'union',
    personId: ana.id,
    role: 'Union co-lead',
    seenHash: liveHash,
    signOff: facilitator,
    enrolledAccount: null,
  });
  return approveMinutes(repos, {
    meetingId,
    side: 'management',
    personId: ben.id,
    role: 'Management co-lead',
    seenHash: liveHash,
    signOff: { method: 'email', recordedByName: 'Pat Okafor', evidenceNote: "Email of Dec 9, 14:02, subject 'Minutes OK'" },
    enrolledAccount: null,
  });
}

describe('sign-off with evidence', () => {
  it('refuses an approval before the day of the meeting, and says from when it can be given', async () => {
    setClockRunningFrom('2026-12-07T10:00:00');
    const { meeting, ana } = await approvedMeeting();
    const { liveHash } = minutesState((await loadMinutes(repos, meeting.id))!);
    await expect(
      approveMinutes(repos, {
        meetingId: meeting.id,
        side: 'union',
        personId: ana.id,
        role: '',
        seenHash: liveHash,
        signOff: facilitator,
        enrolledAccount: null,
      }),
    ).rejects.toThrow(/cannot be signed off before the day of the meeting \(Dec 8, 2026\)/);
    expect(await repos.db.minutesApprovals.count()).toBe(0);
  });

  it('an email approval names the email; an approval on one’s own laptop needs the laptop enrolled', async () => {
    setClockRunningFrom('2026-12-09T10:00:00');
    const { meeting, ana } = await approvedMeeting();
    const { liveHash } = minutesState((await loadMinutes(repos, meeting.id))!);
    const base = { meetingId: meeting.id, side: 'union' as const, personId: ana.id, role: '', seenHash: liveHash };
    await expect(approveMinutes(repos, { ...base, signOff: { method: 'email', recordedByName: 'Pat Okafor' }, enrolledAccount: null })).rejects.toThrow(
      /which email carries the approval/,
    );
    await expect(approveMinutes(repos, { ...base, signOff: { method: 'own-laptop', recordedByName: 'Ana Torres' }, enrolledAccount: null })).rejects.toThrow(
      /needs this laptop connected to the council server/,
    );
    const { approval } = await approveMinutes(repos, {
      ...base,
      signOff: { method: 'own-laptop', recordedByName: 'Ana Torres' },
      enrolledAccount: { name: 'Ana Torres' },
    });
    expect(approval).toMatchObject({ method: 'own-laptop', recordedById: ana.id });
    expect(approval.recordedByAccount ?? null).toBeNull(); // the council server stamps it when the approval syncs
  });

  it('the approved version and every export carry each side’s sign-off and how it was given', async () => {
    setClockRunningFrom('2026-12-09T10:00:00');
    const { meeting, ana, ben } = await approvedMeeting();
    const { version } = await approveAll(meeting.id, ana, ben);
    expect(version?.id).toBe(versionId(meeting.id, 1));
    expect(version?.approvals.map((a) => [a.side, a.method, a.recordedByName])).toEqual([
      ['management', 'email', 'Pat Okafor'],
      ['union', 'in-room', 'Pat Okafor'],
    ]);
    const state = minutesState((await loadMinutes(repos, meeting.id))!);
    const md = minutesMarkdown(state.document, state.approval);
    expect(md).toMatch(/Management \| Ben Okafor, Management co-lead \| By email \(Email of Dec 9, 14:02, subject 'Minutes OK'\), recorded by Pat Okafor \|/);
    expect(md).toMatch(/Union \| Ana Torres, Union co-lead \| In the room, recorded by Pat Okafor \|/);
  });

  it('approvals that arrive from another laptop are frozen into the same version once complete', async () => {
    setClockRunningFrom('2026-12-09T10:00:00');
    const { meeting, ana, ben } = await approvedMeeting();
    const { liveHash } = minutesState((await loadMinutes(repos, meeting.id))!);
    await approveMinutes(repos, {
      meetingId: meeting.id,
      side: 'union',
      personId: ana.id,
      role: '',
      seenHash: liveHash,
      signOff: facilitator,
      enrolledAccount: null,
    });
    // The management co-lead's approval as sync would bring it: written by their laptop, not here.
    await repos.minutesApprovals.create({
      meetingId: meeting.id,
      round: 1,
      side: 'management',
      personId: ben.id,
      name: 'Ben Okafor',
      role: 'Management co-lead',
      approvedAt: '2026-12-09T11:00:00.000Z',
      contentHash: liveHash,
      method: 'own-laptop',
      recordedByName: 'Ben Okafor',
      recordedById: ben.id,
    });
    const first = await finalizeIfComplete(repos, meeting.id);
    expect(first?.id).toBe(versionId(meeting.id, 1));
    expect(await finalizeIfComplete(repos, meeting.id)).toBeNull();
    expect(await repos.db.minutesVersions.count()).toBe(1);
  });
});

describe('the record behind approved minutes', () => {
  it('refuses every change to what the minutes were generated from, keeps follow-ups open, and opens for an amendment', async () => {
    setClockRunningFrom('2026-12-09T10:00:00');
    const { meeting, session, test, action, parked, ana, ben, dra } = await approvedMeeting();
    await approveAll(meeting.id, ana, ben);

    const refused = [
      updateMeeting(repos, meeting.id, { title: 'Stray title edit' }),
      setAttendance(repos, meeting.id, dra.id, 'present'),
      addAgendaItem(repos, { meetingId: meeting.id, title: 'Late item' }),
      addInterest(repos, session.id, { text: 'Fair rotation' }),
      castVote(repos, test.id, { personId: ana.id, side: 'union' }, 4),
      updateActionItem(repos, action.id, { what: 'Post it somewhere else' }),
    ];
    for (const attempt of refused) await expect(attempt).rejects.toBeInstanceOf(RecordLockedError);
    await expect(updateMeeting(repos, meeting.id, { title: 'x' })).rejects.toThrow(/approved on Dec 9, 2026: the record is locked/);
    expect((await repos.meetings.require(meeting.id)).title).toBe('December UBT meeting');

    // Follow-ups keep living after approval.
    expect((await setActionItemStatus(repos, action.id, 'done')).status).toBe('done');
    expect((await updateActionItem(repos, action.id, { ownerId: ben.id })).ownerId).toBe(ben.id);
    expect((await setParkingLotStatus(repos, parked.id, 'scheduled', meeting.id)).status).toBe('scheduled');

    // An amendment opens the record for that amendment only, and says what changed in plain words.
    await startAmendment(repos, meeting.id, 'Dr. Álvarez was there');
    await setAttendance(repos, meeting.id, dra.id, 'present');
    const state = minutesState((await loadMinutes(repos, meeting.id))!);
    const changes = recordChanges(state.previous!.facts!, state.liveFacts).map((c) => c.text);
    expect(changes).toContain('Attendance: Dr. Álvarez absent → present');
    expect(changes.some((c) => c.includes('title'))).toBe(false);
  });
});
