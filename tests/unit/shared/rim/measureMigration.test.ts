import { describe, expect, it } from 'vitest';
import { DataPoint, DataPointFields, Measure, MeasureFields } from '@shared/model/rim';
import {
  dataPointNeedsMigration,
  measureNeedsMigration,
  migrateDataPoint,
  migrateMeasure,
  migrateMeasureWithPoints,
  type StoredDataPoint,
  type StoredMeasure,
} from '@shared/rim/measureMigration';

const at = '2026-03-02T15:04:05.000Z';
const measureId = '0190aaaa-0000-7000-8000-00000000a001';
const projectId = '0190aaaa-0000-7000-8000-00000000a002';

/** A measure exactly as the previous version of the app stored it (no numerator/denominator fields). */
const legacyMeasure: StoredMeasure = {
  id: measureId,
  createdAt: at,
  updatedAt: at,
  projectId,
  name: 'Falls per month on 4 West',
  kind: 'outcome',
  operationalDefinition: 'Falls reported in the incident system, any harm level.',
  unit: 'falls',
  dataSource: 'Incident reporting',
  frequency: 'monthly',
  direction: 'down',
  baseline: 6,
  target: 3,
  position: 1,
  frozenBaselineCount: 12,
  frozenReason: 'Twelve months before the bed alarm pilot',
  frozenAt: at,
};

const legacyPoints: StoredDataPoint[] = [
  { id: '0190aaaa-0000-7000-8000-00000000a010', createdAt: at, updatedAt: at, measureId, date: '2026-01-01', value: 5, note: 'holiday staffing' },
  { id: '0190aaaa-0000-7000-8000-00000000a011', createdAt: at, updatedAt: at, measureId, date: '2026-02-01', value: null, note: '' },
];

describe('measure model: numerator and denominator measures', () => {
  it('reads a measure stored before the change as a measurement, with every field kept', () => {
    const parsed = Measure.parse(legacyMeasure);
    expect(parsed).toMatchObject({ ...legacyMeasure, valueType: 'measurement', ratePer: 1000, numeratorLabel: '', denominatorLabel: '' });
  });

  it('reads a data point stored before the change with an empty numerator and denominator', () => {
    expect(DataPoint.parse(legacyPoints[0])).toEqual({ ...legacyPoints[0], numerator: null, denominator: null });
  });

  it('accepts a rate measure per 1,000 patient days with its labels, and a proportion', () => {
    const rate = MeasureFields.parse({
      projectId,
      name: 'Falls per 1,000 patient days',
      kind: 'outcome',
      direction: 'down',
      position: 2,
      valueType: 'rate',
      ratePer: 1000,
      numeratorLabel: 'Falls',
      denominatorLabel: 'Patient days',
    });
    expect(rate).toMatchObject({ valueType: 'rate', ratePer: 1000, numeratorLabel: 'Falls', denominatorLabel: 'Patient days' });
    expect(MeasureFields.parse({ projectId, name: 'Seen in 30 min', kind: 'process', direction: 'up', position: 3, valueType: 'proportion' }).valueType).toBe(
      'proportion',
    );
  });

  it('refuses an unknown value type, a rate per 0 units and negative counts, saying which field', () => {
    const bad = MeasureFields.safeParse({ projectId, name: 'x', kind: 'outcome', direction: 'up', position: 1, valueType: 'ratio', ratePer: 0 });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.path.join('.'))).toEqual(['valueType', 'ratePer']);
    const point = DataPointFields.safeParse({ measureId, date: '2026-01-01', value: null, numerator: -1, denominator: 30 });
    expect(point.success).toBe(false);
    expect(point.error?.issues).toEqual([expect.objectContaining({ path: ['numerator'], message: 'cannot be negative' })]);
  });

  it('keeps a numerator and denominator point with no stored value (the ratio is worked out when drawn)', () => {
    const p = DataPointFields.parse({ measureId, date: '2026-01-05', value: null, numerator: 4, denominator: 1210 });
    expect(p).toMatchObject({ value: null, numerator: 4, denominator: 1210 });
  });
});

describe('migrating a stored measure and its points', () => {
  it('adds the new fields with their defaults and changes nothing else', () => {
    const { measure, points, changed } = migrateMeasureWithPoints(legacyMeasure, legacyPoints);
    expect(changed).toBe(true);
    expect(measure).toEqual({ ...legacyMeasure, valueType: 'measurement', ratePer: 1000, numeratorLabel: '', denominatorLabel: '', chart: null });
    expect(points).toEqual(legacyPoints.map((p) => ({ ...p, numerator: null, denominator: null })));
    // Timestamps stay: the migration is not an edit, so it is not synced as one.
    expect(measure.updatedAt).toBe(at);
    // The result is a valid record of the current model.
    expect(Measure.parse(measure)).toEqual(measure);
    for (const p of points) expect(DataPoint.parse(p)).toEqual(p);
  });

  it('is idempotent: a migrated or newer record comes back equal and is not reported as changed', () => {
    const once = migrateMeasureWithPoints(legacyMeasure, legacyPoints);
    const twice = migrateMeasureWithPoints(once.measure, once.points);
    expect(twice).toEqual({ measure: once.measure, points: once.points, changed: false });
    const rate = { ...once.measure, valueType: 'rate' as const, ratePer: 10_000, numeratorLabel: 'Infections', denominatorLabel: 'Line days' };
    expect(migrateMeasure(rate)).toEqual(rate);
    expect(measureNeedsMigration(rate)).toBe(false);
    const ratioPoint = { ...once.points[0]!, value: null, numerator: 2, denominator: 870 };
    expect(migrateDataPoint(ratioPoint)).toEqual(ratioPoint);
    expect(dataPointNeedsMigration(ratioPoint)).toBe(false);
  });

  it('treats a field stored as undefined as missing', () => {
    const withHole = { ...legacyMeasure, valueType: undefined } as unknown as StoredMeasure;
    expect(measureNeedsMigration(withHole)).toBe(true);
    expect(migrateMeasure(withHole).valueType).toBe('measurement');
  });

  it('does not guess a proportion from a % unit: without numerators and denominators it stays a measurement', () => {
    const percent = { ...legacyMeasure, name: 'Hand hygiene compliance', unit: '%' };
    expect(migrateMeasure(percent).valueType).toBe('measurement');
  });

  it('migrates a measure with no points', () => {
    expect(migrateMeasureWithPoints(legacyMeasure, []).points).toEqual([]);
  });
});
