import { ActionIcon, Button, Stack, Table, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useRef, useState, type ClipboardEvent, type KeyboardEvent } from 'react';
import { isRatioValueType, type DataPoint, type Measure } from '@shared/model/rim';
import { parsePastedPoints, parseValue, seriesDate, type DataImportResult, type ImportError } from '@shared/rim/dataImport';
import { pointProblem, pointValue } from '@shared/rim/measureData';
import { chartUnit } from '@shared/rim/measureChart';
import type { RimWords } from '@shared/rim/words';
import { notifyError, notifySuccess, removeWithUndo } from '../../components/notify';
import { useRepos } from '../../db/live';
import { useFormat, useT } from '../../i18n';
import { today as todayDate } from '@shared/clock';
import { importDataPoints, moveDataPoint, removeDataPoint, restoreDataPoint, setPoint, type ImportRow, type PointPatch } from './commands';
import { trackSave } from '../../stores/saveStatus/store';
import { ImportProblems } from './ImportProblems';
import { importSummary } from './importReport';
import { cellNumber } from './numbers';
import { shownError } from './refusals';
import { useRefusalWords } from './useRimWords';

/**
 * Rendering thousands of inputs makes the page slow; the newest points are the ones being entered,
 * and about this many fit the grid's height before it scrolls.
 */
const MAX_ROWS = 12;

/** The typed columns: one value, or a numerator and a denominator. */
type Column = 'value' | 'numerator' | 'denominator';

/**
 * Fast entry, as in a spreadsheet: one row per point, Enter saves and moves down the same column,
 * Tab moves across; the last row adds the next point (its date follows the measure's frequency).
 * Proportions and rates take a numerator and a denominator, with the ratio worked out beside
 * them. Pasting several lines into a cell imports them from that row's date on (one column into
 * the column pasted into; date, numerator and denominator columns as they come).
 */
export function DataGrid({ measure, points }: { measure: Measure; points: DataPoint[] }) {
  const repos = useRepos();
  const t = useT('rim');
  const said = useRefusalWords();
  const { words } = said;
  const grid = useRef<HTMLTableSectionElement>(null);
  const [problems, setProblems] = useState<ImportError[]>([]);
  const [showAll, setShowAll] = useState(false);
  const ratio = isRatioValueType(measure.valueType);
  const columns: Column[] = ratio ? ['numerator', 'denominator'] : ['value'];
  const shown = showAll ? points : points.slice(-MAX_ROWS);
  const last = points.at(-1);
  const nextDate = last ? seriesDate(last.date, measure.frequency, 1) : todayDate();
  const unit = chartUnit(measure, words);

  const focusCell = (row: number, column: Column) => {
    requestAnimationFrame(() => grid.current?.querySelector<HTMLInputElement>(`[data-cell="${row}:${column}"]`)?.focus());
  };

  const pasteFrom = async (e: ClipboardEvent<HTMLInputElement>, startDate: string, column: Column) => {
    const text = e.clipboardData.getData('text/plain');
    if (!/[\r\n\t]/.test(text.trim())) return; // one value: an ordinary paste into the cell
    e.preventDefault();
    const parsed = parsePaste(measure, text, startDate, column, words);
    setProblems(parsed.errors);
    if (parsed.rows.length === 0) return;
    try {
      const report = await trackSave(() => importDataPoints(repos, measure.id, parsed.rows));
      notifySuccess(importSummary(report, parsed.errors, t));
    } catch (err) {
      notifyError(t('grid.pasteFailed'), shownError(err, said));
    }
  };

  const header = (c: Column) => (c === 'value' ? (measure.unit ? t('grid.valueIn', { unit: measure.unit }) : t('grid.value')) : countName(measure, c, t));

  return (
    <Stack gap="xs">
      {points.length > MAX_ROWS && (
        <Button variant="subtle" size="compact-sm" onClick={() => setShowAll((v) => !v)}>
          {showAll ? t('grid.showLatest', { count: MAX_ROWS }) : t('grid.showAll', { count: points.length })}
        </Button>
      )}
      <Table verticalSpacing={2} horizontalSpacing={4} withRowBorders={false} aria-label={t('grid.label', { measure: measure.name })}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={36}>#</Table.Th>
            <Table.Th>{t('grid.date')}</Table.Th>
            {columns.map((c) => (
              <Table.Th key={c}>{header(c)}</Table.Th>
            ))}
            {ratio && <Table.Th>{unit === '%' ? '%' : t('grid.rate')}</Table.Th>}
            <Table.Th w={36}>
              <VisuallyHidden>{t('grid.remove')}</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody ref={grid}>
          {shown.map((p, i) => (
            <PointRow
              key={p.id}
              measure={measure}
              point={p}
              index={i}
              number={points.length - shown.length + i + 1}
              columns={columns}
              onDown={(c) => focusCell(i + 1, c)}
              onPaste={(e, c) => void pasteFrom(e, p.date, c)}
            />
          ))}
          <NewPointRow measure={measure} index={shown.length} columns={columns} defaultDate={nextDate} onPaste={(e, date, c) => void pasteFrom(e, date, c)} />
        </Table.Tbody>
      </Table>
      <ImportProblems title={t('grid.pasteProblems')} errors={problems} onClose={() => setProblems([])} />
    </Stack>
  );
}

/** A numerator's or denominator's name: the measure's own ("Falls"), else the word for it. */
const countName = (measure: Measure, column: 'numerator' | 'denominator', t: (key: string) => string) =>
  (column === 'numerator' ? measure.numeratorLabel : measure.denominatorLabel) || t(`grid.${column}`);

/** A multi-line paste into a cell of `column`, starting at `startDate`, as rows to import. */
function parsePaste(measure: Measure, text: string, startDate: string, column: Column, words: RimWords): { rows: ImportRow[]; errors: ImportError[] } {
  const options = { startDate, frequency: measure.frequency };
  if (!isRatioValueType(measure.valueType) || column === 'value') return parsePastedPoints(text, options, words);
  // Several columns (date, numerator, denominator): read as they come.
  if (text.trim().includes('\t')) {
    return parsePastedPoints(
      text,
      { ...options, valueType: measure.valueType, numeratorLabel: measure.numeratorLabel, denominatorLabel: measure.denominatorLabel },
      words,
    );
  }
  // One column into the numerator or denominator column: that field of each row, the other kept.
  const parsed: DataImportResult = parsePastedPoints(text, options, words);
  const errors = [...parsed.errors];
  const rows: ImportRow[] = [];
  for (const r of parsed.rows) {
    if (r.value !== null && r.value < 0) errors.push({ line: r.line, message: words.t('import.negativeCount', { which: column }) });
    else rows.push({ date: r.date, value: null, note: r.note, [column]: r.value });
  }
  return { rows, errors: errors.sort((a, b) => a.line - b.line) };
}

interface CellProps {
  label: string;
  stored: number | null;
  cell: string;
  placeholder?: string;
  onCommit: (value: number | null) => Promise<unknown>;
  onEnter: () => void;
  onPaste: (e: ClipboardEvent<HTMLInputElement>) => void;
}

/** A number cell: saves on Enter or leaving it, refuses what is not a number with a message. */
function NumberCell({ label, stored, cell, placeholder = '–', onCommit, onEnter, onPaste }: CellProps) {
  const t = useT('rim');
  const { locale } = useFormat();
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const commit = async () => {
    if (draft === null) return true;
    const parsed = parseValue(draft, locale);
    if (!parsed.ok) {
      setError(t('grid.notANumber', { text: draft }));
      return false;
    }
    setError(null);
    if (parsed.value !== stored) await onCommit(parsed.value);
    setDraft(null);
    return true;
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    void commit().then((ok) => ok && onEnter());
  };
  return (
    <TextInput
      size="xs"
      w={58}
      aria-label={label}
      placeholder={placeholder}
      value={draft ?? cellNumber(stored, locale)}
      error={error}
      data-cell={cell}
      onChange={(e) => setDraft(e.currentTarget.value)}
      onBlur={() => void commit()}
      onKeyDown={onKey}
      onPaste={onPaste}
    />
  );
}

interface RowProps {
  measure: Measure;
  point: DataPoint;
  index: number;
  number: number;
  columns: Column[];
  onDown: (column: Column) => void;
  onPaste: (e: ClipboardEvent<HTMLInputElement>, column: Column) => void;
}

function PointRow({ measure, point, index, number, columns, onDown, onPaste }: RowProps) {
  const repos = useRepos();
  const t = useT('rim');
  const fmt = useFormat();
  const said = useRefusalWords();
  const { words } = said;
  const problem = pointProblem(measure, point, words);
  const ratio = isRatioValueType(measure.valueType);
  const date = fmt.date(point.date);
  const cellLabel = (c: Column) => (c === 'value' ? t('grid.valueOn', { date }) : t('grid.countOn', { name: countName(measure, c, t), date }));
  const ratioValue = pointValue(measure, point);
  const ratioText =
    ratioValue === null
      ? ''
      : chartUnit(measure, words) === '%'
        ? t('grid.percent', { value: fmt.number(ratioValue, { maximumFractionDigits: ratioValue >= 100 ? 0 : 2 }) })
        : fmt.number(ratioValue, { maximumFractionDigits: ratioValue >= 100 ? 0 : 2 });
  const save = (patch: PointPatch) =>
    trackSave(() => setPoint(repos, point.measureId, point.date, patch)).catch((e: unknown) => notifyError(t('grid.saveFailed'), shownError(e, said)));
  const moveTo = (to: string) => {
    if (!to) return;
    trackSave(() => moveDataPoint(repos, point.id, to)).catch((e: unknown) => notifyError(t('grid.moveFailed'), shownError(e, said)));
  };

  return (
    <>
      <Table.Tr data-testid="point-row" data-problem={problem ?? undefined}>
        <Table.Td>
          <Text size="sm" c="dimmed">
            {number}
          </Text>
        </Table.Td>
        <Table.Td>
          <TextInput
            size="xs"
            type="date"
            w={118}
            aria-label={t('grid.dateOf', { number: String(number) })}
            value={point.date}
            onChange={(e) => moveTo(e.currentTarget.value)}
          />
        </Table.Td>
        {columns.map((c) => (
          <Table.Td key={c}>
            <NumberCell
              label={cellLabel(c)}
              stored={point[c]}
              cell={`${index}:${c}`}
              onCommit={(v) => save({ [c]: v })}
              onEnter={() => onDown(c)}
              onPaste={(e) => onPaste(e, c)}
            />
          </Table.Td>
        ))}
        {ratio && (
          <Table.Td>
            <Text size="sm" c={problem ? 'red' : undefined} data-testid="point-ratio">
              {problem ? '!' : ratioText}
            </Text>
          </Table.Td>
        )}
        <Table.Td>
          <ActionIcon
            variant="subtle"
            color="gray"
            aria-label={t('grid.removePoint', { date })}
            onClick={() =>
              void removeWithUndo(
                t('grid.pointRemoved', { date }),
                () => removeDataPoint(repos, point.id),
                (row) => restoreDataPoint(repos, row),
              )
            }
          >
            <IconTrash size={14} />
          </ActionIcon>
        </Table.Td>
      </Table.Tr>
      {problem && (
        <Table.Tr>
          <Table.Td />
          <Table.Td colSpan={columns.length + 3}>
            <Text size="xs" c="red" data-testid="point-problem">
              {problem}
            </Text>
          </Table.Td>
        </Table.Tr>
      )}
    </>
  );
}

interface NewRowProps {
  measure: Measure;
  index: number;
  columns: Column[];
  defaultDate: string;
  onPaste: (e: ClipboardEvent<HTMLInputElement>, date: string, column: Column) => void;
}

/**
 * The row that adds the next point. It moves its own date on as soon as a point is stored, so a
 * fast typist's next value can never land on the date just entered (the stored list catches up a
 * moment later); it follows the list's next date only while nothing is typed in it. With a
 * numerator and a denominator, Enter in the numerator moves to the denominator, and Enter there
 * adds the point.
 */
function NewPointRow({ measure, index, columns, defaultDate, onPaste }: NewRowProps) {
  const repos = useRepos();
  const t = useT('rim');
  const { locale } = useFormat();
  const said = useRefusalWords();
  const [date, setDate] = useState(defaultDate);
  const [followed, setFollowed] = useState(defaultDate);
  const [typed, setTyped] = useState<Partial<Record<Column, string>>>({});
  const [error, setError] = useState<string | null>(null);
  // The latest date entered here. Writes commit in order but may lag several entries behind a
  // fast typist; the list's "next date" then trails what was typed and must never pull this row
  // back onto a date already entered (that would overwrite the point).
  const [entered, setEntered] = useState<string | null>(null);
  const inputs = useRef<Partial<Record<Column, HTMLInputElement | null>>>({});
  const empty = columns.every((c) => (typed[c] ?? '').trim() === '');
  if (defaultDate !== followed) {
    setFollowed(defaultDate);
    if (empty && (entered === null || defaultDate > entered)) setDate(defaultDate);
  }

  const add = async () => {
    if (empty) return;
    const patch: PointPatch = {};
    for (const c of columns) {
      const parsed = parseValue(typed[c] ?? '', locale);
      if (!parsed.ok) return setError(t('grid.notANumber', { text: typed[c] ?? '' }));
      patch[c] = parsed.value;
    }
    if (!date) return setError(t('grid.chooseDate'));
    setError(null);
    const before = typed;
    // The next row's date and empty cells right away, before the write commits.
    setTyped({});
    setEntered((prev) => (prev !== null && prev > date ? prev : date));
    setDate(seriesDate(date, measure.frequency, 1));
    inputs.current[columns[0]!]?.focus();
    try {
      await trackSave(() => setPoint(repos, measure.id, date, patch));
    } catch (e) {
      setTyped(before);
      setDate(date);
      notifyError(t('grid.addFailed'), shownError(e, said));
    }
  };

  const label = (c: Column) => (c === 'value' ? t('grid.newValue') : t('grid.newCount', { name: countName(measure, c, t) }));

  return (
    <Table.Tr data-testid="new-point-row">
      <Table.Td>
        <Text size="sm" c="dimmed">
          {t('grid.new')}
        </Text>
      </Table.Td>
      <Table.Td>
        <TextInput size="xs" type="date" w={118} aria-label={t('grid.newDate')} value={date} onChange={(e) => setDate(e.currentTarget.value)} />
      </Table.Td>
      {columns.map((c, k) => (
        <Table.Td key={c}>
          <TextInput
            size="xs"
            aria-label={label(c)}
            ref={(el) => {
              inputs.current[c] = el;
            }}
            placeholder={columns.length === 1 ? t('grid.typeValue') : t('grid.enter')}
            w={columns.length === 1 ? undefined : 58}
            value={typed[c] ?? ''}
            error={k === 0 ? error : undefined}
            data-cell={`${index}:${c}`}
            onChange={(e) => {
              const value = e.currentTarget.value;
              setTyped((t) => ({ ...t, [c]: value }));
            }}
            onKeyDown={(e) => {
              if (e.key !== 'Enter') return;
              e.preventDefault();
              if (k < columns.length - 1) inputs.current[columns[k + 1]!]?.focus();
              else void add();
            }}
            onPaste={(e) => onPaste(e, date, c)}
          />
        </Table.Td>
      ))}
      {columns.length > 1 && <Table.Td />}
      <Table.Td />
    </Table.Tr>
  );
}
