import { Button, Menu } from '@mantine/core';
import { IconPhotoDown } from '@tabler/icons-react';
import type { RefObject } from 'react';
import { bridge } from '../../bridge';
import { chartSvg, svgToPng } from '../../components/chartExport';
import { notifyError, notifySuccess } from '../../components/notify';

const stem = (name: string) => `${name.replace(/[/\\:*?"<>|]+/g, ' ').trim() || 'chart'} run chart`;

/** Save the run chart as it is on screen: SVG (scales for print) or PNG (pastes into slides). */
export function ChartExportMenu({ target, name }: { target: RefObject<HTMLElement | null>; name: string }) {
  const save = async (format: 'png' | 'svg') => {
    try {
      if (!target.current) throw new Error('There is no chart to export yet.');
      const { svg, width, height } = chartSvg(target.current, `Run chart: ${name}`);
      const data = format === 'svg' ? svg : await svgToPng(svg, width, height);
      const result = await bridge.saveFile({
        title: 'Export run chart',
        suggestedName: `${stem(name)}.${format}`,
        filters: [{ name: format === 'svg' ? 'SVG image' : 'PNG image', extensions: [format] }],
        data,
      });
      if (result.status === 'saved') notifySuccess(`Saved ${result.path}`);
      else if (result.status === 'error') notifyError('The chart was not saved', new Error(result.message));
    } catch (e) {
      notifyError('The chart was not saved', e);
    }
  };
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button size="xs" variant="subtle" leftSection={<IconPhotoDown size={14} />} aria-label={`Export the run chart of ${name}`}>
          Export chart
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item onClick={() => void save('png')}>PNG image</Menu.Item>
        <Menu.Item onClick={() => void save('svg')}>SVG image</Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
