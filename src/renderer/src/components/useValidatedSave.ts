import { useCallback, useState } from 'react';
import { ValidationError } from '../db/errors';
import { trackSave } from '../stores/saveStatus/store';

/**
 * For forms that save on submit: runs the write through the save indicator, keeps the last
 * validation problems for the fields to show, and resolves to undefined when the input was bad.
 * Other errors are not the person's input: they propagate.
 */
export function useValidatedSave() {
  const [error, setError] = useState<ValidationError | null>(null);
  const save = useCallback(async <T>(write: () => Promise<T>): Promise<T | undefined> => {
    try {
      const result = await trackSave(write);
      setError(null);
      return result;
    } catch (e) {
      if (e instanceof ValidationError) {
        setError(e);
        return undefined;
      }
      throw e;
    }
  }, []);
  return { error, setError, save };
}
