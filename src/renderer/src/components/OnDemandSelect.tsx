import { Select, type ComboboxItem, type SelectProps } from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';

/**
 * A Select that hands its options to Mantine only while its list is open: Mantine parses a
 * Select's options on every render, and a screen with several pickers over a roster of 30,000
 * spent seconds per render. Closed, it holds only the chosen option, which is all it shows.
 * `onOpen` lets the screen fetch the options the first time any list opens.
 */
export function OnDemandSelect({
  options,
  value,
  onChange,
  onOpen,
  ...props
}: Omit<SelectProps, 'data' | 'value' | 'onChange' | 'onDropdownOpen' | 'onDropdownClose'> & {
  options: readonly ComboboxItem[];
  value: string | null;
  onChange: (value: string | null) => void;
  onOpen?: () => void;
}) {
  // Mounted open (a DeferredPicker clicked): the list needs its options from the start.
  const [open, setOpen] = useState(Boolean(props.defaultDropdownOpened));
  useEffect(() => {
    if (props.defaultDropdownOpened) onOpen?.();
    // Once, on mount: later openings report through onDropdownOpen.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const chosen = useMemo(() => options.filter((o) => o.value === value), [options, value]);
  return (
    <Select
      {...props}
      value={value}
      data={open ? (options as ComboboxItem[]) : chosen}
      onChange={(v) => onChange(v === null ? null : String(v))}
      onDropdownOpen={() => {
        setOpen(true);
        onOpen?.();
      }}
      onDropdownClose={() => setOpen(false)}
    />
  );
}
