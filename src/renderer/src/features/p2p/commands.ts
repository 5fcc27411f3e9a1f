import { v5 as uuidv5 } from 'uuid';
import { nowIso, today as localToday } from '@shared/clock';
import { approvalState, approverProblem } from '@shared/minutes/approval';
import { SIDE_LABELS, type Side, type SignOffInput } from '@shared/model';
import {
  P2pDimension,
  Quarter,
  type EvidenceSource,
  type P2pAssessment,
  type P2pConfirmation,
  type P2pEvidence,
  type P2pRating,
  type ProgramFigure,
} from '@shared/model/p2p';
import { assessmentHash, freezeResult, signOffProblems } from '@shared/p2p/confirmation';
import { criterionById } from '@shared/p2p/criteria';
import type { FigureRow } from '@shared/p2p/programFigures';
import { quarterLabel, quartersBetween } from '@shared/p2p/quarters';
import { ValidationError } from '../../db/errors';
import type { Repositories } from '../../db/repositories';
import { approvalBodyOf, assessmentRows, assessmentTables, contentOf, versionsOf } from './queries';

// Path to Performance use cases. Each runs in one transaction and reads the stored rows, so the
// rules hold whatever the screen showed: a confirmed assessment never changes (a correction is a
// new version), each co-lead confirms the exact assessment they read, and the level is computed
// from the boxes ticked, never typed.

/** Ids derived from what a row is about, so two laptops ticking the same box write the same row. */
const ROW_NAMESPACE = '3b8f1c52-6d0e-4f7a-9a51-0c2f7e5d9b64';
export const checkId = (assessmentId: string, criterionId: string): string => uuidv5(`p2p-check/${assessmentId}/${criterionId}`, ROW_NAMESPACE);
export const noteId = (assessmentId: string, dimension: P2pDimension): string => uuidv5(`p2p-note/${assessmentId}/${dimension}`, ROW_NAMESPACE);

const problem = (message: string, path = '') => new ValidationError([{ path, message }]);

const locked = (a: P2pAssessment) =>
  problem(
    `The ${quarterLabel(a.quarter)} assessment${a.version > 1 ? ` (version ${a.version})` : ''} is confirmed and read-only. Start a correction to change it; this version is kept.`,
  );

/** The stored assessment, refused unless it is still a draft. */
async function draft(repos: Repositories, assessmentId: string): Promise<P2pAssessment> {
  const a = await repos.p2pAssessments.get(assessmentId);
  if (!a) throw problem('This assessment no longer exists.');
  if (a.status !== 'draft') throw locked(a);
  return a;
}

export interface StartOptions {
  /** Tick the criteria the team's last confirmed rating had met (the co-leads then review each). */
  fromRating?: P2pRating | null;
}

/**
 * Open the quarter's assessment for a team: the open draft if there is one, else a new first
 * version. A confirmed quarter is not reopened: it is corrected as a new version.
 */
export async function startAssessment(repos: Repositories, teamId: string, quarter: string, options: StartOptions = {}): Promise<P2pAssessment> {
  if (!Quarter.safeParse(quarter).success) throw problem(`${quarter} is not a quarter.`, 'quarter');
  const { db } = repos;
  return db.transaction('rw', [db.teams, db.p2pAssessments, db.p2pChecks, db.p2pRatings], async () => {
    const team = await repos.teams.get(teamId);
    if (!team) throw problem('This team no longer exists.');
    if (team.archivedAt) throw problem(`${team.name} is archived; restore it before assessing it.`);
    const versions = await versionsOf(repos, teamId, quarter);
    const open = versions.find((v) => v.status === 'draft');
    if (open) return open;
    if (versions.length) throw problem(`${team.name}'s ${quarterLabel(quarter)} assessment is already confirmed. Start a correction to change it.`);
    const assessment = await repos.p2pAssessments.create({ teamId, quarter });
    const from = options.fromRating;
    if (from) {
      if (from.teamId !== teamId || quartersBetween(from.quarter, quarter) <= 0) throw problem('Start from an earlier quarter of the same team.');
      await repos.p2pChecks.createMany(
        from.met.map((criterionId) => ({ assessmentId: assessment.id, criterionId, met: true })),
        { ids: from.met.map((c) => checkId(assessment.id, c)) },
      );
    }
    return assessment;
  });
}

/** Tick or untick one criterion of a draft. */
export async function setCriterion(repos: Repositories, assessmentId: string, criterionId: string, met: boolean) {
  if (!criterionById(criterionId)) throw problem(`Unknown criterion ${criterionId}.`);
  const { db } = repos;
  return db.transaction('rw', [db.p2pAssessments, db.p2pChecks], async () => {
    await draft(repos, assessmentId);
    const id = checkId(assessmentId, criterionId);
    return (await repos.p2pChecks.get(id)) ? repos.p2pChecks.update(id, { met }) : repos.p2pChecks.create({ assessmentId, criterionId, met }, { id });
  });
}

/** The co-leads' notes on one dimension of a draft. */
export async function saveDimensionNote(repos: Repositories, assessmentId: string, dimension: P2pDimension, text: string) {
  if (!P2pDimension.safeParse(dimension).success) throw problem(`Unknown dimension ${dimension}.`);
  const { db } = repos;
  return db.transaction('rw', [db.p2pAssessments, db.p2pDimensionNotes], async () => {
    await draft(repos, assessmentId);
    const id = noteId(assessmentId, dimension);
    return (await repos.p2pDimensionNotes.get(id))
      ? repos.p2pDimensionNotes.update(id, { text })
      : repos.p2pDimensionNotes.create({ assessmentId, dimension, text }, { id });
  });
}

export interface EvidenceInput {
  dimension: P2pDimension;
  criterionId?: string | null;
  text: string;
  source?: EvidenceSource;
}

/** Attach evidence to a dimension of a draft: typed by the team, or something the app offered that the team chose. */
export async function addEvidence(repos: Repositories, assessmentId: string, input: EvidenceInput): Promise<P2pEvidence> {
  const { db } = repos;
  return db.transaction('rw', [db.p2pAssessments, db.p2pEvidence], async () => {
    await draft(repos, assessmentId);
    const criterionId = input.criterionId ?? null;
    if (criterionId && criterionById(criterionId)?.dimension !== input.dimension) throw problem('That criterion belongs to another dimension.');
    const text = input.text.trim();
    // The same offer attached twice (a double click, two laptops) is one piece of evidence.
    const same = (await db.p2pEvidence.where('assessmentId').equals(assessmentId).toArray()).find(
      (e) => e.dimension === input.dimension && e.text.trim() === text && e.criterionId === criterionId,
    );
    return same ?? repos.p2pEvidence.create({ assessmentId, dimension: input.dimension, criterionId, text, source: input.source ?? 'typed' });
  });
}

/** Remove a piece of evidence from a draft; answers the row for Undo. */
export async function removeEvidence(repos: Repositories, evidenceId: string): Promise<P2pEvidence | undefined> {
  const { db } = repos;
  return db.transaction('rw', [db.p2pAssessments, db.p2pEvidence], async () => {
    const row = await repos.p2pEvidence.get(evidenceId);
    if (!row) return undefined;
    await draft(repos, row.assessmentId);
    return repos.p2pEvidence.remove(evidenceId);
  });
}

export async function restoreEvidence(repos: Repositories, row: P2pEvidence): Promise<P2pEvidence> {
  const { db } = repos;
  return db.transaction('rw', [db.p2pAssessments, db.p2pEvidence], async () => {
    await draft(repos, row.assessmentId);
    return repos.p2pEvidence.restore(row);
  });
}

export interface ConfirmInput {
  assessmentId: string;
  side: Side;
  personId: string;
  role: string;
  /** The hash of the assessment the co-lead read: if it changed meanwhile, nothing is confirmed. */
  seenHash: string;
  signOff: SignOffInput;
}

/**
 * Record one co-lead's confirmation of the assessment as they read it, with how it was given.
 * When the last required side confirms, the result is frozen as the quarter's rating in the same
 * transaction, and the team record's level follows its latest rated quarter.
 */
export async function confirmAssessment(repos: Repositories, input: ConfirmInput): Promise<{ confirmation: P2pConfirmation; rating: P2pRating | null }> {
  const signOff = { ...input.signOff, recordedById: input.signOff.recordedById ?? null, evidenceNote: input.signOff.evidenceNote ?? '' };
  const problems = signOffProblems(signOff);
  if (problems.length) throw new ValidationError(problems);
  const { db } = repos;
  return db.transaction('rw', assessmentTables(repos), async () => {
    const assessment = await draft(repos, input.assessmentId);
    const team = await repos.teams.get(assessment.teamId);
    if (!team) throw problem('This team no longer exists.');
    const rows = await assessmentRows(repos, assessment.id);
    const content = contentOf(rows);
    const hash = assessmentHash(content);
    if (hash !== input.seenHash) throw problem('The assessment changed while you were reading it. Review the current assessment and confirm again.');
    const memberships = await db.memberships.where('bodyId').equals(team.id).toArray();
    const person = (await repos.people.get(input.personId)) ?? null;
    const body = approvalBodyOf(team);
    const who = approverProblem(
      body,
      input.side,
      person,
      memberships.map((m) => ({ id: m.personId })),
    );
    if (who) throw problem(who.replace(/approve/g, 'confirm'), 'personId');
    const confirmation = await repos.p2pConfirmations.create({
      assessmentId: assessment.id,
      side: input.side,
      personId: person!.id,
      name: person!.name,
      role: input.role || `${SIDE_LABELS[input.side]} co-lead`,
      confirmedAt: nowIso(),
      contentHash: hash,
      method: signOff.method,
      recordedByName: signOff.recordedByName,
      recordedById: signOff.recordedById,
      evidenceNote: signOff.evidenceNote,
    });
    const all = [...rows.confirmations, confirmation].map((c) => ({ ...c, round: 1, approvedAt: c.confirmedAt }));
    const state = approvalState({ body, round: 1, contentHash: hash, approvals: all });
    if (!state.complete) return { confirmation, rating: null };

    const frozen = freezeResult(content);
    const signatures = state.sides.map((s) => {
      const c = all.find((x) => x === s.approval)!;
      return {
        side: c.side,
        name: c.name,
        role: c.role,
        confirmedAt: c.confirmedAt,
        method: c.method,
        recordedByName: c.recordedByName,
        evidenceNote: c.evidenceNote,
      };
    });
    const rating = await repos.p2pRatings.create(
      {
        assessmentId: assessment.id,
        teamId: team.id,
        quarter: assessment.quarter,
        version: assessment.version,
        ...frozen,
        confirmations: signatures,
        confirmedAt: confirmation.confirmedAt,
        correctionReason: assessment.correctionReason,
      },
      { id: assessment.id },
    );
    await repos.p2pAssessments.update(assessment.id, { status: 'confirmed' });
    // The roster shows the team's level from its record: it follows the latest rated quarter.
    const ratings = await db.p2pRatings.where('teamId').equals(team.id).toArray();
    const latest = ratings.reduce((best, r) => (quartersBetween(best.quarter, r.quarter) > 0 ? r : best), rating);
    if (latest.quarter === rating.quarter) {
      await repos.teams.update(team.id, { p2pLevel: rating.level >= 1 ? rating.level : null, p2pRatedOn: rating.level >= 1 ? localToday() : null });
    }
    return { confirmation, rating };
  });
}

/**
 * Correct a confirmed assessment: a new draft version with the confirmed content, confirmed again
 * by both co-leads. The confirmed version stays on record.
 */
export async function startCorrection(repos: Repositories, assessmentId: string, reason: string): Promise<P2pAssessment> {
  const why = reason.trim();
  if (!why) throw problem('Say why the confirmed assessment is being corrected.', 'reason');
  const { db } = repos;
  return db.transaction('rw', assessmentTables(repos), async () => {
    const confirmed = await repos.p2pAssessments.get(assessmentId);
    if (!confirmed || confirmed.status !== 'confirmed') throw problem('Only a confirmed assessment is corrected; a draft can simply be edited.');
    const versions = await versionsOf(repos, confirmed.teamId, confirmed.quarter);
    if (versions.some((v) => v.status === 'draft')) throw problem(`A correction of ${quarterLabel(confirmed.quarter)} is already under way.`);
    if (versions.at(-1)!.id !== confirmed.id) throw problem('A later version of this assessment exists; correct that one.');
    const rating = await repos.p2pRatings.get(confirmed.id);
    const next = await repos.p2pAssessments.create({
      teamId: confirmed.teamId,
      quarter: confirmed.quarter,
      version: confirmed.version + 1,
      correctsId: confirmed.id,
      correctionReason: why,
    });
    // Start from what was confirmed (frozen), not from rows a late sync may have touched since.
    const met = rating?.met ?? contentOf(await assessmentRows(repos, confirmed.id)).met;
    await repos.p2pChecks.createMany(
      met.map((criterionId) => ({ assessmentId: next.id, criterionId, met: true })),
      { ids: met.map((c) => checkId(next.id, c)) },
    );
    for (const n of rating?.notes ?? [])
      await repos.p2pDimensionNotes.create({ assessmentId: next.id, dimension: n.dimension, text: n.text }, { id: noteId(next.id, n.dimension) });
    if (rating?.evidence.length) await repos.p2pEvidence.createMany(rating.evidence.map((e) => ({ ...e, assessmentId: next.id })));
    return next;
  });
}

/** Drop a correction started by mistake (and everything typed into it); the confirmed version stands. */
export async function discardCorrection(repos: Repositories, assessmentId: string): Promise<void> {
  const { db } = repos;
  await db.transaction('rw', assessmentTables(repos), async () => {
    const a = await draft(repos, assessmentId);
    if (a.version < 2) throw problem('Only a correction is discarded; a first assessment is simply left as a draft.');
    const rows = await assessmentRows(repos, a.id);
    if (rows.confirmations.length) throw problem('A co-lead has already confirmed this correction; it can no longer be discarded.');
    await db.p2pChecks.bulkDelete(rows.checks.map((r) => r.id));
    await db.p2pDimensionNotes.bulkDelete(rows.notes.map((r) => r.id));
    await db.p2pEvidence.bulkDelete(rows.evidence.map((r) => r.id));
    await db.p2pAssessments.delete(a.id);
  });
}

export interface FiguresImportReport {
  added: number;
  /** Figures for a region and date already held, replaced by the file's. */
  replaced: number;
}

/**
 * Keep parsed program figures with a council, all in one transaction. A figure for a region and
 * as-of date the council already holds is replaced (re-importing a file never doubles it).
 */
export async function importProgramFigures(
  repos: Repositories,
  councilId: string,
  rows: readonly FigureRow[],
  sourceFile: string,
): Promise<FiguresImportReport> {
  if (rows.length === 0) throw problem('There are no figures to import.');
  const { db } = repos;
  return db.transaction('rw', [db.councils, db.programFigures], async () => {
    if (!(await repos.councils.get(councilId))) throw problem('Choose the council to keep the figures with.', 'councilId');
    const held = await db.programFigures.where('councilId').equals(councilId).toArray();
    const importedAt = nowIso();
    let replaced = 0;
    for (const row of rows) {
      const old = held.filter((f) => f.region === row.region && f.asOf === row.asOf);
      if (old.length) replaced += 1;
      await db.programFigures.bulkDelete(old.map((f) => f.id));
    }
    await repos.programFigures.createMany(
      rows.map((r) => ({ councilId, region: r.region, teams: r.teams, highPerforming: r.highPerforming, asOf: r.asOf, sourceFile, importedAt })),
    );
    return { added: rows.length - replaced, replaced };
  });
}

export const removeProgramFigure = (repos: Repositories, id: string): Promise<ProgramFigure | undefined> => repos.programFigures.remove(id);
export const restoreProgramFigure = (repos: Repositories, row: ProgramFigure): Promise<ProgramFigure> => repos.programFigures.restore(row);
