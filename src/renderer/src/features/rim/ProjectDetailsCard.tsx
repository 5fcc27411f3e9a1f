import { Card, Checkbox, Grid, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { Person } from '@shared/model';
import { PROJECT_STATUSES, VALUE_COMPASS_POINTS, type ImprovementProject, type ValueCompassPoint } from '@shared/model/rim';
import { AutosaveTextarea, AutosaveTextInput } from '../../components/AutosaveFields';
import { notifyError } from '../../components/notify';
import { useRepos } from '../../db/live';
import { useT } from '../../i18n';
import { trackSave } from '../../stores/saveStatus/store';
import { personOptions } from '../roster/labels';
import { AimCheckPanel } from './AimCheckPanel';
import { updateProject } from './commands';
import { useRimWords } from './useRimWords';
import { HelpButton } from '../help/HelpButton';
import { useRosterWords } from '../roster/useRosterWords';

/** Title, problem, aim (with its live SMART check), Value Compass, sponsor, status and start date. */
export function ProjectDetailsCard({ project, members }: { project: ImprovementProject; members: Person[] }) {
  const repos = useRepos();
  const t = useT('rim');
  const { local } = useRosterWords();
  const words = useRimWords();
  // What is being typed, for the live check; null until the person types (then the stored aim).
  const [aimDraft, setAimDraft] = useState<string | null>(null);
  const save = (patch: Parameters<typeof updateProject>[2]) => trackSave(() => updateProject(repos, project.id, patch));
  const saveNow = (patch: Partial<ImprovementProject>) => void save(patch).catch((e: unknown) => notifyError(t('project.saveFailed'), e));

  return (
    <Card withBorder>
      <Grid>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <AutosaveTextInput
            draftKey={`improvementProjects:${project.id}:title`}
            label={t('project.field.title')}
            value={project.title}
            onSave={(title) => save({ title })}
            data-testid="project-title"
          />
        </Grid.Col>
        <Grid.Col span={{ base: 6, md: 2 }}>
          <Select
            label={t('project.field.status')}
            data={PROJECT_STATUSES.map((s) => ({ value: s, label: words.t(`vocab.projectStatus.${s}`) }))}
            value={project.status}
            allowDeselect={false}
            onChange={(status) => status && saveNow({ status: status as ImprovementProject['status'] })}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 6, md: 2 }}>
          <TextInput
            label={t('project.field.startDate')}
            type="date"
            value={project.startDate ?? ''}
            onChange={(e) => saveNow({ startDate: e.currentTarget.value || null })}
          />
        </Grid.Col>
        <Grid.Col span={12}>
          <AutosaveTextarea
            draftKey={`improvementProjects:${project.id}:problem`}
            label={t('project.field.problem')}
            description={t('project.field.problemHint')}
            value={project.problem}
            onSave={(problem) => save({ problem })}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="xs">
            <AutosaveTextarea
              draftKey={`improvementProjects:${project.id}:aim`}
              label={t('project.field.aim')}
              description={t('project.field.aimHint')}
              value={project.aim}
              onSave={(aim) => save({ aim })}
              onDraft={setAimDraft}
              data-testid="project-aim"
            />
            <AimCheckPanel aim={aimDraft ?? project.aim} />
            <div>
              <HelpButton kind="rim" topic="aim" />
            </div>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="sm">
            <Checkbox.Group
              label={t('project.field.compass')}
              description={t('project.field.compassHint')}
              value={project.valueCompass}
              onChange={(v) => saveNow({ valueCompass: v as ValueCompassPoint[] })}
            >
              <Group mt={6} gap="md">
                {VALUE_COMPASS_POINTS.map((p) => (
                  <Checkbox key={p} value={p} label={words.t(`vocab.valueCompass.${p}`)} />
                ))}
              </Group>
            </Checkbox.Group>
            {project.valueCompass.length === 0 && (
              <Text size="xs" c="orange">
                {t('project.field.compassMissing')}
              </Text>
            )}
            <Select
              label={t('project.field.sponsor')}
              placeholder={members.length ? t('project.field.sponsorPick') : t('project.field.sponsorNoMembers')}
              data={personOptions(members, undefined, local)}
              value={project.sponsorId}
              onChange={(sponsorId) => saveNow({ sponsorId })}
              searchable
              clearable
            />
          </Stack>
        </Grid.Col>
      </Grid>
    </Card>
  );
}
