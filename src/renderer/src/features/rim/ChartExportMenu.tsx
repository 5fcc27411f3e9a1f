import { Button, Menu } from '@mantine/core';
import { IconClipboardCopy, IconPhotoDown } from '@tabler/icons-react';
import { chartPicture, chartSummaryText, type ChartPictureMeta } from '@shared/rim/chartPicture';
import { chartKindShort, type MeasureChartModel } from '@shared/rim/measureChart';
import { bridge } from '../../bridge';
import { copyChartToClipboard, svgToPng } from '../../components/chartExport';
import { notifyError, notifySuccess } from '../../components/notify';
import { useT } from '../../i18n';
import { useRimWords } from './useRimWords';

/** A file name from the measure and chart ("Falls run chart"), without the characters file systems refuse. */
const stem = (name: string, chart: string, fallback: string) =>
  `${name.replace(/[/\\:*?"<>|]+/g, ' ').trim() || fallback} ${chart.toLowerCase()}`.slice(0, 180);

/** Width of the exported picture in CSS pixels (the PNG is twice as wide): a slide's width. */
const PICTURE_WIDTH = 1000;

/**
 * The chart as a picture worth sharing: PNG (slides), SVG (print, scales) or on the clipboard.
 * Every format carries the title, measure and unit, team, labelled lines, legend, signals in
 * words, date range and "Made with Common Ground" (see chartPicture), in the screens' language.
 */
export function ChartExportMenu({ model, meta, domain }: { model: MeasureChartModel; meta: ChartPictureMeta; domain?: readonly [number, number] | null }) {
  const t = useT('rim');
  const words = useRimWords();
  const picture = () => chartPicture(model, meta, words, { width: PICTURE_WIDTH, domain });
  const chartName = chartKindShort(model.kind, words);
  const save = async (format: 'png' | 'svg') => {
    try {
      const p = picture();
      const data = format === 'svg' ? p.svg : await svgToPng(p.svg, p.width, p.height);
      const result = await bridge.saveFile({
        title: t('export.dialogTitle', { chart: chartName }),
        suggestedName: `${stem(meta.measureName, chartName, t('export.fallbackName'))}.${format}`,
        filters: [{ name: format === 'svg' ? t('export.svgFilter') : t('export.pngFilter'), extensions: [format] }],
        data,
      });
      if (result.status === 'saved') notifySuccess(t('saved', { path: result.path }));
      else if (result.status === 'error') notifyError(t('export.failed'), new Error(result.message));
    } catch (e) {
      notifyError(t('export.failed'), e);
    }
  };
  const copy = async () => {
    try {
      const how = await copyChartToClipboard(
        picture(),
        chartSummaryText(model, meta, words),
        t('chart.label', { chart: model.title, measure: meta.measureName }),
      );
      notifySuccess(how === 'image' ? t('export.copied') : t('export.copiedHtml'));
    } catch (e) {
      notifyError(t('export.copyFailed'), e);
    }
  };
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button size="xs" variant="subtle" leftSection={<IconPhotoDown size={14} />} aria-label={t('export.label', { measure: meta.measureName })}>
          {t('export.button')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item onClick={() => void save('png')}>{t('export.png')}</Menu.Item>
        <Menu.Item onClick={() => void save('svg')}>{t('export.svg')}</Menu.Item>
        <Menu.Item leftSection={<IconClipboardCopy size={14} />} onClick={() => void copy()}>
          {t('export.copy')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
