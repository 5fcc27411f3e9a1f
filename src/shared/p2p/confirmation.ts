import { contentHash } from '../minutes/approval';
import { P2P_DIMENSIONS, type EvidenceSource, type P2pDimension } from '../model/p2p';
import { SignOffInput, type SignOffMethod } from '../model/signoff';
import { CRITERIA, CRITERIA_EDITION } from './criteria';
import { assessLevel } from './level';

// Confirmation by both co-leads, with the same evidence as approved minutes. Each co-lead confirms
// one exact assessment (the hash of the boxes ticked, notes and evidence as they read them): a
// change after one side confirmed sends it back to that side rather than carrying the
// confirmation over to a text they never saw.

export interface AssessmentContent {
  met: readonly string[];
  notes: ReadonlyArray<{ dimension: P2pDimension; text: string }>;
  evidence: ReadonlyArray<{ dimension: P2pDimension; criterionId: string | null; text: string; source: EvidenceSource }>;
}

const order = (d: P2pDimension) => P2P_DIMENSIONS.indexOf(d);
const KNOWN = new Set(CRITERIA.map((c) => c.id));

/** The content in one canonical form: what is hashed and what a rating freezes. */
export function canonicalContent(content: AssessmentContent): AssessmentContent {
  return {
    met: [...new Set(content.met)].filter((id) => KNOWN.has(id)).sort(),
    notes: content.notes
      .map((n) => ({ dimension: n.dimension, text: n.text.trim() }))
      .filter((n) => n.text !== '')
      .sort((a, b) => order(a.dimension) - order(b.dimension)),
    evidence: content.evidence
      .map((e) => ({ dimension: e.dimension, criterionId: e.criterionId, text: e.text.trim(), source: e.source }))
      .sort((a, b) => order(a.dimension) - order(b.dimension) || a.text.localeCompare(b.text) || (a.criterionId ?? '').localeCompare(b.criterionId ?? '')),
  };
}

/** The hash a co-lead confirms. Not a security measure: it tells whether two assessments differ. */
export const assessmentHash = (content: AssessmentContent): string => contentHash(JSON.stringify(canonicalContent(content)));

/** Why a sign-off cannot be recorded as given, by field; empty when it can. */
export function signOffProblems(input: { method: SignOffMethod; recordedByName: string; evidenceNote?: string }): Array<{ path: string; message: string }> {
  const parsed = SignOffInput.safeParse(input);
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  if (input.method === 'email' && !(input.evidenceNote ?? '').trim()) {
    problems.push({ path: 'evidenceNote', message: 'Say which email backs this confirmation (its date and subject), so the other side can find it.' });
  }
  return problems;
}

/** The frozen result of a confirmed assessment: level, each dimension's level, and the content as confirmed. */
export function freezeResult(content: AssessmentContent) {
  const canonical = canonicalContent(content);
  const result = assessLevel(canonical.met);
  return {
    level: result.level,
    dimensionLevels: Object.fromEntries(result.dimensions.map((d) => [d.dimension, d.level])) as Record<P2pDimension, number>,
    met: [...canonical.met],
    notes: [...canonical.notes],
    evidence: [...canonical.evidence],
    criteriaEdition: CRITERIA_EDITION,
    contentHash: assessmentHash(canonical),
  };
}
