import { nowIso } from '@shared/clock';
import type { ActionItem, ActionItemInput, ActionItemStatus } from '@shared/model/ibps';
import type { Repositories } from '../../db/repositories';

// Action items' use cases: every write the action-item screens make goes through one of these.

export type ActionItemPatch = Partial<Pick<ActionItem, 'what' | 'ownerId' | 'dueDate'>>;

export const addActionItem = (repos: Repositories, input: ActionItemInput): Promise<ActionItem> => repos.actionItems.create(input);

export const updateActionItem = (repos: Repositories, itemId: string, patch: ActionItemPatch): Promise<ActionItem> => repos.actionItems.update(itemId, patch);

/** A status change stamps when the item was done (and clears it when reopened), so "done" always has a date. */
export const setActionItemStatus = (repos: Repositories, itemId: string, status: ActionItemStatus): Promise<ActionItem> =>
  repos.actionItems.update(itemId, { status, doneAt: status === 'done' ? nowIso() : null });

export const removeActionItem = (repos: Repositories, itemId: string): Promise<ActionItem | undefined> => repos.actionItems.remove(itemId);

export const restoreActionItem = (repos: Repositories, item: ActionItem): Promise<ActionItem> => repos.actionItems.restore(item);
