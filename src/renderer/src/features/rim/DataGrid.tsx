import { ActionIcon, Button, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useRef, useState, type ClipboardEvent, type KeyboardEvent } from 'react';
import type { DataPoint, Measure } from '@shared/model/rim';
import { parsePastedPoints, parseValue, seriesDate, type ImportError } from '@shared/rim/dataImport';
import { notifyError, notifySuccess, removeWithUndo } from '../../components/notify';
import { useRepos } from '../../db/live';
import { today as todayDate } from '@shared/clock';
import { importDataPoints, moveDataPoint, removeDataPoint, restoreDataPoint, setDataPoint } from './commands';
import { trackSave } from '../../stores/saveStatus/store';
import { ImportProblems } from './ImportProblems';
import { importSummary } from './importReport';

/** Rendering thousands of inputs makes the page slow; the newest points are the ones being entered. */
const MAX_ROWS = 20;

const formatValue = (v: number | null) => (v === null ? '' : String(v));

/**
 * Fast entry: one row per point, Enter saves and moves down, the last row adds the next point
 * (its date follows the measure's frequency). Pasting several lines into a value cell imports them
 * from that row's date on.
 */
export function DataGrid({ measure, points }: { measure: Measure; points: DataPoint[] }) {
  const repos = useRepos();
  const grid = useRef<HTMLTableSectionElement>(null);
  const [problems, setProblems] = useState<ImportError[]>([]);
  const [showAll, setShowAll] = useState(false);
  const shown = showAll ? points : points.slice(-MAX_ROWS);
  const last = points.at(-1);
  const nextDate = last ? seriesDate(last.date, measure.frequency, 1) : todayDate();

  const focusRow = (index: number) => {
    requestAnimationFrame(() => grid.current?.querySelector<HTMLInputElement>(`[data-value-row="${index}"]`)?.focus());
  };

  const pasteFrom = async (e: ClipboardEvent<HTMLInputElement>, startDate: string) => {
    const text = e.clipboardData.getData('text/plain');
    if (!/[\r\n\t]/.test(text.trim())) return; // one value: an ordinary paste into the cell
    e.preventDefault();
    const parsed = parsePastedPoints(text, { startDate, frequency: measure.frequency });
    setProblems(parsed.errors);
    if (parsed.rows.length === 0) return;
    try {
      const report = await trackSave(() => importDataPoints(repos, measure.id, parsed.rows));
      notifySuccess(importSummary(report, parsed.errors));
    } catch (err) {
      notifyError('The paste was not imported', err);
    }
  };

  return (
    <Stack gap="xs">
      {points.length > MAX_ROWS && (
        <Button variant="subtle" size="compact-sm" onClick={() => setShowAll((v) => !v)}>
          {showAll ? `Show the latest ${MAX_ROWS} points` : `Show all ${points.length} points`}
        </Button>
      )}
      <Table verticalSpacing={2} withRowBorders={false} aria-label={`Data for ${measure.name}`}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={60}>#</Table.Th>
            <Table.Th>Date</Table.Th>
            <Table.Th>Value{measure.unit ? ` (${measure.unit})` : ''}</Table.Th>
            <Table.Th w={40} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody ref={grid}>
          {shown.map((p, i) => (
            <PointRow
              key={p.id}
              point={p}
              index={i}
              number={points.length - shown.length + i + 1}
              onNext={() => focusRow(i + 1)}
              onPaste={(e) => void pasteFrom(e, p.date)}
            />
          ))}
          <NewPointRow
            measureId={measure.id}
            frequency={measure.frequency}
            index={shown.length}
            defaultDate={nextDate}
            onPaste={(e, date) => void pasteFrom(e, date)}
          />
        </Table.Tbody>
      </Table>
      <ImportProblems title="Some pasted lines were not imported" errors={problems} onClose={() => setProblems([])} />
    </Stack>
  );
}

interface RowProps {
  point: DataPoint;
  index: number;
  number: number;
  onNext: () => void;
  onPaste: (e: ClipboardEvent<HTMLInputElement>) => void;
}

function PointRow({ point, index, number, onNext, onPaste }: RowProps) {
  const repos = useRepos();
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const value = draft ?? formatValue(point.value);

  const commit = async () => {
    if (draft === null) return true;
    const parsed = parseValue(draft);
    if (!parsed.ok) {
      setError(`“${draft}” is not a number`);
      return false;
    }
    setError(null);
    if (parsed.value !== point.value)
      await trackSave(() => setDataPoint(repos, point.measureId, point.date, parsed.value)).catch((e: unknown) => notifyError('Could not save the point', e));
    setDraft(null);
    return true;
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    void commit().then((ok) => ok && onNext());
  };
  const moveTo = (date: string) => {
    if (!date) return;
    trackSave(() => moveDataPoint(repos, point.id, date)).catch((e: unknown) => notifyError('Could not change the date', e));
  };

  return (
    <Table.Tr data-testid="point-row">
      <Table.Td>
        <Text size="sm" c="dimmed">
          {number}
        </Text>
      </Table.Td>
      <Table.Td>
        <TextInput size="xs" type="date" aria-label={`Date of point ${number}`} value={point.date} onChange={(e) => moveTo(e.currentTarget.value)} />
      </Table.Td>
      <Table.Td>
        <TextInput
          size="xs"
          aria-label={`Value on ${point.date}`}
          placeholder="–"
          value={value}
          error={error}
          data-value-row={index}
          onChange={(e) => setDraft(e.currentTarget.value)}
          onBlur={() => void commit()}
          onKeyDown={onKey}
          onPaste={onPaste}
        />
      </Table.Td>
      <Table.Td>
        <ActionIcon
          variant="subtle"
          color="gray"
          aria-label={`Remove the point on ${point.date}`}
          onClick={() =>
            void removeWithUndo(
              `Point on ${point.date} removed`,
              () => removeDataPoint(repos, point.id),
              (row) => restoreDataPoint(repos, row),
            )
          }
        >
          <IconTrash size={14} />
        </ActionIcon>
      </Table.Td>
    </Table.Tr>
  );
}

interface NewRowProps {
  measureId: string;
  frequency: Measure['frequency'];
  index: number;
  defaultDate: string;
  onPaste: (e: ClipboardEvent<HTMLInputElement>, date: string) => void;
}

/**
 * The row that adds the next point. It moves its own date on as soon as a point is stored, so a
 * fast typist's next value can never land on the date just entered (the stored list catches up a
 * moment later); it follows the list's next date only while nothing is typed in it.
 */
function NewPointRow({ measureId, frequency, index, defaultDate, onPaste }: NewRowProps) {
  const repos = useRepos();
  const [date, setDate] = useState(defaultDate);
  const [followed, setFollowed] = useState(defaultDate);
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  // The latest date entered here. Writes commit in order but may lag several entries behind a
  // fast typist; the list's "next date" then trails what was typed and must never pull this row
  // back onto a date already entered (that would overwrite the point).
  const [entered, setEntered] = useState<string | null>(null);
  if (defaultDate !== followed) {
    setFollowed(defaultDate);
    if (value === '' && (entered === null || defaultDate > entered)) setDate(defaultDate);
  }

  const add = async () => {
    if (value.trim() === '') return;
    const parsed = parseValue(value);
    if (!parsed.ok) return setError(`“${value}” is not a number`);
    if (!date) return setError('Choose the date of the point');
    setError(null);
    const typed = value;
    // The next row's date and an empty cell right away, before the write commits.
    setValue('');
    setEntered((prev) => (prev !== null && prev > date ? prev : date));
    setDate(seriesDate(date, frequency, 1));
    try {
      await trackSave(() => setDataPoint(repos, measureId, date, parsed.value));
    } catch (e) {
      setValue(typed);
      setDate(date);
      notifyError('Could not add the point', e);
    }
  };

  return (
    <Table.Tr data-testid="new-point-row">
      <Table.Td>
        <Text size="sm" c="dimmed">
          new
        </Text>
      </Table.Td>
      <Table.Td>
        <TextInput size="xs" type="date" aria-label="Date of the new point" value={date} onChange={(e) => setDate(e.currentTarget.value)} />
      </Table.Td>
      <Table.Td>
        <Group gap={4} wrap="nowrap">
          <TextInput
            size="xs"
            aria-label="Value of the new point"
            placeholder="type a value, Enter"
            value={value}
            error={error}
            data-value-row={index}
            onChange={(e) => setValue(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                void add();
              }
            }}
            onPaste={(e) => onPaste(e, date)}
            style={{ flex: 1 }}
          />
        </Group>
      </Table.Td>
      <Table.Td />
    </Table.Tr>
  );
}
