import { Grid, Group, Radio, SegmentedControl, Stack, Text, TextInput, Title } from '@mantine/core';
import { PDSA_DECISIONS, PDSA_DECISION_LABELS, type PdsaCycle, type PdsaDecision } from '@shared/model/rim';
import { AutosaveTextarea } from '../../components/AutosaveFields';
import type { ValidationError } from '../../db/errors';

type Save = (patch: Partial<PdsaCycle>) => Promise<unknown>;
interface Props {
  cycle: PdsaCycle;
  save: Save;
  saveNow: (patch: Partial<PdsaCycle>) => void;
  /** Problems from the last refused stage move, shown under their fields. */
  problems: ValidationError | null;
}

const area = (
  cycle: PdsaCycle,
  save: Save,
  problems: ValidationError | null,
  field: keyof PdsaCycle & string,
  label: string,
  placeholder?: string,
  required = false,
) => (
  <AutosaveTextarea
    draftKey={`pdsaCycles:${cycle.id}:${String(field)}`}
    label={label}
    placeholder={placeholder}
    withAsterisk={required}
    value={cycle[field] as string}
    onSave={(v) => save({ [field]: v })}
    // AutosaveTextarea owns its error slot (save errors); the stage rule's problem is the description.
    description={problems?.forField(field)}
    styles={problems?.forField(field) ? { description: { color: 'var(--mantine-color-red-7)' } } : undefined}
    data-testid={`pdsa-${field}`}
  />
);

export function PlanFields({ cycle, save, saveNow, problems }: Props) {
  return (
    <Stack gap="xs" data-testid="pdsa-plan">
      <Title order={5}>Plan</Title>
      <Grid>
        <Grid.Col span={{ base: 12, md: 6 }}>{area(cycle, save, problems, 'objective', 'Objective', 'What is this cycle testing?', true)}</Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>{area(cycle, save, problems, 'question', 'Question', 'What do we want to learn?')}</Grid.Col>
        <Grid.Col span={12}>{area(cycle, save, problems, 'prediction', 'Prediction', 'What do we expect to happen? (needed before the test)', true)}</Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>{area(cycle, save, problems, 'who', 'Who')}</Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>{area(cycle, save, problems, 'what', 'What')}</Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>{area(cycle, save, problems, 'when', 'When')}</Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>{area(cycle, save, problems, 'where', 'Where')}</Grid.Col>
        <Grid.Col span={{ base: 12, md: 8 }}>
          {area(cycle, save, problems, 'dataCollection', 'Data collection plan', 'Who collects what, how and when')}
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <TextInput label="Planned for" type="date" value={cycle.plannedOn ?? ''} onChange={(e) => saveNow({ plannedOn: e.currentTarget.value || null })} />
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

export function DoFields({ cycle, save, saveNow, problems }: Props) {
  const answer = cycle.doneAsPlanned === null ? '' : cycle.doneAsPlanned ? 'yes' : 'no';
  return (
    <Stack gap="xs" data-testid="pdsa-do">
      <Title order={5}>Do</Title>
      <Group align="flex-end">
        <Radio.Group
          label="Was the test carried out as planned?"
          value={answer}
          onChange={(v) => saveNow({ doneAsPlanned: v === 'yes' })}
          error={problems?.forField('doneAsPlanned')}
          withAsterisk
        >
          <Group mt={4}>
            <Radio value="yes" label="Yes" />
            <Radio value="no" label="No" />
          </Group>
        </Radio.Group>
        <TextInput label="Carried out on" type="date" value={cycle.doneOn ?? ''} onChange={(e) => saveNow({ doneOn: e.currentTarget.value || null })} />
      </Group>
      {area(cycle, save, problems, 'observations', 'Observations', 'What happened? Anything unexpected?', true)}
    </Stack>
  );
}

export function StudyFields({ cycle, save, problems }: Props) {
  return (
    <Stack gap="xs" data-testid="pdsa-study">
      <Title order={5}>Study</Title>
      {cycle.prediction && (
        <Text size="sm" c="dimmed">
          Prediction: {cycle.prediction}
        </Text>
      )}
      {area(cycle, save, problems, 'results', 'Results compared with the prediction', undefined, true)}
    </Stack>
  );
}

export function ActFields({ cycle, save, saveNow, problems }: Props) {
  return (
    <Stack gap="xs" data-testid="pdsa-act">
      <Title order={5}>Act</Title>
      <Stack gap={4}>
        <Text size="sm" fw={500}>
          Decision
        </Text>
        <SegmentedControl
          aria-label="Decision"
          data={[{ value: '', label: 'Not decided' }, ...PDSA_DECISIONS.map((d) => ({ value: d, label: PDSA_DECISION_LABELS[d] }))]}
          value={cycle.decision ?? ''}
          onChange={(v) => saveNow({ decision: (v || null) as PdsaDecision | null })}
          w="fit-content"
        />
        {problems?.forField('decision') && (
          <Text size="xs" c="red">
            {problems.forField('decision')}
          </Text>
        )}
      </Stack>
      {area(
        cycle,
        save,
        problems,
        'nextStep',
        cycle.decision === 'adopt' ? 'Plan to sustain and scale up' : 'Next step',
        cycle.decision === 'adapt' ? 'What will change for the next test?' : undefined,
        cycle.decision === 'adapt',
      )}
    </Stack>
  );
}
