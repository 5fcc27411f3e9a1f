import { TextInput, type TextInputProps } from '@mantine/core';
import { useState } from 'react';
import { notifyError } from '../../components/notify';
import { useIbpsT } from './words';
import { shownError } from './refusals';

/**
 * Keyboard-first capture: type, Enter, next. The field clears at once and the write happens behind
 * it, so the recorder never waits on the laptop; a failed write puts the text back.
 */
export function CaptureInput({
  onAdd,
  onDraft,
  ...rest
}: Omit<TextInputProps, 'value' | 'onChange' | 'onKeyDown'> & { onAdd: (text: string) => Promise<unknown>; onDraft?: (text: string) => void }) {
  const t = useIbpsT();
  const [text, setText] = useState('');
  const submit = () => {
    const value = text.trim();
    if (!value) return;
    setText('');
    onDraft?.('');
    onAdd(value).catch((e: unknown) => {
      setText((current) => current || value);
      notifyError(t('notAdded'), shownError(e, t));
    });
  };
  return (
    <TextInput
      size="md"
      {...rest}
      value={text}
      onChange={(e) => {
        setText(e.currentTarget.value);
        onDraft?.(e.currentTarget.value);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && !e.nativeEvent.isComposing) {
          e.preventDefault();
          submit();
        }
      }}
    />
  );
}
