import type { SaveFileResponse } from '@shared/ipc';
import type { ReportDocument } from '@shared/p2p/report';
import { REPORT_FORMATS, reportDocx, reportFileName, reportHtml, type ReportFormat } from '@shared/p2p/reportExports';
import { bridge } from '../../bridge';
import { svgToPng } from '../../components/chartExport';

/** The report's bytes in one format: PDF is Chromium's print of the report's HTML, as for minutes. */
async function reportFile(doc: ReportDocument, format: ReportFormat): Promise<Uint8Array<ArrayBuffer>> {
  if (format === 'docx') return reportDocx(doc, (svg, width, height) => svgToPng(svg, width, height));
  const result = await bridge.printToPdf({ html: reportHtml(doc) });
  if (result.status !== 'ok') throw new Error(result.message);
  return new Uint8Array(result.data);
}

/** Export the dashboard's report to a file the user chooses. */
export async function exportReport(doc: ReportDocument, format: ReportFormat): Promise<SaveFileResponse> {
  const f = REPORT_FORMATS.find((x) => x.format === format)!;
  const data = await reportFile(doc, format);
  return bridge.saveFile({
    title: doc.words.t('report.exportTitle'),
    suggestedName: reportFileName(doc, format),
    filters: [{ name: doc.words.t(f.filter), extensions: [f.extension] }],
    data,
  });
}
