import { NumberInput, Textarea, TextInput, type NumberInputProps, type TextareaProps, type TextInputProps } from '@mantine/core';
import { useAutosave } from './useAutosave';

const messageOf = (error: string | null) => (error ? error.replace(/^[\w.]+: /, '') : undefined);

type TextProps = Omit<TextInputProps, 'value' | 'onChange' | 'error'> & {
  value: string;
  onSave: (value: string) => Promise<unknown>;
};

/** A text input that saves itself as the facilitator types. */
export function AutosaveTextInput({ value, onSave, onBlur, ...rest }: TextProps) {
  const { draft, change, flush, error } = useAutosave(value, onSave);
  return (
    <TextInput
      {...rest}
      value={draft}
      error={messageOf(error)}
      onChange={(e) => change(e.currentTarget.value)}
      onBlur={(e) => {
        void flush();
        onBlur?.(e);
      }}
    />
  );
}

type AreaProps = Omit<TextareaProps, 'value' | 'onChange' | 'error'> & {
  value: string;
  onSave: (value: string) => Promise<unknown>;
  /** Every keystroke, before the debounced save (e.g. to show the room what is being typed). */
  onDraft?: (value: string) => void;
};

export function AutosaveTextarea({ value, onSave, onDraft, onBlur, ...rest }: AreaProps) {
  const { draft, change, flush, error } = useAutosave(value, onSave);
  return (
    <Textarea
      autosize
      minRows={2}
      {...rest}
      value={draft}
      error={messageOf(error)}
      onChange={(e) => {
        change(e.currentTarget.value);
        onDraft?.(e.currentTarget.value);
      }}
      onBlur={(e) => {
        void flush();
        onBlur?.(e);
      }}
    />
  );
}

type NumberProps = Omit<NumberInputProps, 'value' | 'onChange' | 'error'> & {
  value: number;
  onSave: (value: number) => Promise<unknown>;
};

/** Numbers save only when they are whole numbers; an emptied field is not written as 0. */
export function AutosaveNumberInput({ value, onSave, onBlur, ...rest }: NumberProps) {
  const { draft, change, flush, error } = useAutosave<number | string>(value, async (v) => {
    if (typeof v === 'number') await onSave(v);
  });
  return (
    <NumberInput
      {...rest}
      value={draft}
      error={messageOf(error)}
      onChange={(v) => change(v)}
      onBlur={(e) => {
        void flush();
        onBlur?.(e);
      }}
    />
  );
}
