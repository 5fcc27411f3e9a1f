import { Button, Menu } from '@mantine/core';
import { IconChevronDown, IconMailForward } from '@tabler/icons-react';
import { useState } from 'react';
import { PRE_READ_FORMATS, type PreReadFormat } from '@shared/meetings/preReadExports';
import { notifyError, notifySuccess } from '../../components/notify';
import { useRepos } from '../../db/live';
import { exportPreRead } from './exportPreRead';
import { useTemplatesT } from './useTemplatesT';

/** The agenda as both sides read it before the meeting: PDF, Word or text for an email. */
export function PreReadMenu({ meetingId }: { meetingId: string }) {
  const repos = useRepos();
  const { t, locale } = useTemplatesT();
  const [busy, setBusy] = useState(false);
  const run = async (format: PreReadFormat) => {
    setBusy(true);
    try {
      const result = await exportPreRead(repos, meetingId, format, t, locale);
      if (result.status === 'saved') notifySuccess(t('export.saved'));
      else if (result.status === 'error') notifyError(t('export.failed', { message: result.message }), new Error(result.message));
    } catch (e) {
      notifyError(t('export.failed', { message: e instanceof Error ? e.message : String(e) }), e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button
          variant="light"
          leftSection={<IconMailForward size={16} />}
          rightSection={<IconChevronDown size={14} />}
          loading={busy}
          data-testid="export-preread"
        >
          {t('export.button')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {PRE_READ_FORMATS.map((f) => (
          <Menu.Item key={f.format} onClick={() => void run(f.format)} data-testid={`preread-${f.format}`}>
            {t(`export.${f.format}`)} (.{f.extension})
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
