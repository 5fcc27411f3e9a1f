import { Button, Group, Stack, Tabs, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { PDSA_STAGE_LABELS, type ChangeIdea, type Measure, type PdsaCycle } from '@shared/model/rim';
import { notifyError } from '../../components/notify';
import { useRepos } from '../../db/live';
import { startCycle } from './commands';
import { trackSave } from '../../stores/saveStatus/store';
import { PdsaCycleCard, type CycleContext } from './PdsaCycleCard';

/** The project's PDSA cycles as tabs, the latest open by default. */
export function CyclesSection({
  projectId,
  cycles,
  measures,
  ideas,
  context,
}: {
  projectId: string;
  cycles: PdsaCycle[];
  measures: Measure[];
  ideas: ChangeIdea[];
  context: CycleContext;
}) {
  const repos = useRepos();
  const [chosen, setChosen] = useState<string | null>(null);
  const selected = cycles.find((c) => c.id === chosen) ?? cycles.at(-1);

  const start = async () => {
    try {
      const cycle = await trackSave(() => startCycle(repos, projectId, { measureIds: measures.filter((m) => m.kind === 'outcome').map((m) => m.id) }));
      setChosen(cycle.id);
    } catch (e) {
      notifyError('Could not start a cycle', e);
    }
  };

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={3}>PDSA cycles</Title>
        <Button variant="light" leftSection={<IconPlus size={16} />} onClick={() => void start()}>
          New PDSA cycle
        </Button>
      </Group>
      {cycles.length === 0 ? (
        <Text c="dimmed" size="sm">
          No cycles yet. Test a change idea on a small scale: plan it with a prediction, do it, study the results, then adopt, adapt or abandon.
        </Text>
      ) : (
        <Tabs value={selected?.id ?? null} onChange={setChosen} keepMounted={false}>
          <Tabs.List>
            {cycles.map((c) => (
              <Tabs.Tab key={c.id} value={c.id}>
                Cycle {c.number} · {PDSA_STAGE_LABELS[c.stage]}
              </Tabs.Tab>
            ))}
          </Tabs.List>
          {cycles.map((c) => (
            <Tabs.Panel key={c.id} value={c.id} pt="sm">
              <PdsaCycleCard cycle={c} measures={measures} ideas={ideas} context={context} onSpawned={setChosen} />
            </Tabs.Panel>
          ))}
        </Tabs>
      )}
    </Stack>
  );
}
