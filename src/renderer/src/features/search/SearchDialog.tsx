import { Group, Loader, Text } from '@mantine/core';
import { Spotlight } from '@mantine/spotlight';
import { IconSearch } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import { useLocation } from 'wouter';
import type { HitGroup } from '@shared/search/engine';
import { excerpt, highlight } from '@shared/search/text';
import { useRepos } from '../../db/live';
import { useT } from '../../i18n';
import { appSearchIndex } from './searchIndex';

/** Highlighted words of a result (accent- and case-insensitive, like the search). */
function Marked({ text, words }: { text: string; words: string[] }) {
  return (
    <>
      {highlight(text, words).map((s, i) =>
        s.match ? (
          <mark key={i} style={{ background: 'var(--mantine-color-yellow-2)', color: 'inherit', padding: 0 }}>
            {s.text}
          </mark>
        ) : (
          <span key={i}>{s.text}</span>
        ),
      )}
    </>
  );
}

/**
 * The search dialog: councils to approved minutes, grouped by kind, each result opening exactly
 * the record it found. Opened through SearchSpotlight, which loads it (and the index) on first use.
 */
export function SearchDialog() {
  const t = useT('search');
  const repos = useRepos();
  const [, navigate] = useLocation();
  const [query, setQuery] = useState('');
  const [groups, setGroups] = useState<HitGroup[]>([]);
  const [busy, setBusy] = useState(false);
  const latest = useRef(0);

  // Each keystroke asks the index; an answer that arrives after a newer keystroke is dropped.
  const onQuery = (next: string) => {
    setQuery(next);
    const ticket = ++latest.current;
    if (!next.trim()) {
      setGroups([]);
      setBusy(false);
      return;
    }
    setBusy(true);
    void appSearchIndex(repos)
      .search(next)
      .then((found) => {
        if (ticket === latest.current) setGroups(found);
      })
      .finally(() => {
        if (ticket === latest.current) setBusy(false);
      });
  };

  return (
    <Spotlight.Root query={query} onQueryChange={onQuery} shortcut={null} scrollable maxHeight={520}>
      <Spotlight.Search placeholder={t('placeholder')} leftSection={busy ? <Loader size={16} /> : <IconSearch size={18} />} aria-label={t('label')} />
      <Spotlight.ActionsList>
        {groups.map((group) => (
          <Spotlight.ActionsGroup key={group.kind} label={t(`kind.${group.kind}`)}>
            {group.hits.map(({ doc, words, viaContext }) => (
              <Spotlight.Action key={doc.id} onClick={() => navigate(doc.route)} data-testid="search-result" data-kind={doc.kind}>
                <Group wrap="nowrap" align="flex-start" gap="sm">
                  <div style={{ minWidth: 0 }}>
                    <Text size="sm" fw={600} lineClamp={2}>
                      <Marked text={doc.title} words={words} />
                    </Text>
                    {doc.text && (
                      <Text size="xs" c="dimmed" lineClamp={2}>
                        <Marked text={excerpt(doc.text, words)} words={words} />
                      </Text>
                    )}
                    {viaContext && (
                      <Text size="xs" fs="italic">
                        {t(`via.${doc.kind}`, { defaultValue: t('via.other') })}
                      </Text>
                    )}
                    {doc.where && (
                      <Text size="xs" c="dimmed">
                        {doc.where}
                      </Text>
                    )}
                  </div>
                </Group>
              </Spotlight.Action>
            ))}
          </Spotlight.ActionsGroup>
        ))}
        {query.trim() && !busy && groups.length === 0 && <Spotlight.Empty>{t('nothing', { query })}</Spotlight.Empty>}
      </Spotlight.ActionsList>
    </Spotlight.Root>
  );
}
