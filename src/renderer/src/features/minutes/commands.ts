import type { Minutes, MinutesApproval, MinutesVersion } from '@shared/model/minutes';
import { approvalState, approverProblem, coLeadOf, requiredSides, type ApprovalBody } from '@shared/minutes/approval';
import { buildMinutesDocument } from '@shared/minutes/document';
import { documentHash } from '@shared/minutes/exports';
import { renderBlocksMarkdown } from '@shared/minutes/markdown';
import type { Side } from '@shared/model';
import { ValidationError } from '../../db/errors';
import type { Repositories } from '../../db/repositories';
import { v5 as uuidv5 } from 'uuid';
import { nowIso, today } from '@shared/clock';
import { SignOffInput, type SignOffMethod } from '@shared/model/signoff';
import type { z } from 'zod';
import { formatDate } from '@shared/minutes/document';
import { recordFacts } from '@shared/minutes/recordFacts';
import { signOffProblem } from '@shared/signoff/rules';
import { loadMinutes, minutesTables } from './queries';
import { refuse, refusalProblem, type MinutesRefusal } from './refusals';

const locked = () => refuse('', { code: 'locked' });

/**
 * Why this person cannot approve for this side, as a refusal a screen can say in its language:
 * the same checks, in the same order, as the shared approverProblem (which words them in English).
 */
function approverRefusal(
  body: ApprovalBody,
  side: Side,
  person: { id: string; side: Side; name: string } | null,
  members: ReadonlyArray<{ id: string }>,
): MinutesRefusal | null {
  if (!approverProblem(body, side, person, members)) return null;
  if (!requiredSides(body).includes(side)) return { code: 'noSide', body: body.kind, side };
  if (!person) return { code: 'chooseApprover' };
  if (body.kind === 'team' && coLeadOf(body, side)) return { code: 'onlyCoLead', side };
  if (person.side !== side) return { code: 'wrongSide', name: person.name, side, personSide: person.side };
  return { code: 'notMember', name: person.name, body: body.kind };
}

/** A sign-off problem (shared rules, worded in English there) as a refusal with its meaning. */
function signOffRefusal(field: string, method: SignOffMethod, meetingDay: string, enrolled: boolean): MinutesRefusal {
  switch (field) {
    case 'approvedAt':
      return { code: 'beforeMeeting', date: meetingDay };
    case 'recordedByName':
      return { code: 'recordedByMissing' };
    case 'evidenceNote':
      return { code: 'emailEvidence' };
    default:
      return method === 'own-laptop' && !enrolled ? { code: 'ownLaptopNeedsServer' } : { code: 'ownLaptopSelf' };
  }
}

/** The sign-off form's schema problems: the recorder's name has known words; others keep the schema's. */
function signOffInputError(error: z.ZodError): ValidationError {
  return new ValidationError(
    error.issues.map((i) => {
      const path = i.path.join('.');
      if (path === 'recordedByName' && i.code === 'too_small') return refusalProblem(path, { code: 'recordedByRequired' });
      if (path === 'recordedByName' && i.code === 'too_big') return refusalProblem(path, { code: 'recordedByTooLong', max: Number(i.maximum) });
      return { path, message: i.message };
    }),
  );
}

async function ensureMinutesRow(repos: Repositories, meetingId: string): Promise<Minutes> {
  return (await repos.minutes.get(meetingId)) ?? repos.minutes.create({ meetingId }, { id: meetingId });
}

/** The recorder's summary of an agenda item; refused while the minutes are approved. */
export async function saveSummary(repos: Repositories, meetingId: string, agendaItemId: string, text: string) {
  const { db } = repos;
  return db.transaction('rw', [db.minutes, db.minutesSummaries], async () => {
    const minutes = await ensureMinutesRow(repos, meetingId);
    if (minutes.status === 'approved') throw locked();
    const rows = await db.minutesSummaries.where('[meetingId+agendaItemId]').equals([meetingId, agendaItemId]).toArray();
    const newest = rows.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0];
    return newest ? repos.minutesSummaries.update(newest.id, { text }) : repos.minutesSummaries.create({ meetingId, agendaItemId, text });
  });
}

export interface ApproveInput {
  meetingId: string;
  side: Side;
  personId: string;
  role: string;
  /** The hash of the minutes the approver read: if they changed meanwhile, nothing is approved. */
  seenHash: string;
  /** How the approval was given and who records it. */
  signOff: SignOffInput;
  /** The account this laptop is enrolled with on the council server (needed to approve on one's own laptop). */
  enrolledAccount: { name: string } | null;
}

/**
 * Record one co-lead's approval of the minutes as they read them. When the last required side
 * approves, the minutes are frozen as a new version in the same transaction.
 */
export async function approveMinutes(repos: Repositories, input: ApproveInput): Promise<{ approval: MinutesApproval; version: MinutesVersion | null }> {
  const { db } = repos;
  return db.transaction('rw', minutesTables(repos), async () => {
    const loaded = await loadMinutes(repos, input.meetingId);
    if (!loaded) throw refuse('', { code: 'meetingGone' });
    const minutes = await ensureMinutesRow(repos, input.meetingId);
    if (minutes.status === 'approved') throw locked();
    const doc = buildMinutesDocument(loaded.source);
    const hash = documentHash(doc);
    if (hash !== input.seenHash) {
      throw refuse('', { code: 'changed' });
    }
    const person = loaded.people.find((p) => p.id === input.personId) ?? (await repos.people.get(input.personId)) ?? null;
    const problem = approverRefusal(loaded.approvalBody, input.side, person, loaded.members);
    if (problem) throw refuse('personId', problem);
    const signOff = SignOffInput.safeParse(input.signOff);
    if (!signOff.success) throw signOffInputError(signOff.error);
    const meetingDay = loaded.meeting.startsAt.slice(0, 10);
    const refused = signOffProblem({
      ...signOff.data,
      approverId: person!.id,
      today: today(),
      earliest: meetingDay,
      earliestLabel: `the day of the meeting (${formatDate(meetingDay)})`,
      enrolledAccount: input.enrolledAccount,
    });
    if (refused) throw refuse(refused.field, signOffRefusal(refused.field, signOff.data.method, meetingDay, input.enrolledAccount !== null));
    const approval = await repos.minutesApprovals.create({
      meetingId: input.meetingId,
      round: minutes.round,
      side: input.side,
      personId: person!.id,
      name: person!.name,
      role: input.role,
      approvedAt: nowIso(),
      contentHash: hash,
      ...signOff.data,
      // On their own laptop the co-lead records it; the server's account stamp says it was them.
      recordedById: signOff.data.method === 'own-laptop' ? person!.id : signOff.data.recordedById,
    });
    const version = await finalizeIfComplete(repos, input.meetingId);
    return { approval, version };
  });
}

/**
 * Freeze the minutes as an approved version once every required side has approved the exact text
 * now on record. Run after each approval here and when approvals arrive by sync (the minutes page
 * calls it): the last approval may have been recorded on another laptop. The version's id and
 * content follow from the meeting, the round and the approvals alone, so two laptops that both
 * finalize write the same row, not two versions.
 */
export async function finalizeIfComplete(repos: Repositories, meetingId: string): Promise<MinutesVersion | null> {
  const { db } = repos;
  return db.transaction('rw', minutesTables(repos), async () => {
    const loaded = await loadMinutes(repos, meetingId);
    const minutes = await repos.minutes.get(meetingId);
    if (!loaded || !minutes || minutes.status === 'approved') return null;
    const doc = buildMinutesDocument(loaded.source);
    const hash = documentHash(doc);
    const state = approvalState({ body: loaded.approvalBody, round: minutes.round, contentHash: hash, approvals: loaded.approvals });
    if (!state.complete) return null;
    const approvals = state.sides.map((s) => s.approval!);
    const signatures = approvals.map((a) => ({
      side: a.side,
      name: a.name,
      role: a.role,
      approvedAt: a.approvedAt,
      method: a.method,
      recordedByName: a.recordedByName,
      evidenceNote: a.evidenceNote,
      // Not the server's account stamp: it reaches laptops at different times, and every laptop
      // must freeze the same content (versionView joins the stamps from the approval rows).
    }));
    const id = versionId(meetingId, minutes.round);
    const version =
      (await repos.minutesVersions.get(id)) ??
      (await repos.minutesVersions.create(
        {
          meetingId,
          number: minutes.round,
          approvedAt: approvals
            .map((a) => a.approvedAt)
            .sort()
            .at(-1)!,
          amendmentReason: minutes.amendmentReason,
          approvals: signatures,
          document: doc as unknown as MinutesVersion['document'],
          markdown: renderBlocksMarkdown(doc.blocks),
          contentHash: hash,
          facts: recordFacts(loaded.source),
        },
        { id },
      ));
    await repos.minutes.update(minutes.id, { status: 'approved' });
    return version;
  });
}

/** The same id on every laptop for one meeting's version n (see finalizeIfComplete). */
const VERSION_NAMESPACE = '5b0d4c1e-6f61-4a8e-9a57-3f3c2e7d9b10';
export const versionId = (meetingId: string, number: number): string => uuidv5(`${meetingId}/minutes/${number}`, VERSION_NAMESPACE);

/** Open approved minutes for a change: a new draft version, approved again by both sides. */
export async function startAmendment(repos: Repositories, meetingId: string, reason: string): Promise<Minutes> {
  const { db } = repos;
  const why = reason.trim();
  if (!why) throw refuse('reason', { code: 'amendReason' });
  return db.transaction('rw', [db.minutes], async () => {
    const minutes = await repos.minutes.get(meetingId);
    if (!minutes || minutes.status !== 'approved') throw refuse('', { code: 'onlyApproved' });
    return repos.minutes.update(meetingId, { status: 'draft', round: minutes.round + 1, amendmentReason: why });
  });
}

/** Drop an amendment that was started by mistake: the approved version stands as it was. */
export async function discardAmendment(repos: Repositories, meetingId: string): Promise<Minutes> {
  const { db } = repos;
  return db.transaction('rw', [db.minutes, db.minutesApprovals, db.minutesVersions], async () => {
    const minutes = await repos.minutes.get(meetingId);
    if (!minutes || minutes.status !== 'draft' || minutes.round < 2) throw refuse('', { code: 'noAmendment' });
    const round = minutes.round;
    await db.minutesApprovals
      .where('meetingId')
      .equals(meetingId)
      .filter((a) => a.round === round)
      .delete();
    const previous = await db.minutesVersions
      .where('[meetingId+number]')
      .equals([meetingId, round - 1])
      .first();
    return repos.minutes.update(meetingId, { status: 'approved', round: round - 1, amendmentReason: previous?.amendmentReason ?? '' });
  });
}
