import { Alert, List, Text, ThemeIcon } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconX } from '@tabler/icons-react';
import { checkAim, checkScope } from '@shared/rim/aim';

const PARTS = [
  ['measure', 'Measure'],
  ['targetValue', 'Target value'],
  ['targetDate', 'Target date'],
] as const;

/** The live SMART check of an aim as it is typed, and the staffing-scope warning. */
export function AimCheckPanel({ aim }: { aim: string }) {
  const check = checkAim(aim);
  const scope = checkScope(aim);
  if (aim.trim() === '') {
    return (
      <Text size="sm" c="dimmed">
        A SMART aim names a measure, a target value and a target date, for example “Reduce falls per 1,000 patient days from 4 to 2 by June 30, 2027”.
      </Text>
    );
  }
  return (
    <>
      <List spacing={4} size="sm" center data-testid="aim-check" data-smart={check.smart}>
        {PARTS.map(([key, label]) => {
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
              {part.present ? `${label}: ${part.found}` : part.message}
            </List.Item>
          );
        })}
      </List>
      {!scope.inScope && (
        <Alert color="orange" icon={<IconAlertTriangle size={18} />} title={`Outside RIM scope: ${scope.matches.join(', ')}`} data-testid="scope-warning">
          {scope.message}
        </Alert>
      )}
    </>
  );
}
