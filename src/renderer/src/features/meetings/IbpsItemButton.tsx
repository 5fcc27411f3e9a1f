import { Button, Menu } from '@mantine/core';
import { IconBulb, IconChevronDown } from '@tabler/icons-react';
import { Link, useLocation } from 'wouter';
import type { AgendaItem, Meeting } from '@shared/model';
import type { IbpsSession } from '@shared/model/ibps';
import { notifyError } from '../../components/notify';
import { useRepos } from '../../db/live';
import { continueSessionInMeeting, startSession } from '../ibps/commands';
import { trackSave } from '../../stores/saveStatus/store';
import { useT } from '../../i18n';

/** An IBPS agenda item opens its session, or starts one, or continues one from an earlier meeting. */
export function IbpsItemButton({
  meeting,
  item,
  session,
  openSessions,
}: {
  meeting: Meeting;
  item: AgendaItem;
  session: IbpsSession | undefined;
  openSessions: IbpsSession[];
}) {
  const repos = useRepos();
  const t = useT('meetings');
  const [, navigate] = useLocation();
  if (session) {
    return (
      // A link, not a button: it stays usable where the record is locked (read-only fieldset).
      <Button component={Link} href={`/ibps/${session.id}`} size="compact-sm" variant="light" leftSection={<IconBulb size={14} />}>
        {t('ibps.open')}
      </Button>
    );
  }
  const start = () =>
    trackSave(() => startSession(repos, meeting, item))
      .then((s) => navigate(`/ibps/${s.id}`))
      .catch((e: unknown) => notifyError(t('ibps.startFailed'), e));
  const earlier = openSessions.filter((s) => s.meetingId !== meeting.id);
  if (earlier.length === 0) {
    return (
      <Button size="compact-sm" leftSection={<IconBulb size={14} />} onClick={() => void start()}>
        {t('ibps.start')}
      </Button>
    );
  }
  return (
    <Menu position="bottom-end">
      <Menu.Target>
        <Button size="compact-sm" rightSection={<IconChevronDown size={14} />} leftSection={<IconBulb size={14} />}>
          {t('ibps.menu')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item onClick={() => void start()}>{t('ibps.startNew')}</Menu.Item>
        <Menu.Label>{t('ibps.continue')}</Menu.Label>
        {earlier.map((s) => (
          <Menu.Item
            key={s.id}
            onClick={() => void trackSave(() => continueSessionInMeeting(repos, s.id, meeting.id, item.id)).then(() => navigate(`/ibps/${s.id}`))}
          >
            {s.title || t('ibps.untitled')}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
