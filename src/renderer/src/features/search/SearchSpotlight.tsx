import { Button, Kbd } from '@mantine/core';
import { spotlight } from '@mantine/spotlight';
import { IconSearch } from '@tabler/icons-react';
import { lazy, Suspense, useCallback, useState } from 'react';
import { useMenuCommand } from '../../app/useMenuCommands';
import { useT } from '../../i18n';

// The dialog, its search index and the record readers load on the first search, not at start.
const SearchDialog = lazy(() => import('./SearchDialog').then((m) => ({ default: m.SearchDialog })));

/**
 * Search everywhere (Ctrl/Cmd+K, the menu, or the header's button). The spotlight store holds
 * "open" from the first request, so the dialog opens as soon as its code has arrived.
 */
export function SearchSpotlight() {
  const t = useT('search');
  const [wanted, setWanted] = useState(false);
  const open = useCallback(() => {
    setWanted(true);
    spotlight.open();
  }, []);
  useMenuCommand('search', open);
  return (
    <>
      <Button
        variant="default"
        size="xs"
        leftSection={<IconSearch size={14} />}
        rightSection={<Kbd size="xs">{t('shortcut')}</Kbd>}
        onClick={open}
        data-testid="open-search"
      >
        {t('open')}
      </Button>
      {wanted && (
        <Suspense fallback={null}>
          <SearchDialog />
        </Suspense>
      )}
    </>
  );
}
