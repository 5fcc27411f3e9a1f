import type { Person } from '@shared/model';
import type { SaveFileResponse } from '@shared/ipc';
import type { Translate } from '@shared/i18n/translator';
import type { MinutesWords } from '@shared/minutes/words';
import { bridge } from '../../bridge';
import { actionRowsCsv } from './actionsCsv';
import type { ActionRow } from './queries';

/** actionRowsCsv saved as a file the user chooses. */
export function exportActionRows(
  rows: readonly ActionRow[],
  people: readonly Person[],
  stem: string,
  t: Translate,
  words: MinutesWords,
): Promise<SaveFileResponse> {
  return bridge.saveFile({
    title: t('export.dialogTitle'),
    suggestedName: `${stem}.csv`,
    filters: [{ name: t('export.filter'), extensions: ['csv'] }],
    data: actionRowsCsv(rows, people, t, words),
  });
}
