import { Button } from '@mantine/core';
import { IconMoodEmpty } from '@tabler/icons-react';
import { Link } from 'wouter';
import { EmptyState } from '../../components/EmptyState';
import { useT } from '../../i18n';

/** What the screens call a missing record (their `what`), as the message's select knows it. */
const KIND_OF = { page: 'page', meeting: 'meeting', 'IBPS session': 'session', council: 'council', team: 'team' } as const;

export function NotFound({ what }: { what: keyof typeof KIND_OF }) {
  const t = useT('common');
  return (
    <EmptyState
      icon={<IconMoodEmpty size={30} />}
      title={t('notFound.title', { what: KIND_OF[what] })}
      action={
        <Button component={Link} href="/">
          {t('notFound.home')}
        </Button>
      }
    >
      {t('notFound.body')}
    </EmptyState>
  );
}
