import { Button, Group, Menu } from '@mantine/core';
import { IconChevronDown, IconDownload, IconFileZip } from '@tabler/icons-react';
import { useState } from 'react';
import type { ApprovalView } from '@shared/minutes/approval';
import type { MinutesDocument } from '@shared/minutes/document';
import { MINUTES_FORMATS, type MinutesFormat } from '@shared/minutes/exports';
import { notifyError, notifySuccess } from '../../components/notify';
import { BatchExportModal } from './BatchExportModal';
import { exportMinutes } from './exportMinutes';
import { isDesktop } from '../../bridge';
import { useT } from '../../i18n';

/** Export this meeting's minutes as shown, or a date range of the body's minutes as a zip. */
export function ExportMenu({ document, approval, body }: { document: MinutesDocument; approval: ApprovalView; body: { id: string; name: string } }) {
  const t = useT('minutes');
  const [busy, setBusy] = useState<MinutesFormat | null>(null);
  const [batchOpen, setBatchOpen] = useState(false);
  // The web version makes a PDF through the browser's print dialog; the desktop app saves the file itself.
  const desktop = isDesktop();
  const run = async (format: MinutesFormat) => {
    setBusy(format);
    try {
      const result = await exportMinutes(document, approval, format, t('export.dialogTitle'));
      if (result.status === 'saved') notifySuccess(t('saved', { path: result.path }));
      else if (result.status === 'error') notifyError(t('export.notSaved'), new Error(result.message));
    } catch (e) {
      notifyError(t('export.notSaved'), e);
    } finally {
      setBusy(null);
    }
  };
  return (
    <Group gap="xs">
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button leftSection={<IconDownload size={16} />} rightSection={<IconChevronDown size={14} />} loading={busy !== null} data-testid="export-minutes">
            {t('export.button')}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          {MINUTES_FORMATS.map((f) => (
            <Menu.Item key={f.format} onClick={() => void run(f.format)} data-testid={`export-${f.format}`}>
              {f.format === 'pdf' && !desktop ? t('export.pdfPrint') : t('export.format', { label: t(`export.formats.${f.format}`), extension: f.extension })}
            </Menu.Item>
          ))}
        </Menu.Dropdown>
      </Menu>
      <Button variant="default" leftSection={<IconFileZip size={16} />} onClick={() => setBatchOpen(true)}>
        {t('export.range')}
      </Button>
      <BatchExportModal opened={batchOpen} onClose={() => setBatchOpen(false)} body={body} />
    </Group>
  );
}
