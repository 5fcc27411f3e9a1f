import { Group, NumberInput, SegmentedControl, Select, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { today } from '@shared/clock';
import type { MeetingTemplate } from '@shared/model';
import { type NthOfMonth, Recurrence, type Weekday } from '@shared/meetings/recurrence';
import { FormModal } from '../../components/FormModal';
import { useValidatedSave } from '../../components/useValidatedSave';
import { ValidationError } from '../../db/errors';
import { useRepos } from '../../db/live';
import { setTemplateRecurrence } from './commands';
import { templateFieldText } from './problems';
import { weekdayName } from './describeRecurrence';
import { useTemplatesT } from './useTemplatesT';

type Freq = 'none' | 'monthly' | 'weekly';
const NTHS: NthOfMonth[] = [1, 2, 3, 4, 5, -1];
const WEEKDAYS: Weekday[] = [1, 2, 3, 4, 5, 6, 0];

/** When a template's series meets: "second Tuesday monthly", "every first Monday", every N weeks. */
export function RepeatModal({ template, opened, onClose }: { template: MeetingTemplate; opened: boolean; onClose: () => void }) {
  const repos = useRepos();
  const { t, locale } = useTemplatesT();
  const rule = template.recurrence;
  const [freq, setFreq] = useState<Freq>(rule?.freq ?? 'none');
  const [nth, setNth] = useState<string>(String(rule?.freq === 'monthly' ? rule.nth : 2));
  const [weekday, setWeekday] = useState<string>(String(rule?.freq === 'monthly' ? rule.weekday : 2));
  const [interval, setInterval] = useState<number | string>(rule?.freq === 'weekly' ? rule.interval : 1);
  const [anchor, setAnchor] = useState(rule?.freq === 'weekly' ? rule.anchor : today());
  const [time, setTime] = useState(rule?.time ?? '09:00');
  const { error, save } = useValidatedSave();

  const submit = async () => {
    let next: Recurrence | null = null;
    if (freq !== 'none') {
      const candidate = freq === 'monthly' ? { freq, nth: Number(nth), weekday: Number(weekday), time } : { freq, interval: Number(interval), anchor, time };
      const parsed = Recurrence.safeParse(candidate);
      if (!parsed.success) {
        await save(() => Promise.reject(ValidationError.fromZod(parsed.error)));
        return;
      }
      next = parsed.data;
    }
    if (await save(() => setTemplateRecurrence(repos, template.id, next))) onClose();
  };

  return (
    <FormModal opened={opened} onClose={onClose} title={t('repeat.title', { name: template.name })} submitLabel={t('repeat.submit')} onSubmit={submit}>
      <Stack>
        <SegmentedControl
          aria-label={t('repeat.frequency')}
          value={freq}
          onChange={(v) => setFreq(v as Freq)}
          data={[
            { value: 'none', label: t('repeat.none') },
            { value: 'monthly', label: t('repeat.monthly') },
            { value: 'weekly', label: t('repeat.weekly') },
          ]}
          fullWidth
          orientation="vertical"
        />
        {freq === 'monthly' && (
          <Group grow>
            <Select
              label={t('repeat.nth')}
              data={NTHS.map((n) => ({ value: String(n), label: t('repeat.ordinal', { nth: String(n) }) }))}
              value={nth}
              onChange={(v) => v && setNth(v)}
              allowDeselect={false}
            />
            <Select
              label={t('repeat.weekday')}
              data={WEEKDAYS.map((d) => ({ value: String(d), label: weekdayName(d, locale) }))}
              value={weekday}
              onChange={(v) => v && setWeekday(v)}
              allowDeselect={false}
              error={templateFieldText(error, 'weekday', t)}
            />
          </Group>
        )}
        {freq === 'weekly' && (
          <Group grow>
            <NumberInput
              label={t('repeat.interval')}
              min={1}
              max={8}
              allowDecimal={false}
              value={interval}
              onChange={setInterval}
              error={templateFieldText(error, 'interval', t)}
            />
            <TextInput
              label={t('repeat.anchor')}
              type="date"
              value={anchor}
              onChange={(e) => setAnchor(e.currentTarget.value)}
              error={templateFieldText(error, 'anchor', t)}
            />
          </Group>
        )}
        {freq !== 'none' && (
          <TextInput
            label={t('repeat.time')}
            type="time"
            value={time}
            onChange={(e) => setTime(e.currentTarget.value)}
            error={templateFieldText(error, 'time', t)}
          />
        )}
      </Stack>
    </FormModal>
  );
}
