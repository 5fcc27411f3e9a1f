import type { z } from 'zod';

export interface FieldProblem {
  path: string;
  message: string;
}

/** Bad input never reaches the store: callers get every problem, by field, in plain words. */
export class ValidationError extends Error {
  constructor(readonly problems: FieldProblem[]) {
    super(problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)).join('; '));
    this.name = 'ValidationError';
  }

  static fromZod(error: z.ZodError): ValidationError {
    return new ValidationError(error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
  }

  /** The message for one field, for showing under an input. */
  forField(path: string): string | undefined {
    return this.problems.find((p) => p.path === path || p.path.startsWith(`${path}.`))?.message;
  }
}

export class NotFoundError extends Error {
  constructor(what: string, id: string) {
    super(`${what} ${id} no longer exists`);
    // Not 'NotFoundError': Dexie re-wraps errors carrying DOMException names.
    this.name = 'RecordNotFoundError';
  }
}
