import { TextInput, type TextInputProps } from '@mantine/core';
import { memo, useRef } from 'react';
import { notifyError } from '../../components/notify';
import { useIbpsT } from './words';
import { shownError } from './refusals';

type CaptureInputProps = Omit<TextInputProps, 'value' | 'defaultValue' | 'onChange' | 'onKeyDown'> & {
  onAdd: (text: string) => Promise<unknown>;
  onDraft?: (text: string) => void;
};

/**
 * Keyboard-first capture: type, Enter, next. The field clears at once and the write happens behind
 * it, so the recorder never waits on the laptop; a failed write puts the text back. The field keeps
 * its own text (uncontrolled): a keystroke re-renders nothing, so typing stays cheap on a board of
 * hundreds of items while the room talks.
 */
export const CaptureInput = memo(function CaptureInput({ onAdd, onDraft, ...rest }: CaptureInputProps) {
  const t = useIbpsT();
  const field = useRef<HTMLInputElement>(null);
  const submit = () => {
    const el = field.current;
    const value = el?.value.trim() ?? '';
    if (!el || !value) return;
    el.value = '';
    onDraft?.('');
    onAdd(value).catch((e: unknown) => {
      if (field.current && !field.current.value) field.current.value = value;
      notifyError(t('notAdded'), shownError(e, t));
    });
  };
  return (
    <TextInput
      size="md"
      {...rest}
      ref={field}
      onChange={(e) => onDraft?.(e.currentTarget.value)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && !e.nativeEvent.isComposing) {
          e.preventDefault();
          submit();
        }
      }}
    />
  );
});
