import { Alert, List, Text, ThemeIcon } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconX } from '@tabler/icons-react';
import { checkAim, checkScope } from '@shared/rim/aim';
import { useT } from '../../i18n';
import { useRimWords } from './useRimWords';

const PARTS = ['measure', 'targetValue', 'targetDate'] as const;

/** The live SMART check of an aim as it is typed, and the staffing-scope warning, in the screens' language. */
export function AimCheckPanel({ aim }: { aim: string }) {
  const t = useT('rim');
  const words = useRimWords();
  const check = checkAim(aim, words);
  const scope = checkScope(aim, words);
  if (aim.trim() === '') {
    return (
      <Text size="sm" c="dimmed">
        {t('aim.example')}
      </Text>
    );
  }
  return (
    <>
      <List spacing={4} size="sm" center data-testid="aim-check" data-smart={check.smart}>
        {PARTS.map((key) => {
          const part = check[key];
          return (
            <List.Item
              key={key}
              data-part={key}
              data-present={part.present}
              icon={
                <ThemeIcon size={18} radius="xl" color={part.present ? 'teal' : 'orange'} variant="light">
                  {part.present ? <IconCheck size={12} /> : <IconX size={12} />}
                </ThemeIcon>
              }
            >
              {part.message}
            </List.Item>
          );
        })}
      </List>
      {!scope.inScope && (
        <Alert
          color="orange"
          icon={<IconAlertTriangle size={18} />}
          title={t('aim.outOfScopeTitle', { matches: scope.matches.join(', ') })}
          data-testid="scope-warning"
        >
          {scope.message}
        </Alert>
      )}
    </>
  );
}
