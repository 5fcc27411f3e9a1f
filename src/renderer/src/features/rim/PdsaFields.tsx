import { Grid, Group, Radio, SegmentedControl, Stack, Text, TextInput, Title } from '@mantine/core';
import { PDSA_DECISIONS, type PdsaCycle, type PdsaDecision } from '@shared/model/rim';
import { AutosaveTextarea } from '../../components/AutosaveFields';
import { useT } from '../../i18n';
import { useRimWords } from './useRimWords';

type Save = (patch: Partial<PdsaCycle>) => Promise<unknown>;
interface Props {
  cycle: PdsaCycle;
  save: Save;
  saveNow: (patch: Partial<PdsaCycle>) => void;
  /** The last refused stage move's problem for a field, in the screens' words; undefined when the field is fine. */
  problem: (field: string) => string | undefined;
}

function Area({
  cycle,
  save,
  problem,
  field,
  label,
  placeholder,
  required = false,
}: Pick<Props, 'cycle' | 'save' | 'problem'> & { field: keyof PdsaCycle & string; label: string; placeholder?: string; required?: boolean }) {
  const shown = problem(field);
  return (
    <AutosaveTextarea
      draftKey={`pdsaCycles:${cycle.id}:${String(field)}`}
      label={label}
      placeholder={placeholder}
      withAsterisk={required}
      value={cycle[field] as string}
      onSave={(v) => save({ [field]: v })}
      // AutosaveTextarea owns its error slot (save errors); the stage rule's problem is the description.
      description={shown}
      styles={shown ? { description: { color: 'var(--mantine-color-red-7)' } } : undefined}
      data-testid={`pdsa-${field}`}
    />
  );
}

export function PlanFields({ cycle, save, saveNow, problem }: Props) {
  const t = useT('rim');
  const words = useRimWords();
  const area = { cycle, save, problem };
  return (
    <Stack gap="xs" data-testid="pdsa-plan">
      <Title order={4} size="h5">
        {words.t('vocab.stage.plan')}
      </Title>
      <Grid>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Area {...area} field="objective" label={t('pdsa.objective')} placeholder={t('pdsa.objectiveHint')} required />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Area {...area} field="question" label={t('pdsa.question')} placeholder={t('pdsa.questionHint')} />
        </Grid.Col>
        <Grid.Col span={12}>
          <Area {...area} field="prediction" label={t('pdsa.prediction')} placeholder={t('pdsa.predictionHint')} required />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Area {...area} field="who" label={t('pdsa.who')} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Area {...area} field="what" label={t('pdsa.what')} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Area {...area} field="when" label={t('pdsa.when')} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Area {...area} field="where" label={t('pdsa.where')} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Area {...area} field="dataCollection" label={t('pdsa.dataCollection')} placeholder={t('pdsa.dataCollectionHint')} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <TextInput
            label={t('pdsa.plannedOn')}
            type="date"
            value={cycle.plannedOn ?? ''}
            onChange={(e) => saveNow({ plannedOn: e.currentTarget.value || null })}
          />
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

export function DoFields({ cycle, save, saveNow, problem }: Props) {
  const t = useT('rim');
  const words = useRimWords();
  const answer = cycle.doneAsPlanned === null ? '' : cycle.doneAsPlanned ? 'yes' : 'no';
  return (
    <Stack gap="xs" data-testid="pdsa-do">
      <Title order={4} size="h5">
        {words.t('vocab.stage.do')}
      </Title>
      <Group align="flex-end">
        <Radio.Group
          label={t('pdsa.doneAsPlanned')}
          value={answer}
          onChange={(v) => saveNow({ doneAsPlanned: v === 'yes' })}
          error={problem('doneAsPlanned')}
          withAsterisk
        >
          <Group mt={4}>
            <Radio value="yes" label={t('pdsa.yes')} />
            <Radio value="no" label={t('pdsa.no')} />
          </Group>
        </Radio.Group>
        <TextInput label={t('pdsa.doneOn')} type="date" value={cycle.doneOn ?? ''} onChange={(e) => saveNow({ doneOn: e.currentTarget.value || null })} />
      </Group>
      <Area cycle={cycle} save={save} problem={problem} field="observations" label={t('pdsa.observations')} placeholder={t('pdsa.observationsHint')} required />
    </Stack>
  );
}

export function StudyFields({ cycle, save, problem }: Props) {
  const t = useT('rim');
  const words = useRimWords();
  return (
    <Stack gap="xs" data-testid="pdsa-study">
      <Title order={4} size="h5">
        {words.t('vocab.stage.study')}
      </Title>
      {cycle.prediction && (
        <Text size="sm" c="dimmed">
          {t('pdsa.predictionWas', { prediction: cycle.prediction })}
        </Text>
      )}
      <Area cycle={cycle} save={save} problem={problem} field="results" label={t('pdsa.results')} required />
    </Stack>
  );
}

export function ActFields({ cycle, save, saveNow, problem }: Props) {
  const t = useT('rim');
  const words = useRimWords();
  return (
    <Stack gap="xs" data-testid="pdsa-act">
      <Title order={4} size="h5">
        {words.t('vocab.stage.act')}
      </Title>
      <Stack gap={4}>
        <Text size="sm" fw={500}>
          {t('pdsa.decision')}
        </Text>
        <SegmentedControl
          aria-label={t('pdsa.decision')}
          data={[{ value: '', label: t('pdsa.undecided') }, ...PDSA_DECISIONS.map((d) => ({ value: d, label: words.t(`vocab.decision.${d}`) }))]}
          value={cycle.decision ?? ''}
          onChange={(v) => saveNow({ decision: (v || null) as PdsaDecision | null })}
          w="fit-content"
        />
        {problem('decision') && (
          <Text size="xs" c="red">
            {problem('decision')}
          </Text>
        )}
      </Stack>
      <Area
        cycle={cycle}
        save={save}
        problem={problem}
        field="nextStep"
        label={cycle.decision === 'adopt' ? t('pdsa.sustain') : t('pdsa.nextStep')}
        placeholder={cycle.decision === 'adapt' ? t('pdsa.nextStepHint') : undefined}
        required={cycle.decision === 'adapt'}
      />
    </Stack>
  );
}
