import { Alert, Button, Group, List, Stack, Text, Timeline, Title } from '@mantine/core';
import { IconBulb, IconHistory } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import { checkIssueStatement, countWords, ISSUE_STATEMENT_MAX_WORDS, type IssueWarning } from '@shared/ibps/issueStatement';
import { AutosaveTextarea } from '../../../components/AutosaveFields';
import { notifyError } from '../../../components/notify';
import { useRepos } from '../../../db/live';
import { editIssue, newRecordId, reviseIssue } from '../commands';
import { type SessionRecord } from '../queries';
import { trackSave } from '../../../stores/saveStatus/store';
import { sendDraft } from '../liveDraft';
import { focusAtEnd } from '../focus';
import { useFormat } from '../../../i18n';
import { useIbpsT } from '../words';
import type { Translate } from '@shared/i18n/translator';
import { shownError } from '../refusals';

/** A gentle check in the screen's words (the check itself names what set it off). */
function warningText(t: Translate, w: IssueWarning, text: string): string {
  switch (w.code) {
    case 'embeds-solution':
    case 'blames':
      return t(`issue.warning.${w.code}`, { excerpt: w.excerpt ?? '' });
    case 'names-person':
      return t('issue.warning.names-person', { names: w.excerpt ?? '' });
    case 'too-long':
      return t('issue.warning.too-long', { words: countWords(text), max: ISSUE_STATEMENT_MAX_WORDS });
    default:
      return t(`issue.warning.${w.code}`);
  }
}

/**
 * One issue, as a neutral question. Checks are gentle: the facilitator may keep any wording.
 *
 * A new wording's field appears the moment it is asked for, with focus in it, before its write
 * commits (it is written under an id chosen here): whatever the recorder types next lands in it.
 */
export function IssueStep({ record }: { record: SessionRecord }) {
  const repos = useRepos();
  const t = useIbpsT();
  const f = useFormat();
  const sessionId = record.session.id;
  const [pending, setPending] = useState<{ id: string; text: string } | null>(null);
  const area = useRef<HTMLTextAreaElement>(null);
  const focusNext = useRef(false);
  const stored = record.revisions.at(-1);
  const waiting = pending !== null && !record.revisions.some((r) => r.id === pending.id);
  const current = waiting ? pending : stored;
  const earlier = (waiting ? record.revisions : record.revisions.slice(0, -1)).slice().reverse();
  const warnings = current ? checkIssueStatement(current.text, { peopleNames: record.people.map((p) => p.name) }) : [];

  const startWording = (text: string) => {
    const id = newRecordId();
    focusNext.current = true;
    setPending({ id, text });
    trackSave(() => reviseIssue(repos, sessionId, text, id)).catch((e: unknown) => {
      setPending(null);
      notifyError(t('issue.notStarted'), shownError(e, t));
    });
  };
  // The field is a new element for each wording: focus it as it mounts, caret after the starter.
  const areaRef = (el: HTMLTextAreaElement | null) => {
    area.current = el;
    if (el && focusNext.current) {
      focusNext.current = false;
      focusAtEnd(el);
    }
  };

  return (
    <Stack>
      <Title order={2} size="h3">
        {t('issue.title')}
      </Title>
      <Text c="dimmed">{t('issue.hint')}</Text>
      {current ? (
        <AutosaveTextarea
          draftKey={`issueRevisions:${current.id}:text`}
          key={current.id}
          ref={areaRef}
          size="lg"
          minRows={2}
          aria-label={t('issue.statement')}
          data-testid="issue-statement"
          value={current.text}
          onSave={(text) => editIssue(repos, current.id, text)}
          onDraft={(text) => sendDraft(sessionId, { field: 'issue', text })}
        />
      ) : (
        <Button variant="light" size="md" leftSection={<IconBulb size={18} />} data-autofocus onClick={() => startWording(t('issue.starter'))}>
          {t('issue.write')}
        </Button>
      )}
      {warnings.length > 0 && (
        <Alert color="yellow" variant="light" title={t('issue.warningsTitle')} data-testid="issue-warnings">
          <List size="sm">
            {warnings.map((w) => (
              <List.Item key={w.code}>{warningText(t, w, current?.text ?? '')}</List.Item>
            ))}
          </List>
          <Text size="sm" mt="xs" c="dimmed">
            {t('issue.suggestionsOnly')}
          </Text>
        </Alert>
      )}
      {current && (
        <Group>
          <Button
            variant="default"
            leftSection={<IconHistory size={16} />}
            // The wording as typed right now (the field may hold keys not yet saved) starts the next one.
            onClick={() => startWording(area.current?.value ?? current.text)}
          >
            {t('issue.reword')}
          </Button>
        </Group>
      )}
      {earlier.length > 0 && (
        <Stack gap="xs">
          <Text fw={600}>{t('issue.earlier')}</Text>
          <Timeline bulletSize={14} lineWidth={2}>
            {earlier.map((r) => (
              <Timeline.Item key={r.id} title={f.date(r.updatedAt, 'time')}>
                <Text size="sm" c="dimmed" data-testid="issue-revision">
                  {r.text}
                </Text>
              </Timeline.Item>
            ))}
          </Timeline>
        </Stack>
      )}
    </Stack>
  );
}
