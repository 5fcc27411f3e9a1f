import { Alert, List, ScrollArea } from '@mantine/core';
import { describeImportError, type ImportError } from '@shared/rim/dataImport';
import { useT } from '../../i18n';
import { useRimWords } from './useRimWords';

/** The lines of a paste or file that were not imported, each with its reason. */
export function ImportProblems({ title, errors, onClose }: { title: string; errors: readonly ImportError[]; onClose?: () => void }) {
  const t = useT('rim');
  const words = useRimWords();
  if (errors.length === 0) return null;
  return (
    <Alert color="orange" title={title} withCloseButton={Boolean(onClose)} closeButtonLabel={t('close')} onClose={onClose} data-testid="import-problems">
      <ScrollArea.Autosize mah={180}>
        <List size="sm" spacing={2}>
          {errors.map((e) => (
            <List.Item key={`${e.line}-${e.message}`}>{describeImportError(e, words)}</List.Item>
          ))}
        </List>
      </ScrollArea.Autosize>
    </Alert>
  );
}
