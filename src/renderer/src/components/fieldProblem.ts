import type { Translate } from '@shared/i18n/translator';

// The shared model's field messages are English sentences ("Name is required", "must be at most
// 200 characters"). Under a field the label is already beside the input, so on a screen in another
// language the known ones are said without it, in that language; English screens keep the
// model's own sentence, and a message not known here is shown as it came.

const KNOWN: Array<[RegExp, (m: RegExpExecArray) => [string, Record<string, unknown>?]]> = [
  [/is required$/, () => ['field.required']],
  [/must be at most (\d+) characters$/, (m) => ['field.tooLong', { max: Number(m[1]) }]],
  [/^must be a date like /, () => ['field.date']],
  [/^must be a date and time like /, () => ['field.dateTime']],
];

/** A field's save error as shown under it: without the field path, in the screens' language where known. */
export function fieldProblemText(error: string | null, english: boolean, t: Translate): string | undefined {
  if (!error) return undefined;
  const message = error.replace(/^[\w.]+: /, '');
  if (english) return message;
  for (const [pattern, key] of KNOWN) {
    const match = pattern.exec(message);
    if (match) {
      const [k, values] = key(match);
      return t(k, values);
    }
  }
  return message;
}
