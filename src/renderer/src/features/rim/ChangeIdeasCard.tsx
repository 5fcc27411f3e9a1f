import { ActionIcon, Card, Group, List, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import type { ChangeIdea } from '@shared/model/rim';
import { removeWithUndo } from '../../components/notify';
import { useValidatedSave } from '../../components/useValidatedSave';
import { useRepos } from '../../db/live';
import { useT } from '../../i18n';
import { addChangeIdea, removeChangeIdea, restoreChangeIdea } from './commands';
import { fieldText } from './refusals';
import { useRefusalWords } from './useRimWords';
import { HelpButton } from '../help/HelpButton';

/** "What changes can we make that will result in improvement?" Type an idea, Enter. */
export function ChangeIdeasCard({ projectId, ideas }: { projectId: string; ideas: ChangeIdea[] }) {
  const repos = useRepos();
  const t = useT('rim');
  const said = useRefusalWords();
  const [text, setText] = useState('');
  const { error, save } = useValidatedSave();
  const add = async () => {
    if (await save(() => addChangeIdea(repos, projectId, text))) setText('');
  };
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={3} size="h4">
            {t('ideas.title')}
          </Title>
          <HelpButton kind="rim" topic="changes" />
        </Group>
        {ideas.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('ideas.none')}
          </Text>
        )}
        <List spacing={4} size="sm">
          {ideas.map((idea) => (
            <List.Item key={idea.id} data-testid="change-idea">
              <Group gap={4} wrap="nowrap">
                <Text size="sm">{idea.text}</Text>
                <ActionIcon
                  size="sm"
                  variant="subtle"
                  color="gray"
                  aria-label={t('ideas.remove', { idea: idea.text })}
                  onClick={() =>
                    void removeWithUndo(
                      t('ideas.removed'),
                      () => removeChangeIdea(repos, idea.id),
                      (row) => restoreChangeIdea(repos, row),
                    )
                  }
                >
                  <IconTrash size={12} />
                </ActionIcon>
              </Group>
            </List.Item>
          ))}
        </List>
        <TextInput
          aria-label={t('ideas.new')}
          placeholder={t('ideas.newPlaceholder')}
          value={text}
          error={fieldText(error, 'text', said)}
          onChange={(e) => setText(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              void add();
            }
          }}
        />
      </Stack>
    </Card>
  );
}
