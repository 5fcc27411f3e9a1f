import { NumberInput, type NumberInputProps } from '@mantine/core';
import { useAutosave } from '../../components/useAutosave';

type Props = Omit<NumberInputProps, 'value' | 'onChange' | 'error'> & {
  value: number | null;
  onSave: (value: number | null) => Promise<unknown>;
};

/** A number that may be left empty (no baseline or target yet): emptying the field stores null. */
export function NullableNumberInput({ value, onSave, onBlur, ...rest }: Props) {
  const { draft, change, flush, error } = useAutosave<number | string>(value ?? '', async (v) => {
    if (typeof v === 'number') await onSave(v);
    else if (v.trim() === '') await onSave(null);
  });
  return (
    <NumberInput
      {...rest}
      value={draft}
      error={error?.replace(/^[\w.]+: /, '')}
      onChange={(v) => change(v)}
      onBlur={(e) => {
        void flush();
        onBlur?.(e);
      }}
    />
  );
}
