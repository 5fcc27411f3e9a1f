import Papa from 'papaparse';
import type { z } from 'zod';
import { PersonFields, type PersonInput } from '../model/roster';
import { type Side } from '../model/common';

/** Roster files are a few thousand rows; anything far larger is a wrong file, not a roster. */
export const ROSTER_MAX_BYTES = 2 * 1024 * 1024;
export const ROSTER_MAX_ROWS = 10_000;

export const ROSTER_COLUMNS = ['name', 'side', 'union', 'local', 'email', 'role_titles', 'council', 'team'] as const;

export interface RosterRow {
  /** 1-based line number in the file, as a spreadsheet shows it (the header is line 1). */
  line: number;
  person: PersonInput;
  councilName: string;
  teamName: string;
}

export interface RowError {
  line: number;
  reason: string;
}

export type RosterParseResult = { ok: true; rows: RosterRow[]; errors: RowError[]; ignoredColumns: string[] } | { ok: false; message: string };

const SIDE_ALIASES: Record<string, Side> = {
  management: 'management',
  manager: 'management',
  mgmt: 'management',
  union: 'union',
  labor: 'union',
  labour: 'union',
  physician: 'physician',
  doctor: 'physician',
  md: 'physician',
};

const normalizeHeader = (h: string) =>
  h
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');

/** "email must be a valid email address", but "Name is required" (the message names the field). */
function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => (i.path.length && /^(must|is|should)\b/.test(i.message) ? `${i.path.join('.')} ${i.message}` : i.message)).join('; ');
}

/**
 * Parse a roster CSV (people with optional council/team membership). File-level problems reject
 * the whole file; row-level problems are reported by line so the good rows can still be imported.
 */
export function parseRosterCsv(text: string): RosterParseResult {
  if (text.length > ROSTER_MAX_BYTES) {
    return { ok: false, message: `The file is too large for a roster (over ${ROSTER_MAX_BYTES / 1024 / 1024} MB). Nothing was imported.` };
  }
  if (text.includes('\0')) return { ok: false, message: 'The file is not a text CSV file. Nothing was imported.' };
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') return { ok: false, message: 'The file is empty. Nothing was imported.' };

  const parsed = Papa.parse<string[]>(body, { skipEmptyLines: false });
  const data = parsed.data;
  const header = (data[0] ?? []).map(normalizeHeader);
  if (!header.includes('name') || !header.includes('side')) {
    return {
      ok: false,
      message:
        'This does not look like a roster CSV: the first line must name the columns, including "name" and "side". ' +
        `Expected columns: ${ROSTER_COLUMNS.join(', ')}. Nothing was imported.`,
    };
  }
  const dataRows = data.length - 1;
  if (dataRows > ROSTER_MAX_ROWS) {
    return { ok: false, message: `The file has ${dataRows} rows; a roster import takes at most ${ROSTER_MAX_ROWS}. Nothing was imported.` };
  }
  const col = (name: string) => header.indexOf(name);
  const ignoredColumns = header.filter((h) => h && !(ROSTER_COLUMNS as readonly string[]).includes(h));

  const rows: RosterRow[] = [];
  const errors: RowError[] = [];
  const quoteErrorRows = new Set(parsed.errors.filter((e) => e.code === 'MissingQuotes' || e.code === 'InvalidQuotes').map((e) => e.row));
  data.slice(1).forEach((cells, index) => {
    const line = index + 2;
    if (cells.every((c) => c.trim() === '')) return; // blank lines are not errors
    if (quoteErrorRows.has(index + 1)) {
      errors.push({ line, reason: 'unbalanced quotes' });
      return;
    }
    if (cells.length > header.length) {
      errors.push({ line, reason: `${cells.length} values but the header has ${header.length} columns (an unquoted comma?)` });
      return;
    }
    const get = (name: string) => (col(name) >= 0 ? (cells[col(name)] ?? '').trim() : '');
    const sideText = get('side').toLowerCase();
    const side = SIDE_ALIASES[sideText];
    if (!side) {
      errors.push({ line, reason: sideText ? `side "${get('side')}" is not management, union or physician` : 'side is missing' });
      return;
    }
    const candidate = {
      name: get('name'),
      side,
      union: get('union'),
      local: get('local'),
      email: get('email'),
      roleTitles: get('role_titles')
        .split(';')
        .map((t) => t.trim())
        .filter(Boolean),
    };
    const result = PersonFields.safeParse(candidate);
    if (!result.success) {
      errors.push({ line, reason: describeIssues(result.error) });
      return;
    }
    rows.push({ line, person: candidate, councilName: get('council'), teamName: get('team') });
  });
  return { ok: true, rows, errors, ignoredColumns };
}
