import { Button } from '@mantine/core';
import { IconMoodEmpty } from '@tabler/icons-react';
import { Link } from 'wouter';
import { EmptyState } from '../../components/EmptyState';

export function NotFound({ what }: { what: string }) {
  return (
    <EmptyState
      icon={<IconMoodEmpty size={30} />}
      title={`This ${what} is not on this laptop`}
      action={
        <Button component={Link} href="/">
          Go home
        </Button>
      }
    >
      It may have been removed, or the link is from another laptop.
    </EmptyState>
  );
}
