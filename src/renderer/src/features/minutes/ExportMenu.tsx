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

/** Export this meeting's minutes as shown, or a date range of the body's minutes as a zip. */
export function ExportMenu({ document, approval, body }: { document: MinutesDocument; approval: ApprovalView; body: { id: string; name: string } }) {
  const [busy, setBusy] = useState<MinutesFormat | null>(null);
  const [batchOpen, setBatchOpen] = useState(false);
  // The web version makes a PDF through the browser's print dialog; the desktop app saves the file itself.
  const desktop = isDesktop();
  const run = async (format: MinutesFormat) => {
    setBusy(format);
    try {
      const result = await exportMinutes(document, approval, format);
      if (result.status === 'saved') notifySuccess(`Saved ${result.path}`);
      else if (result.status === 'error') notifyError('The file was not saved', new Error(result.message));
    } catch (e) {
      notifyError('The file was not saved', e);
    } finally {
      setBusy(null);
    }
  };
  return (
    <Group gap="xs">
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button leftSection={<IconDownload size={16} />} rightSection={<IconChevronDown size={14} />} loading={busy !== null} data-testid="export-minutes">
            Export
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          {MINUTES_FORMATS.map((f) => (
            <Menu.Item key={f.format} onClick={() => void run(f.format)} data-testid={`export-${f.format}`}>
              {f.format === 'pdf' && !desktop ? 'PDF: opens the print dialog (choose Save as PDF)' : `${f.label} (.${f.extension})`}
            </Menu.Item>
          ))}
        </Menu.Dropdown>
      </Menu>
      <Button variant="default" leftSection={<IconFileZip size={16} />} onClick={() => setBatchOpen(true)}>
        Export a date range
      </Button>
      <BatchExportModal opened={batchOpen} onClose={() => setBatchOpen(false)} body={body} />
    </Group>
  );
}
