import { Button, Menu } from '@mantine/core';
import { IconClipboardCopy, IconPhotoDown } from '@tabler/icons-react';
import { chartPicture, chartSummaryText, type ChartPictureMeta } from '@shared/rim/chartPicture';
import type { MeasureChartModel } from '@shared/rim/measureChart';
import { bridge } from '../../bridge';
import { copyChartToClipboard, svgToPng } from '../../components/chartExport';
import { notifyError, notifySuccess } from '../../components/notify';

const stem = (name: string, chart: string) => `${name.replace(/[/\\:*?"<>|]+/g, ' ').trim() || 'chart'} ${chart.toLowerCase()}`.slice(0, 180);

/** Width of the exported picture in CSS pixels (the PNG is twice as wide): a slide's width. */
const PICTURE_WIDTH = 1000;

/**
 * The chart as a picture worth sharing: PNG (slides), SVG (print, scales) or on the clipboard.
 * Every format carries the title, measure and unit, team, labelled lines, legend, signals in
 * words, date range and "Made with Common Ground" (see chartPicture).
 */
export function ChartExportMenu({ model, meta, domain }: { model: MeasureChartModel; meta: ChartPictureMeta; domain?: readonly [number, number] | null }) {
  const picture = () => chartPicture(model, meta, { width: PICTURE_WIDTH, domain });
  const chartName = model.kind === 'run' ? 'run chart' : model.title.replace(/ \(.*\)$/, '');
  const save = async (format: 'png' | 'svg') => {
    try {
      const p = picture();
      const data = format === 'svg' ? p.svg : await svgToPng(p.svg, p.width, p.height);
      const result = await bridge.saveFile({
        title: `Export ${chartName}`,
        suggestedName: `${stem(meta.measureName, chartName)}.${format}`,
        filters: [{ name: format === 'svg' ? 'SVG image' : 'PNG image', extensions: [format] }],
        data,
      });
      if (result.status === 'saved') notifySuccess(`Saved ${result.path}`);
      else if (result.status === 'error') notifyError('The chart was not saved', new Error(result.message));
    } catch (e) {
      notifyError('The chart was not saved', e);
    }
  };
  const copy = async () => {
    try {
      const how = await copyChartToClipboard(picture(), chartSummaryText(model, meta), `${model.title} of ${meta.measureName}`);
      notifySuccess(
        how === 'image' ? 'Chart copied: paste it into a slide or a document.' : 'Chart copied (as a picture in HTML): paste it into a document or an email.',
      );
    } catch (e) {
      notifyError('The chart was not copied', e);
    }
  };
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button size="xs" variant="subtle" leftSection={<IconPhotoDown size={14} />} aria-label={`Export the chart of ${meta.measureName}`}>
          Export chart
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item onClick={() => void save('png')}>PNG image</Menu.Item>
        <Menu.Item onClick={() => void save('svg')}>SVG image</Menu.Item>
        <Menu.Item leftSection={<IconClipboardCopy size={14} />} onClick={() => void copy()}>
          Copy to clipboard
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
