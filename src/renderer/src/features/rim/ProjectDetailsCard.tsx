import { Card, Checkbox, Grid, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { Person } from '@shared/model';
import {
  PROJECT_STATUSES,
  PROJECT_STATUS_LABELS,
  VALUE_COMPASS_LABELS,
  VALUE_COMPASS_POINTS,
  type ImprovementProject,
  type ValueCompassPoint,
} from '@shared/model/rim';
import { AutosaveTextarea, AutosaveTextInput } from '../../components/AutosaveFields';
import { notifyError } from '../../components/notify';
import { useRepos } from '../../db/live';
import { trackSave } from '../../stores/saveStatus/store';
import { personOptions } from '../roster/labels';
import { AimCheckPanel } from './AimCheckPanel';
import { updateProject } from './commands';
import { HelpButton } from '../help/HelpButton';

/** Title, problem, aim (with its live SMART check), Value Compass, sponsor, status and start date. */
export function ProjectDetailsCard({ project, members }: { project: ImprovementProject; members: Person[] }) {
  const repos = useRepos();
  // What is being typed, for the live check; null until the person types (then the stored aim).
  const [aimDraft, setAimDraft] = useState<string | null>(null);
  const save = (patch: Parameters<typeof updateProject>[2]) => trackSave(() => updateProject(repos, project.id, patch));
  const saveNow = (patch: Partial<ImprovementProject>) => void save(patch).catch((e: unknown) => notifyError('Could not save the project', e));

  return (
    <Card withBorder>
      <Grid>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <AutosaveTextInput
            draftKey={`improvementProjects:${project.id}:title`}
            label="Title"
            value={project.title}
            onSave={(title) => save({ title })}
            data-testid="project-title"
          />
        </Grid.Col>
        <Grid.Col span={{ base: 6, md: 2 }}>
          <Select
            label="Status"
            data={PROJECT_STATUSES.map((s) => ({ value: s, label: PROJECT_STATUS_LABELS[s] }))}
            value={project.status}
            allowDeselect={false}
            onChange={(status) => status && saveNow({ status: status as ImprovementProject['status'] })}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 6, md: 2 }}>
          <TextInput label="Start date" type="date" value={project.startDate ?? ''} onChange={(e) => saveNow({ startDate: e.currentTarget.value || null })} />
        </Grid.Col>
        <Grid.Col span={12}>
          <AutosaveTextarea
            draftKey={`improvementProjects:${project.id}:problem`}
            label="The problem"
            description="What the team sees today, before it becomes an aim"
            value={project.problem}
            onSave={(problem) => save({ problem })}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="xs">
            <AutosaveTextarea
              draftKey={`improvementProjects:${project.id}:aim`}
              label="Aim: what are we trying to accomplish?"
              description="A measure, a target value and a target date"
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
              label="Value Compass"
              description="Which point of the Value Compass this aim serves"
              value={project.valueCompass}
              onChange={(v) => saveNow({ valueCompass: v as ValueCompassPoint[] })}
            >
              <Group mt={6} gap="md">
                {VALUE_COMPASS_POINTS.map((p) => (
                  <Checkbox key={p} value={p} label={VALUE_COMPASS_LABELS[p]} />
                ))}
              </Group>
            </Checkbox.Group>
            {project.valueCompass.length === 0 && (
              <Text size="xs" c="orange">
                Tag the aim with at least one Value Compass point.
              </Text>
            )}
            <Select
              label="Sponsor"
              placeholder={members.length ? 'Choose a team member' : 'Add members to the team first'}
              data={personOptions(members)}
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
