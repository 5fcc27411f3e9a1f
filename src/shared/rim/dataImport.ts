import Papa from 'papaparse';
import { addDays, addMonths, addWeeks, format, isValid } from 'date-fns';
import { readSheet } from 'read-excel-file/universal';
import { formatDate, formatNumber } from '../i18n/format';
import { isRatioValueType, type MeasureFrequency, type MeasureValueType } from '../model/rim';
import type { Locale } from '../i18n/locales';
import type { RimWords } from './words';

// Importing measure data points from a spreadsheet paste, a CSV file or an Excel workbook (.xlsx).
// Problems are reported per line (the spreadsheet's row number) so the good rows can still be
// imported; problems with the whole paste or file are reported with line 0 and no rows.
//
// Proportion and rate measures are imported as a numerator and a denominator column (found by
// header name, the measure's own labels first, else taken in order: date, numerator, denominator,
// note); their points carry the counts and a null value, as stored (see DataPointFields).
//
// Values: 1234, -2.5, 1,234.5 (comma thousands separators), 12.5% (kept as 12.5: the unit of a
// percentage measure is percent). A blank cell, "n/a", "na" or Excel's "#N/A" is a missing point.
// Dates: 2026-03-02 (YYYY-MM-DD), 3/2/2026 or 3/2/26 (US month/day/year), Mar 2, 2026 or
// March 2, 2026, and 2-Mar-2026 or 2-Mar-26 (Excel's default). Day/month/year is not accepted: 31/02
// is reported as not a date rather than silently read the other way round. In Spanish the orders
// swap, as a Spanish spreadsheet writes them: 2/3/2026 is 2 March, decimals take a comma (2,5),
// and month names may be Spanish. Problems are written in the language of the words given.

export const DATA_IMPORT_MAX_ROWS = 10_000;

export interface ParsedPoint {
  /** 1-based line of the paste or file, as a spreadsheet shows it. */
  line: number;
  date: string;
  /** null: a missing point (blank cell); always null for proportion and rate imports. */
  value: number | null;
  note: string;
  /** Proportion and rate imports only (absent otherwise); null: blank. */
  numerator?: number | null;
  denominator?: number | null;
}

/** What the imported points are: proportions and rates come as numerator and denominator columns. */
export interface ImportShape {
  valueType?: MeasureValueType;
  /** The measure's name for its numerator ("Falls"), matched against a header row first. */
  numeratorLabel?: string;
  /** The measure's name for its denominator ("Patient days"). */
  denominatorLabel?: string;
}

export interface ImportError {
  /** 0: the whole paste or file. */
  line: number;
  message: string;
}

export interface DataImportResult {
  rows: ParsedPoint[];
  errors: ImportError[];
}

/** "line 4: 'abc' is not a number" */
export const describeImportError = (e: ImportError, { t }: RimWords) =>
  e.line > 0 ? t('import.line', { line: String(e.line), message: e.message }) : e.message;

export type ParsedNumber = { ok: true; value: number | null } | { ok: false };

const MISSING = new Set(['', 'n/a', 'na', '#n/a']);

/**
 * A spreadsheet cell as a number: null for a blank or n/a cell, ok:false when it is not a number.
 * English: 1,234.5. Spanish: 1.234,5 or 2,5 (a dot followed by three digits groups thousands, as
 * Spanish spreadsheets print them; 2.5 is still two and a half).
 */
export function parseValue(cell: string, locale: Locale = 'en'): ParsedNumber {
  const s = cell.replace(/[\u00a0\u202f\s]/g, '');
  if (MISSING.has(s.toLowerCase())) return { ok: true, value: null };
  const spanish = locale === 'es' ? /^([+-]?)((?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?|,\d+)(%?)$/.exec(s) : null;
  if (spanish) return finite(`${spanish[1]}${(spanish[2] ?? '').replace(/\./g, '').replace(',', '.')}`);
  const m = /^([+-]?)((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+)(%?)$/.exec(s);
  // In Spanish, a comma is the decimal mark: "1,234" was read above as 1.234, never as 1234.
  if (!m || (locale === 'es' && (m[2] ?? '').includes(','))) return { ok: false };
  return finite(`${m[1]}${(m[2] ?? '').replace(/,/g, '')}`);
}

const finite = (text: string): ParsedNumber => {
  const value = Number(text);
  return Number.isFinite(value) ? { ok: true, value } : { ok: false };
};

const MONTH_NAMES = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
/** Spanish spreadsheets name months in Spanish ("2-ene-2026", "2 de marzo de 2026"); no abbreviation means another month in English. */
const SPANISH_MONTH_NAMES = ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre'];

/** 'Mar', 'march', 'Sept.', 'ene', 'setiembre' -> 3, 3, 9, 1, 9; at least three letters of a month's name. */
function monthNumber(name: string): number | undefined {
  const n = name.toLowerCase().replace(/\.$/, '');
  const starts = (month: string) => n.length >= 3 && month.startsWith(n);
  let i = MONTH_NAMES.findIndex(starts);
  if (i < 0) i = SPANISH_MONTH_NAMES.findIndex((month) => starts(month) || (month === 'septiembre' && starts('setiembre')));
  return i >= 0 ? i + 1 : undefined;
}

function isoDate(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || day > 31 || year < 1900 || year > 2199) return null;
  const d = new Date(year, month - 1, day);
  if (!isValid(d) || d.getMonth() !== month - 1 || d.getDate() !== day) return null;
  return format(d, 'yyyy-MM-dd');
}

const fullYear = (y: string) => (y.length === 2 ? 2000 + Number(y) : Number(y));

/**
 * A cell as a YYYY-MM-DD date, or null when it is not one of the accepted forms or not a real day.
 * Slashed dates follow the locale's order: month/day/year in English, day/month/year in Spanish
 * (as a Spanish spreadsheet prints them); the other order is never guessed.
 */
export function parseDate(cell: string, locale: Locale = 'en'): string | null {
  const s = cell.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (m) return isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4}|\d{2})$/.exec(s);
  if (m) return locale === 'es' ? isoDate(fullYear(m[3]!), Number(m[2]), Number(m[1])) : isoDate(fullYear(m[3]!), Number(m[1]), Number(m[2]));
  m = /^([a-z]{3,9}\.?)\s+(\d{1,2}),?\s+(\d{4})$/i.exec(s);
  if (m) {
    const month = monthNumber(m[1]!);
    return month ? isoDate(Number(m[3]), month, Number(m[2])) : null;
  }
  m = /^(\d{1,2})(?:[-\s]|\s+de\s+)([a-z]{3,10}\.?)(?:[-\s]|\s+de\s+)(\d{4}|\d{2})$/i.exec(s);
  if (m) {
    const month = monthNumber(m[2]!);
    return month ? isoDate(fullYear(m[3]!), month, Number(m[1])) : null;
  }
  return null;
}

const notANumber = (cell: string, { t }: RimWords) => t('import.notANumber', { cell: cell.trim() });
const notADate = (cell: string, { t }: RimWords) => t('import.notADate', { cell: cell.trim() });
const duplicate = (date: string, earlier: number, { t, locale }: RimWords) =>
  t('import.duplicateDate', { date: formatDate(date, locale), line: String(earlier) });
const hasLetters = (s: string) => /[a-z]/i.test(s);

type Whole = 'paste' | 'file' | 'worksheet';

function tooMany(count: number, what: Whole, { t }: RimWords): DataImportResult {
  return { rows: [], errors: [{ line: 0, message: t('import.tooMany', { what, count, max: DATA_IMPORT_MAX_ROWS }) }] };
}

/** Date + value (+ note) cells of one row into a point, or an error for that line. */
function dateValueRow(line: number, cells: string[], seen: Map<string, number>, words: RimWords): ParsedPoint | ImportError {
  const [dateCell = '', valueCell = '', ...noteCells] = cells;
  if (dateCell.trim() === '') return { line, message: words.t('import.dateMissing') };
  const date = parseDate(dateCell, words.locale);
  if (!date) return { line, message: notADate(dateCell, words) };
  const value = parseValue(valueCell, words.locale);
  if (!value.ok) return { line, message: notANumber(valueCell, words) };
  const earlier = seen.get(date);
  if (earlier !== undefined) return { line, message: duplicate(date, earlier, words) };
  seen.set(date, line);
  return { line, date, value: value.value, note: noteCells.join(' ').trim().slice(0, 500) };
}

const isError = (r: ParsedPoint | ImportError): r is ImportError => 'message' in r;

function collect(results: (ParsedPoint | ImportError)[]): DataImportResult {
  return { rows: results.filter((r): r is ParsedPoint => !isError(r)), errors: results.filter(isError) };
}

/** Date of the i-th point of a series starting at `start` (counted from the start each time, so Jan 31 + 1 month is Feb 28 and + 2 months is Mar 31). */
export function seriesDate(start: string, frequency: MeasureFrequency, index: number): string {
  const [y, m, d] = start.split('-').map(Number);
  const base = new Date(y!, m! - 1, d!);
  const next = {
    daily: () => addDays(base, index),
    weekly: () => addWeeks(base, index),
    biweekly: () => addWeeks(base, 2 * index),
    monthly: () => addMonths(base, index),
    quarterly: () => addMonths(base, 3 * index),
  }[frequency]();
  return format(next, 'yyyy-MM-dd');
}

export interface PasteOptions extends ImportShape {
  /** For a single column of values: the date of the first value (YYYY-MM-DD). */
  startDate?: string | null;
  /** For a single column of values: how far apart the values are. */
  frequency?: MeasureFrequency | null;
}

/**
 * Parse a spreadsheet paste: either one column of values (dates are assigned from `startDate` and
 * `frequency`; a blank line inside the column is a missing point), or tab-separated date, value and
 * an optional note (a line with a date and no value is a missing point; a wholly blank line is
 * skipped). A first line that is not data (a header such as "Week<TAB>Falls") is skipped.
 */
export function parsePastedPoints(text: string, options: PasteOptions, words: RimWords): DataImportResult {
  const { t } = words;
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  // Spreadsheet copies end with a newline; blank lines around the data are not points.
  let first = 0;
  let last = lines.length - 1;
  while (first <= last && lines[first]!.trim() === '') first++;
  while (last >= first && lines[last]!.trim() === '') last--;
  if (first > last) return { rows: [], errors: [{ line: 0, message: t('import.nothingPasted') }] };

  const body = lines.slice(first, last + 1).map((content, i) => ({ line: first + i + 1, content }));
  if (options.valueType && isRatioValueType(options.valueType)) return ratioPaste(body, options, words);
  const twoColumns = body.some((l) => l.content.includes('\t'));
  const head = body[0]!;
  const headCells = head.content.split('\t');
  const isHeader = twoColumns
    ? parseDate(headCells[0] ?? '', words.locale) === null && hasLetters(head.content) && !parseValue(headCells[1] ?? '', words.locale).ok
    : !parseValue(head.content, words.locale).ok && hasLetters(head.content) && parseDate(head.content, words.locale) === null;
  const data = isHeader ? body.slice(1) : body;
  if (data.length > DATA_IMPORT_MAX_ROWS) return tooMany(data.length, 'paste', words);

  if (twoColumns) {
    const seen = new Map<string, number>();
    return collect(data.filter((l) => l.content.trim() !== '').map((l) => dateValueRow(l.line, l.content.split('\t'), seen, words)));
  }

  if (data.some((l) => parseDate(l.content, words.locale) !== null && !parseValue(l.content, words.locale).ok)) {
    return { rows: [], errors: [{ line: 0, message: t('import.datesNoValues') }] };
  }
  const { startDate, frequency } = options;
  if (!startDate || !frequency || parseDate(startDate) !== startDate) {
    return { rows: [], errors: [{ line: 0, message: t('import.valuesNoDates') }] };
  }
  return collect(
    data.map((l, i): ParsedPoint | ImportError => {
      const value = parseValue(l.content, words.locale);
      return value.ok
        ? { line: l.line, date: seriesDate(startDate, frequency, i), value: value.value, note: '' }
        : { line: l.line, message: notANumber(l.content, words) };
    }),
  );
}

const DATE_HEADERS = ['date', 'day', 'week', 'week_of', 'week_starting', 'month', 'period', 'period_start'];
const VALUE_HEADERS = ['value', 'count', 'rate', 'percent', 'percentage', 'result', 'measure'];
const NOTE_HEADERS = ['note', 'notes', 'comment', 'comments'];
const normalizeHeader = (h: string) =>
  h
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');

/**
 * Parse a CSV file of date,value[,note] columns (date,numerator,denominator[,note] for proportion
 * and rate measures). A header row is optional; with one, the columns are found by name
 * (date/week/month..., value/count/rate..., numerator/denominator or the measure's labels,
 * note/comment) and otherwise taken in order. Line numbers are CSV records counted from 1 (a note
 * with a line break inside quotes counts once).
 */
export function parseDataPointsCsv(text: string, shape: ImportShape, words: RimWords): DataImportResult {
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') return { rows: [], errors: [{ line: 0, message: words.t('import.fileEmpty') }] };
  if (body.includes('\0')) return { rows: [], errors: [{ line: 0, message: words.t('import.notTextCsv') }] };
  return parseTable(Papa.parse<string[]>(body, { skipEmptyLines: false }).data, shape, 'file', words);
}

/** Rows of cells, row i being line i + 1 (a CSV record, a worksheet row), into points. */
function parseTable(data: string[][], shape: ImportShape, what: Whole, words: RimWords): DataImportResult {
  const firstCells = data[0] ?? [];
  const hasHeader = parseDate(firstCells[0] ?? '', words.locale) === null && firstCells.some(hasLetters);
  const header = hasHeader ? firstCells.map(normalizeHeader) : [];
  const rows = data
    .map((cells, i) => ({ line: i + 1, cells }))
    .slice(hasHeader ? 1 : 0)
    .filter((r) => r.cells.some((c) => c.trim() !== ''));
  if (rows.length > DATA_IMPORT_MAX_ROWS) return tooMany(rows.length, what, words);
  const seen = new Map<string, number>();

  if (shape.valueType && isRatioValueType(shape.valueType)) {
    const [dateCol, numCol, denCol, noteCol] = pickColumns(header, [
      DATE_HEADERS,
      [...labelHeaders(shape.numeratorLabel), ...NUMERATOR_HEADERS],
      [...labelHeaders(shape.denominatorLabel), ...DENOMINATOR_HEADERS],
      NOTE_HEADERS,
    ]) as [number, number, number, number];
    const cell = (cells: string[], i: number) => cells[i] ?? '';
    return collect(
      rows.map((r) =>
        ratioRow(
          r.line,
          [cell(r.cells, dateCol), cell(r.cells, numCol), cell(r.cells, denCol), cell(r.cells, noteCol)],
          seen,
          shape.valueType === 'proportion',
          words,
        ),
      ),
    );
  }
  const [dateCol, valueCol, noteCol] = pickColumns(header, [DATE_HEADERS, VALUE_HEADERS, NOTE_HEADERS]) as [number, number, number];
  return collect(rows.map((r) => dateValueRow(r.line, [r.cells[dateCol] ?? '', r.cells[valueCol] ?? '', r.cells[noteCol] ?? ''], seen, words)));
}

/**
 * Columns for fields, each column used once: a field whose name is in the header gets that column;
 * the others get the columns no field claimed by name, in order (so a file without a header is
 * read left to right, and "Week, Comment, Falls" gives the value column 2, not the comment).
 */
function pickColumns(header: readonly string[], fields: readonly (readonly string[])[]): number[] {
  const taken = new Set<number>();
  const cols = fields.map((names) => {
    const i = names.map((n) => header.indexOf(n)).find((c) => c >= 0 && !taken.has(c));
    if (i !== undefined) taken.add(i);
    return i;
  });
  let next = 0;
  return cols.map((c) => {
    if (c !== undefined) return c;
    while (taken.has(next)) next++;
    taken.add(next);
    return next;
  });
}

const labelHeaders = (label: string | undefined) => (label && label.trim() ? [normalizeHeader(label)] : []);

const NUMERATOR_HEADERS = ['numerator', 'num', 'events', 'cases', 'count', 'met', 'yes', 'defectives', 'defects'];
const DENOMINATOR_HEADERS = [
  'denominator',
  'denom',
  'total',
  'n',
  'sample',
  'sample_size',
  'opportunities',
  'eligible',
  'patients',
  'patient_days',
  'discharges',
  'admissions',
  'visits',
  'exposure',
];

type ParsedCount = { ok: true; value: number | null } | { ok: false; message: string };

/** A numerator or denominator cell: a count, blank, or a reason it is not one. */
function parseCount(cell: string, which: 'numerator' | 'denominator', { t, locale }: RimWords): ParsedCount {
  if (cell.includes('%')) return { ok: false, message: t('import.percentCount', { cell: cell.trim(), which }) };
  const v = parseValue(cell, locale);
  if (!v.ok) return { ok: false, message: t('import.notANumberOf', { cell: cell.trim(), which }) };
  if (v.value !== null && v.value < 0) return { ok: false, message: t('import.negativeCount', { which }) };
  return v;
}

/** Date, numerator, denominator (+ note) cells of one row into a point, or an error for that line. */
function ratioRow(
  line: number,
  cells: [string, string, string, string],
  seen: Map<string, number>,
  proportion: boolean,
  words: RimWords,
): ParsedPoint | ImportError {
  const { t } = words;
  const [dateCell, numCell, denCell, noteCell] = cells;
  if (dateCell.trim() === '') return { line, message: t('import.dateMissing') };
  const date = parseDate(dateCell, words.locale);
  if (!date) return { line, message: notADate(dateCell, words) };
  const num = parseCount(numCell, 'numerator', words);
  if (!num.ok) return { line, message: num.message };
  const den = parseCount(denCell, 'denominator', words);
  if (!den.ok) return { line, message: den.message };
  const n = num.value;
  const d = den.value;
  if (n !== null && d === null) return { line, message: t('import.denominatorMissing') };
  if (n !== null && n > 0 && d === 0) return { line, message: t('import.denominatorZero', { numerator: n }) };
  if (proportion && n !== null && d !== null && n > d) return { line, message: t('import.numeratorOver', { numerator: n, denominator: d }) };
  const earlier = seen.get(date);
  if (earlier !== undefined) return { line, message: duplicate(date, earlier, words) };
  seen.set(date, line);
  return { line, date, value: null, numerator: n, denominator: d, note: noteCell.trim().slice(0, 500) };
}

/**
 * A paste for a proportion or rate measure: tab-separated date, numerator, denominator and an
 * optional note; or, without dates, numerator and denominator per line with dates assigned from
 * the start date and frequency. A first line that is not data (a header) is skipped.
 */
function ratioPaste(body: { line: number; content: string }[], options: PasteOptions, words: RimWords): DataImportResult {
  const { t } = words;
  const cellsOf = (l: { content: string }) => l.content.split('\t');
  const head = cellsOf(body[0]!);
  const isHeader = parseDate(head[0] ?? '', words.locale) === null && hasLetters(body[0]!.content) && !parseValue(head[1] ?? '', words.locale).ok;
  const data = (isHeader ? body.slice(1) : body).filter((l) => l.content.trim() !== '');
  if (data.length > DATA_IMPORT_MAX_ROWS) return tooMany(data.length, 'paste', words);
  const proportion = options.valueType === 'proportion';
  const seen = new Map<string, number>();
  const dated = data.some((l) => parseDate(cellsOf(l)[0] ?? '', words.locale) !== null);
  if (dated) {
    return collect(
      data.map((l) => {
        const [date = '', num = '', den = '', ...note] = cellsOf(l);
        return ratioRow(l.line, [date, num, den, note.join(' ')], seen, proportion, words);
      }),
    );
  }
  if (data.some((l) => !l.content.includes('\t'))) {
    return { rows: [], errors: [{ line: 0, message: t('import.ratioColumns') }] };
  }
  const { startDate, frequency } = options;
  if (!startDate || !frequency || parseDate(startDate) !== startDate) {
    return { rows: [], errors: [{ line: 0, message: t('import.numbersNoDates') }] };
  }
  return collect(
    data.map((l, i) => {
      const [num = '', den = '', ...note] = cellsOf(l);
      return ratioRow(l.line, [seriesDate(startDate, frequency, i), num, den, note.join(' ')], seen, proportion, words);
    }),
  );
}

const XLSX_MAGIC = [0x50, 0x4b, 0x03, 0x04]; // a zip file: every .xlsx is one
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0]; // the old binary .xls (and password-protected .xlsx)

/** A worksheet cell as the text a spreadsheet shows for it (dates as YYYY-MM-DD, numbers in the locale's digits, read back by parseValue). */
function cellText(v: unknown, locale: Locale): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) {
    // The reader gives a date cell as midnight UTC of that day: read the day back in UTC.
    if (Number.isNaN(v.getTime())) return '';
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${v.getUTCFullYear()}-${pad(v.getUTCMonth() + 1)}-${pad(v.getUTCDate())}`;
  }
  if (typeof v === 'number') return Number.isFinite(v) ? formatNumber(v, locale, { useGrouping: false, maximumFractionDigits: 20 }) : '';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return String(v);
}

/**
 * Parse the first worksheet of an Excel workbook (.xlsx): the same columns and rules as a CSV
 * file, with line numbers the worksheet's row numbers. Date cells are read as the dates Excel
 * shows; dates typed as text use the CSV date forms. The old .xls format is refused with advice.
 */
export async function parseDataPointsXlsx(input: ArrayBuffer | Uint8Array, shape: ImportShape, words: RimWords): Promise<DataImportResult> {
  const { t } = words;
  const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  const fail = (message: string): DataImportResult => ({ rows: [], errors: [{ line: 0, message }] });
  if (bytes.length === 0) return fail(t('import.fileEmpty'));
  const starts = (magic: number[]) => magic.every((b, i) => bytes[i] === b);
  if (starts(OLE_MAGIC)) return fail(t('import.oldExcel'));
  if (!starts(XLSX_MAGIC)) return fail(t('import.notXlsx'));
  let data: unknown[][];
  try {
    // A copy that owns exactly these bytes: a view into a larger buffer would hand the reader extra bytes.
    data = await readSheet(bytes.slice().buffer);
  } catch {
    return fail(t('import.damaged'));
  }
  const rows = data.map((cells) => cells.map((c) => cellText(c, words.locale)));
  if (!rows.some((cells) => cells.some((c) => c.trim() !== ''))) return fail(t('import.sheetEmpty'));
  return parseTable(rows, shape, 'worksheet', words);
}

/**
 * A chosen file as points, whatever it is: an Excel workbook (by its bytes, or an .xls/.xlsx
 * name, so an old .xls gets its advice) or a CSV file, which must be UTF-8 text. What the file
 * is decides the reader, not only its name: a workbook renamed .csv is still read as a workbook.
 */
export async function parseDataPointsFile(name: string, bytes: Uint8Array, shape: ImportShape, words: RimWords): Promise<DataImportResult> {
  const fail = (message: string): DataImportResult => ({ rows: [], errors: [{ line: 0, message }] });
  const starts = (magic: number[]) => magic.every((b, i) => bytes[i] === b);
  if (/\.xlsx?$/i.test(name) || starts(XLSX_MAGIC) || starts(OLE_MAGIC)) return parseDataPointsXlsx(bytes, shape, words);
  if (bytes.includes(0)) return fail(words.t('import.notCsvOrXlsx', { name }));
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return fail(words.t('import.notUtf8', { name }));
  }
  return parseDataPointsCsv(text, shape, words);
}
