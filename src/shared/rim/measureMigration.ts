import type { DataPoint, Measure } from '../model/rim';

// Brings a measure and its data points stored before numerator/denominator measures existed up
// to the current shape, for the store's schema upgrade. Every device computes the same result
// from the same row, so the upgrade writes it directly (no change to sync, no new timestamps):
// nothing about the record changed that another laptop could disagree with.
//
// Existing measures become measurements, their points keep their values and get empty numerator
// and denominator. Nothing is guessed from a unit or a name: a "%" measure without its numerators
// and denominators cannot become a proportion, and a wrong guess would change the team's chart.

/** Fields added by the numerator/denominator change, with the value a record made before it gets. */
export const MEASURE_DEFAULTS = {
  valueType: 'measurement',
  ratePer: 1000,
  numeratorLabel: '',
  denominatorLabel: '',
  chart: null,
} as const satisfies Partial<Measure>;

export const DATA_POINT_DEFAULTS = { numerator: null, denominator: null } as const satisfies Partial<DataPoint>;

type Added<T, K extends keyof T> = Omit<T, K> & Partial<Pick<T, K>>;

/** A measure row as an older version of the app stored it (the new fields may be missing). */
export type StoredMeasure = Added<Measure, keyof typeof MEASURE_DEFAULTS>;
/** A data point row as an older version of the app stored it. */
export type StoredDataPoint = Added<DataPoint, keyof typeof DATA_POINT_DEFAULTS>;

const lacks = (row: object, defaults: object): boolean => Object.keys(defaults).some((k) => (row as Record<string, unknown>)[k] === undefined);

/** Fills the fields a row lacks (absent or undefined); every field it has is kept as it is. */
function withDefaults<T extends object>(row: object, defaults: object): T {
  const out: Record<string, unknown> = { ...row };
  for (const [k, v] of Object.entries(defaults)) if (out[k] === undefined) out[k] = v;
  return out as T;
}

/** Whether a stored measure lacks any of the new fields (so the upgrade can leave done rows alone). */
export const measureNeedsMigration = (m: StoredMeasure): boolean => lacks(m, MEASURE_DEFAULTS);
export const dataPointNeedsMigration = (p: StoredDataPoint): boolean => lacks(p, DATA_POINT_DEFAULTS);

/** The measure in the current shape. Idempotent: a measure already migrated comes back equal. */
export const migrateMeasure = (m: StoredMeasure): Measure => withDefaults<Measure>(m, MEASURE_DEFAULTS);

/** The data point in the current shape. Idempotent. */
export const migrateDataPoint = (p: StoredDataPoint): DataPoint => withDefaults<DataPoint>(p, DATA_POINT_DEFAULTS);

/** A measure and its points in the current shape, with whether anything changed. */
export function migrateMeasureWithPoints(
  measure: StoredMeasure,
  points: readonly StoredDataPoint[],
): { measure: Measure; points: DataPoint[]; changed: boolean } {
  const changed = measureNeedsMigration(measure) || points.some(dataPointNeedsMigration);
  return { measure: migrateMeasure(measure), points: points.map(migrateDataPoint), changed };
}
