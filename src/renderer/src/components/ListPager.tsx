import { Group, Pagination, Text } from '@mantine/core';
import { useState } from 'react';
import { useT } from '../i18n';

export interface Paging {
  /** 1-based, always within the pages there are. */
  page: number;
  pageCount: number;
  /** Index of the first and one past the last row of the page. */
  start: number;
  end: number;
  total: number;
  setPage: (page: number) => void;
}

/**
 * One page of a long list. A screen renders only a page, so a council with 20,000 meetings opens
 * as fast as one with 20; `resetKey` (the filter and search) sends the list back to its first page.
 */
export function usePaging(total: number, pageSize: number, resetKey: string): Paging {
  const [state, setState] = useState({ key: resetKey, page: 1 });
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(state.key === resetKey ? state.page : 1, pageCount);
  const start = (page - 1) * pageSize;
  return { page, pageCount, start, end: Math.min(total, start + pageSize), total, setPage: (p) => setState({ key: resetKey, page: p }) };
}

/** Where this page sits in the list, and the pages to move to; nothing when the list fits one page. */
export function ListPager({ paging, testId }: { paging: Paging; testId?: string }) {
  const t = useT('common');
  if (paging.pageCount <= 1) return null;
  return (
    <Group justify="space-between" data-testid={testId}>
      <Text size="sm" c="dimmed" aria-live="polite">
        {t('pager.showing', { from: paging.start + 1, to: paging.end, total: paging.total })}
      </Text>
      <nav aria-label={t('pager.label')}>
        <Pagination
          total={paging.pageCount}
          value={paging.page}
          onChange={paging.setPage}
          size="sm"
          siblings={1}
          getControlProps={(control) => ({ 'aria-label': control === 'previous' ? t('pager.previous') : control === 'next' ? t('pager.next') : undefined })}
        />
      </nav>
    </Group>
  );
}
