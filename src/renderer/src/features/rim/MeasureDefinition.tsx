import { Alert, Grid, Select } from '@mantine/core';
import {
  MEASURE_DIRECTION_LABELS,
  MEASURE_FREQUENCIES,
  MEASURE_FREQUENCY_LABELS,
  MEASURE_KINDS,
  MEASURE_KIND_LABELS,
  MEASURE_VALUE_TYPES,
  MEASURE_VALUE_TYPE_LABELS,
  isRatioValueType,
  type Measure,
} from '@shared/model/rim';
import { AutosaveNumberInput, AutosaveTextarea, AutosaveTextInput } from '../../components/AutosaveFields';
import { notifyError } from '../../components/notify';
import { useRepos } from '../../db/live';
import { trackSave } from '../../stores/saveStatus/store';
import { NullableNumberInput } from './NullableNumberInput';
import { updateMeasure } from './commands';

const options = <T extends string>(values: readonly T[], labels: Record<T, string>) => values.map((v) => ({ value: v, label: labels[v] }));

/** A measure's definition: what is counted and how, so two people counting get the same number. */
export function MeasureDefinition({ measure, hasPoints }: { measure: Measure; hasPoints: boolean }) {
  const repos = useRepos();
  const save = (patch: Parameters<typeof updateMeasure>[2]) => trackSave(() => updateMeasure(repos, measure.id, patch));
  const saveNow = (patch: Partial<Measure>) => void save(patch).catch((e: unknown) => notifyError('Could not save the measure', e));
  return (
    <Grid>
      <Grid.Col span={{ base: 12, md: 6 }}>
        <AutosaveTextInput draftKey={`measures:${measure.id}:name`} label="Name" value={measure.name} onSave={(name) => save({ name })} />
      </Grid.Col>
      <Grid.Col span={{ base: 6, md: 3 }}>
        <Select
          label="Kind"
          data={options(MEASURE_KINDS, MEASURE_KIND_LABELS)}
          value={measure.kind}
          allowDeselect={false}
          onChange={(kind) => kind && saveNow({ kind: kind as Measure['kind'] })}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 6, md: 3 }}>
        <Select
          label="Better is"
          data={options(['up', 'down'] as const, MEASURE_DIRECTION_LABELS)}
          value={measure.direction}
          allowDeselect={false}
          onChange={(d) => d && saveNow({ direction: d as Measure['direction'] })}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 6 }}>
        <Select
          label="Each point is"
          data={options(MEASURE_VALUE_TYPES, MEASURE_VALUE_TYPE_LABELS)}
          value={measure.valueType}
          allowDeselect={false}
          onChange={(t) => t && saveNow({ valueType: t as Measure['valueType'] })}
        />
      </Grid.Col>
      {measure.valueType === 'rate' && (
        <Grid.Col span={{ base: 6, md: 2 }}>
          <AutosaveNumberInput label="Per" min={1} allowDecimal={false} thousandSeparator="," value={measure.ratePer} onSave={(ratePer) => save({ ratePer })} />
        </Grid.Col>
      )}
      {isRatioValueType(measure.valueType) && (
        <>
          <Grid.Col span={{ base: 6, md: measure.valueType === 'rate' ? 2 : 3 }}>
            <AutosaveTextInput
              draftKey={`measures:${measure.id}:numeratorLabel`}
              label="Numerator"
              placeholder={measure.valueType === 'rate' ? 'e.g. Falls' : 'e.g. Seen in 30 min'}
              value={measure.numeratorLabel}
              onSave={(numeratorLabel) => save({ numeratorLabel })}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 6, md: measure.valueType === 'rate' ? 2 : 3 }}>
            <AutosaveTextInput
              draftKey={`measures:${measure.id}:denominatorLabel`}
              label="Denominator"
              placeholder={measure.valueType === 'rate' ? 'e.g. Patient days' : 'e.g. Patients seen'}
              value={measure.denominatorLabel}
              onSave={(denominatorLabel) => save({ denominatorLabel })}
            />
          </Grid.Col>
        </>
      )}
      {hasPoints && (
        <Grid.Col span={12}>
          <Alert color="gray" variant="light" p="xs" data-testid="value-type-note">
            Changing what a point is never deletes data: values stay stored when a measure becomes a proportion or a rate (enter numerators and denominators to
            chart it), and come back if it is changed back.
          </Alert>
        </Grid.Col>
      )}
      <Grid.Col span={12}>
        <AutosaveTextarea
          draftKey={`measures:${measure.id}:operationalDefinition`}
          label="Operational definition"
          placeholder="Exactly what is counted, and how"
          value={measure.operationalDefinition}
          onSave={(operationalDefinition) => save({ operationalDefinition })}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 6, md: 3 }}>
        <AutosaveTextInput draftKey={`measures:${measure.id}:unit`} label="Unit" placeholder="e.g. %" value={measure.unit} onSave={(unit) => save({ unit })} />
      </Grid.Col>
      <Grid.Col span={{ base: 6, md: 3 }}>
        <Select
          label="Frequency"
          data={options(MEASURE_FREQUENCIES, MEASURE_FREQUENCY_LABELS)}
          value={measure.frequency}
          allowDeselect={false}
          onChange={(f) => f && saveNow({ frequency: f as Measure['frequency'] })}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 6, md: 3 }}>
        <NullableNumberInput label="Baseline" value={measure.baseline} onSave={(baseline) => save({ baseline })} />
      </Grid.Col>
      <Grid.Col span={{ base: 6, md: 3 }}>
        <NullableNumberInput label="Target" value={measure.target} onSave={(target) => save({ target })} />
      </Grid.Col>
      <Grid.Col span={12}>
        <AutosaveTextInput
          draftKey={`measures:${measure.id}:dataSource`}
          label="Data source"
          placeholder="e.g. incident reports, nightly census"
          value={measure.dataSource}
          onSave={(dataSource) => save({ dataSource })}
        />
      </Grid.Col>
    </Grid>
  );
}
