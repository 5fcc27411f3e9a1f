import { TextInput, type TextInputProps } from '@mantine/core';
import { useState } from 'react';
import { notifyError } from '../../components/notify';

/**
 * Keyboard-first capture: type, Enter, next. The field clears at once and the write happens behind
 * it, so the recorder never waits on the laptop; a failed write puts the text back.
 */
export function CaptureInput({ onAdd, ...rest }: Omit<TextInputProps, 'value' | 'onChange' | 'onKeyDown'> & { onAdd: (text: string) => Promise<unknown> }) {
  const [text, setText] = useState('');
  const submit = () => {
    const value = text.trim();
    if (!value) return;
    setText('');
    onAdd(value).catch((e: unknown) => {
      setText((current) => current || value);
      notifyError('Not added', e);
    });
  };
  return (
    <TextInput
      size="md"
      {...rest}
      value={text}
      onChange={(e) => setText(e.currentTarget.value)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && !e.nativeEvent.isComposing) {
          e.preventDefault();
          submit();
        }
      }}
    />
  );
}
