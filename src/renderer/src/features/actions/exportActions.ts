import type { Person } from '@shared/model';
import type { SaveFileResponse } from '@shared/ipc';
import { actionItemExportRow, renderActionItemsCsv } from '@shared/actions/csv';
import { bridge } from '../../bridge';
import type { ActionRow } from './queries';

/** The rows on screen (as filtered) as a CSV file the user chooses, in the minutes' action-item columns. */
export async function exportActionRows(rows: readonly ActionRow[], people: readonly Person[], stem: string): Promise<SaveFileResponse> {
  const byId = new Map(people.map((p) => [p.id, p]));
  const csv = renderActionItemsCsv(
    rows.map(({ item, bodyName, meetingTitle, meetingStartsAt }) => {
      const owner = item.ownerId ? byId.get(item.ownerId) : undefined;
      return actionItemExportRow(item, {
        owner: owner ? { name: owner.name, side: owner.side } : item.ownerId ? { name: 'Unknown person', side: null } : null,
        meeting: meetingStartsAt ? { startsAt: meetingStartsAt, title: meetingTitle } : null,
        body: bodyName,
      });
    }),
  );
  return bridge.saveFile({ title: 'Export action items', suggestedName: `${stem}.csv`, filters: [{ name: 'CSV', extensions: ['csv'] }], data: csv });
}
