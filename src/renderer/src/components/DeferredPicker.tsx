import { Combobox, Input, type MantineSize } from '@mantine/core';
import { useState, type MouseEvent, type ReactNode } from 'react';

/** What the real picker is mounted with: focused, and open when the user clicked to open it. */
export interface PickerStart {
  autoFocus: true;
  defaultDropdownOpened: boolean;
}

/**
 * A picker in a long list that stays a read-only field until it is used. A Mantine Select is a
 * combobox, a popover and positioning code: fifty rows of them cost more than the rest of the
 * Action items page. Focus (Tab) mounts the real picker in place and focused, a click mounts it
 * open, so keyboard and mouse work as with the Select itself and focus never drops.
 */
export function DeferredPicker({
  label,
  shown,
  placeholder,
  size = 'xs',
  children,
}: {
  /** The accessible name, the same the real picker has. */
  label: string;
  /** The chosen option's label ('' for none). */
  shown: string;
  placeholder: string;
  size?: MantineSize;
  children: (start: PickerStart) => ReactNode;
}) {
  const [start, setStart] = useState<PickerStart | null>(null);
  if (start) return children(start);
  return (
    <Input
      size={size}
      pointer
      readOnly
      value={shown}
      placeholder={placeholder}
      title={shown || undefined}
      role="combobox"
      aria-expanded={false}
      aria-haspopup="listbox"
      aria-label={label}
      rightSection={<Combobox.Chevron size={size} />}
      rightSectionPointerEvents="none"
      // mousedown comes before focus: the click opens the list; Tab only swaps in the picker.
      onMouseDown={(e: MouseEvent) => {
        e.preventDefault();
        setStart({ autoFocus: true, defaultDropdownOpened: true });
      }}
      onFocus={() => setStart((s) => s ?? { autoFocus: true, defaultDropdownOpened: false })}
    />
  );
}
