import { Alert, Grid, Select } from '@mantine/core';
import { MEASURE_FREQUENCIES, MEASURE_KINDS, MEASURE_VALUE_TYPES, isRatioValueType, type Measure } from '@shared/model/rim';
import type { RimWords } from '@shared/rim/words';
import { AutosaveNumberInput, AutosaveTextarea, AutosaveTextInput } from '../../components/AutosaveFields';
import { notifyError } from '../../components/notify';
import { useRepos } from '../../db/live';
import { useT } from '../../i18n';
import { trackSave } from '../../stores/saveStatus/store';
import { NullableNumberInput } from './NullableNumberInput';
import { updateMeasure } from './commands';
import { numberSeparators } from '@shared/i18n/format';
import { useRimWords } from './useRimWords';

/** Select options of a vocabulary list, labelled in the screens' language. */
const options = <T extends string>(values: readonly T[], vocab: string, { t }: RimWords) => values.map((v) => ({ value: v, label: t(`vocab.${vocab}.${v}`) }));

/** A measure's definition: what is counted and how, so two people counting get the same number. */
export function MeasureDefinition({ measure, hasPoints }: { measure: Measure; hasPoints: boolean }) {
  const repos = useRepos();
  const t = useT('rim');
  const words = useRimWords();
  const separators = numberSeparators(words.locale);
  const save = (patch: Parameters<typeof updateMeasure>[2]) => trackSave(() => updateMeasure(repos, measure.id, patch));
  const saveNow = (patch: Partial<Measure>) => void save(patch).catch((e: unknown) => notifyError(t('measure.saveFailed'), e));
  return (
    <Grid>
      <Grid.Col span={{ base: 12, md: 6 }}>
        <AutosaveTextInput draftKey={`measures:${measure.id}:name`} label={t('measure.field.name')} value={measure.name} onSave={(name) => save({ name })} />
      </Grid.Col>
      <Grid.Col span={{ base: 6, md: 3 }}>
        <Select
          label={t('measure.field.kind')}
          data={options(MEASURE_KINDS, 'measureKind', words)}
          value={measure.kind}
          allowDeselect={false}
          onChange={(kind) => kind && saveNow({ kind: kind as Measure['kind'] })}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 6, md: 3 }}>
        <Select
          label={t('measure.field.direction')}
          data={options(['up', 'down'] as const, 'direction', words)}
          value={measure.direction}
          allowDeselect={false}
          onChange={(d) => d && saveNow({ direction: d as Measure['direction'] })}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 6 }}>
        <Select
          label={t('measure.field.valueType')}
          data={options(MEASURE_VALUE_TYPES, 'valueType', words)}
          value={measure.valueType}
          allowDeselect={false}
          onChange={(t) => t && saveNow({ valueType: t as Measure['valueType'] })}
        />
      </Grid.Col>
      {measure.valueType === 'rate' && (
        <Grid.Col span={{ base: 6, md: 2 }}>
          <AutosaveNumberInput
            label={t('measure.field.per')}
            min={1}
            allowDecimal={false}
            {...separators}
            value={measure.ratePer}
            onSave={(ratePer) => save({ ratePer })}
          />
        </Grid.Col>
      )}
      {isRatioValueType(measure.valueType) && (
        <>
          <Grid.Col span={{ base: 6, md: measure.valueType === 'rate' ? 2 : 3 }}>
            <AutosaveTextInput
              draftKey={`measures:${measure.id}:numeratorLabel`}
              label={t('measure.field.numerator')}
              placeholder={measure.valueType === 'rate' ? t('measure.field.numeratorRateExample') : t('measure.field.numeratorExample')}
              value={measure.numeratorLabel}
              onSave={(numeratorLabel) => save({ numeratorLabel })}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 6, md: measure.valueType === 'rate' ? 2 : 3 }}>
            <AutosaveTextInput
              draftKey={`measures:${measure.id}:denominatorLabel`}
              label={t('measure.field.denominator')}
              placeholder={measure.valueType === 'rate' ? t('measure.field.denominatorRateExample') : t('measure.field.denominatorExample')}
              value={measure.denominatorLabel}
              onSave={(denominatorLabel) => save({ denominatorLabel })}
            />
          </Grid.Col>
        </>
      )}
      {hasPoints && (
        <Grid.Col span={12}>
          <Alert color="gray" variant="light" p="xs" data-testid="value-type-note">
            {t('measure.valueTypeNote')}
          </Alert>
        </Grid.Col>
      )}
      <Grid.Col span={12}>
        <AutosaveTextarea
          draftKey={`measures:${measure.id}:operationalDefinition`}
          label={t('measure.field.definition')}
          placeholder={t('measure.field.definitionHint')}
          value={measure.operationalDefinition}
          onSave={(operationalDefinition) => save({ operationalDefinition })}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 6, md: 3 }}>
        <AutosaveTextInput
          draftKey={`measures:${measure.id}:unit`}
          label={t('measure.field.unit')}
          placeholder={t('measure.field.unitExample')}
          value={measure.unit}
          onSave={(unit) => save({ unit })}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 6, md: 3 }}>
        <Select
          label={t('measure.field.frequency')}
          data={options(MEASURE_FREQUENCIES, 'frequency', words)}
          value={measure.frequency}
          allowDeselect={false}
          onChange={(f) => f && saveNow({ frequency: f as Measure['frequency'] })}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 6, md: 3 }}>
        <NullableNumberInput
          label={t('measure.field.baseline')}
          decimalSeparator={separators.decimalSeparator}
          value={measure.baseline}
          onSave={(baseline) => save({ baseline })}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 6, md: 3 }}>
        <NullableNumberInput
          label={t('measure.field.target')}
          decimalSeparator={separators.decimalSeparator}
          value={measure.target}
          onSave={(target) => save({ target })}
        />
      </Grid.Col>
      <Grid.Col span={12}>
        <AutosaveTextInput
          draftKey={`measures:${measure.id}:dataSource`}
          label={t('measure.field.source')}
          placeholder={t('measure.field.sourceExample')}
          value={measure.dataSource}
          onSave={(dataSource) => save({ dataSource })}
        />
      </Grid.Col>
    </Grid>
  );
}
