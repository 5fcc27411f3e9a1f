import { NumberInput, Textarea, TextInput, type NumberInputProps, type TextareaProps, type TextInputProps } from '@mantine/core';
import { useT } from '../i18n';
import { useLanguage } from '../stores/language/store';
import { fieldProblemText } from './fieldProblem';
import { useAutosave } from './useAutosave';

/** The field's save error in the screens' language. */
function useMessageOf(): (error: string | null) => string | undefined {
  const t = useT('common');
  const english = useLanguage((s) => s.language === 'en');
  return (error) => fieldProblemText(error, english, t);
}

type TextProps = Omit<TextInputProps, 'value' | 'onChange' | 'error'> & {
  value: string;
  onSave: (value: string) => Promise<unknown>;
  /** What this field holds, e.g. `meetings:<id>:title`: its typed text is journalled until saved (see draftJournal). */
  draftKey: string;
};

/** A text input that saves itself as the facilitator types. */
export function AutosaveTextInput({ value, onSave, onBlur, draftKey, ...rest }: TextProps) {
  const messageOf = useMessageOf();
  const { draft, change, flush, error } = useAutosave(value, onSave, { journalKey: draftKey });
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
  /** What this field holds, e.g. `meetings:<id>:objective`: its typed text is journalled until saved. */
  draftKey: string;
};

export function AutosaveTextarea({ value, onSave, onDraft, onBlur, draftKey, ...rest }: AreaProps) {
  const messageOf = useMessageOf();
  const { draft, change, flush, error } = useAutosave(value, onSave, { journalKey: draftKey });
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
  const messageOf = useMessageOf();
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
