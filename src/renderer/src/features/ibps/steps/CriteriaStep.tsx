import { ActionIcon, Alert, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconCheck, IconTrash } from '@tabler/icons-react';
import { removeWithUndo } from '../../../components/notify';
import { useRepos } from '../../../db/live';
import { addCriterion, removeCriterion, restoreCriterion, setCriteriaAgreed } from '../commands';
import { type SessionRecord } from '../queries';
import { trackSave } from '../../../stores/saveStatus/store';
import { CaptureInput } from '../CaptureInput';
import { sendDraft } from '../liveDraft';
import { useFormat } from '../../../i18n';
import { useIbpsT } from '../words';

export function CriteriaStep({ record }: { record: SessionRecord }) {
  const repos = useRepos();
  const t = useIbpsT();
  const f = useFormat();
  const { session } = record;
  const agreed = Boolean(session.criteriaAgreedAt);
  return (
    <Stack>
      <Title order={2} size="h3">
        {t('criteria.title')}
      </Title>
      <Text c="dimmed">{t('criteria.hint')}</Text>
      <CaptureInput
        aria-label={t('criteria.new')}
        onDraft={(text) => sendDraft(session.id, { field: 'criterion', text })}
        data-testid="capture-criterion"
        placeholder={t('criteria.placeholder')}
        onAdd={(text) => trackSave(() => addCriterion(repos, session.id, text))}
      />
      <Stack gap={6}>
        {record.criteria.map((c, i) => (
          <Paper key={c.id} withBorder p="xs" data-testid="criterion-row">
            <Group justify="space-between">
              <Text fw={500}>{t('criteria.item', { number: i + 1, text: c.text })}</Text>
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={t('criteria.remove', { text: c.text })}
                disabled={agreed}
                onClick={() =>
                  void removeWithUndo(
                    t('criteria.removed'),
                    () => removeCriterion(repos, c.id),
                    (row) => restoreCriterion(repos, row),
                  )
                }
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
          </Paper>
        ))}
      </Stack>
      {agreed ? (
        <Alert color="teal" icon={<IconCheck />} title={t('criteria.agreed')} data-testid="criteria-agreed">
          {t('criteria.agreedAt', { when: f.date(session.criteriaAgreedAt!, 'dateTime') })}{' '}
          <Button variant="subtle" size="compact-sm" onClick={() => void trackSave(() => setCriteriaAgreed(repos, session.id, false))}>
            {t('criteria.reopen')}
          </Button>
        </Alert>
      ) : (
        <Group>
          <Button
            leftSection={<IconCheck size={16} />}
            disabled={record.criteria.length === 0}
            onClick={() => void trackSave(() => setCriteriaAgreed(repos, session.id, true))}
          >
            {t('criteria.agree')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
