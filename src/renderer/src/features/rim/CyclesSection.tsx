import { Button, Group, Stack, Tabs, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import type { ChangeIdea, Measure, PdsaCycle } from '@shared/model/rim';
import { notifyError } from '../../components/notify';
import { useRepos } from '../../db/live';
import { useT } from '../../i18n';
import { startCycle } from './commands';
import { trackSave } from '../../stores/saveStatus/store';
import { PdsaCycleCard, type CycleContext } from './PdsaCycleCard';
import { useRimWords } from './useRimWords';

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
  const t = useT('rim');
  const words = useRimWords();
  const [chosen, setChosen] = useState<string | null>(null);
  const selected = cycles.find((c) => c.id === chosen) ?? cycles.at(-1);

  const start = async () => {
    try {
      const cycle = await trackSave(() => startCycle(repos, projectId, { measureIds: measures.filter((m) => m.kind === 'outcome').map((m) => m.id) }));
      setChosen(cycle.id);
    } catch (e) {
      notifyError(t('cycles.startFailed'), e);
    }
  };

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={2} size="h3">
          {t('cycles.title')}
        </Title>
        <Button variant="light" leftSection={<IconPlus size={16} />} onClick={() => void start()}>
          {t('cycles.new')}
        </Button>
      </Group>
      {cycles.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('cycles.none')}
        </Text>
      ) : (
        <Tabs value={selected?.id ?? null} onChange={setChosen} keepMounted={false}>
          <Tabs.List>
            {cycles.map((c) => (
              <Tabs.Tab key={c.id} value={c.id}>
                {t('cycles.tab', { number: String(c.number), stage: words.t(`vocab.stage.${c.stage}`) })}
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
