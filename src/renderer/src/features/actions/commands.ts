import { nowIso } from '@shared/clock';
import type { ActionItem, ActionItemInput, ActionItemStatus } from '@shared/model/ibps';
import type { Repositories } from '../../db/repositories';
import { writeOpenRecord } from '../minutes/recordLock';

// Action items' use cases: every write the action-item screens make goes through one of these.
// An action item is part of the minutes of the meeting that agreed it: what it says, and whether it
// exists, are locked with those minutes. Its owner, due date and status are follow-ups that keep
// living after approval (the approved version keeps what was agreed).

export type ActionItemPatch = Partial<Pick<ActionItem, 'what' | 'measure' | 'ownerId' | 'dueDate'>>;

const ofItem = (repos: Repositories, itemId: string) => async () => (await repos.db.actionItems.get(itemId))?.meetingId;

export const addActionItem = (repos: Repositories, input: ActionItemInput): Promise<ActionItem> =>
  writeOpenRecord(
    repos,
    [repos.db.actionItems],
    async () => input.meetingId,
    () => repos.actionItems.create(input),
  );

/** What was agreed (the item and how the team will know it worked) is locked with the minutes; owner and due date are not. */
export const updateActionItem = (repos: Repositories, itemId: string, patch: ActionItemPatch): Promise<ActionItem> =>
  patch.what === undefined && patch.measure === undefined
    ? repos.actionItems.update(itemId, patch)
    : writeOpenRecord(repos, [repos.db.actionItems], ofItem(repos, itemId), () => repos.actionItems.update(itemId, patch));

/** A status change stamps when the item was done (and clears it when reopened), so "done" always has a date. */
export const setActionItemStatus = (repos: Repositories, itemId: string, status: ActionItemStatus): Promise<ActionItem> =>
  repos.actionItems.update(itemId, { status, doneAt: status === 'done' ? nowIso() : null });

export const removeActionItem = (repos: Repositories, itemId: string): Promise<ActionItem | undefined> =>
  writeOpenRecord(repos, [repos.db.actionItems], ofItem(repos, itemId), () => repos.actionItems.remove(itemId));

export const restoreActionItem = (repos: Repositories, item: ActionItem): Promise<ActionItem> =>
  writeOpenRecord(
    repos,
    [repos.db.actionItems],
    async () => item.meetingId,
    () => repos.actionItems.restore(item),
  );
