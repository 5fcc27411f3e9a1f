import { z } from 'zod';
import { Id, line, longText, requiredLine } from './common';

// How a co-lead's sign-off was given. A joint record is trusted because each side can see how the
// other side's approval reached it, not only that a box was ticked on the facilitator's laptop.
// Used by approved minutes and confirmed Path to Performance assessments alike.

export const SignOffMethod = z.enum(['in-room', 'email', 'own-laptop']);
export type SignOffMethod = z.infer<typeof SignOffMethod>;
export const SIGN_OFF_METHODS: readonly SignOffMethod[] = SignOffMethod.options;
export const SIGN_OFF_METHOD_LABELS: Record<SignOffMethod, string> = {
  'in-room': 'In the room',
  email: 'By email',
  'own-laptop': 'On their own laptop',
};

/**
 * The account the sync server saw push the sign-off. Written by the server, never by a laptop (the
 * server refuses a laptop's write to it), so it is evidence of who pushed it. It is therefore not
 * among the fields a laptop writes: record schemas add it with `.extend({ recordedByAccount })`.
 */
export const ServerAccountStamp = z.object({ id: z.string().min(1).max(128), name: z.string().max(200) });
export type ServerAccountStamp = z.infer<typeof ServerAccountStamp>;

export const SignOffEvidenceFields = {
  method: SignOffMethod.default('in-room'),
  /** Who recorded it on this laptop (the facilitator or recorder; the co-lead on their own laptop). */
  recordedByName: line(120).default(''),
  recordedById: Id.nullable().default(null),
  /** What backs it up, e.g. "Email of 9 Dec, 14:02, subject 'Minutes OK'". Required for email. */
  evidenceNote: longText(500).default(''),
};

export const SignOffEvidence = z.object(SignOffEvidenceFields);
export type SignOffEvidence = z.infer<typeof SignOffEvidence>;

/** What a sign-off form submits; checked by signOffProblem before anything is written. */
export const SignOffInput = z.object({
  method: SignOffMethod,
  recordedByName: requiredLine('Who recorded it', 120),
  recordedById: Id.nullable().default(null),
  evidenceNote: longText(500).default(''),
});
export type SignOffInput = z.input<typeof SignOffInput>;
