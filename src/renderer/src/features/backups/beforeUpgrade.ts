/**
 * A backup before a schema upgrade: a new app version's migrations run the moment the store is
 * opened, so this runs first, on the store as the old version left it (opened without a schema,
 * at its own version; nothing is changed). If the upgrade then goes wrong, that file restores it.
 * Desktop only: web mode has no folder to put it in (main answers "unsupported" there).
 */
import Dexie from 'dexie';
import type { RendererApi } from '@shared/ipc';
import { CURRENT_SCHEMA_VERSION, DB_NAME } from '../../db/schema';

export type BeforeUpgradeResult =
  { status: 'no-store' | 'current' | 'unsupported' } | { status: 'saved'; from: number; name: string } | { status: 'error'; from: number; message: string };

/** Dexie stores version v as IndexedDB version v * 10. */
const DEXIE_VERSION_FACTOR = 10;

export async function backUpBeforeUpgrade(
  bridge: Pick<RendererApi, 'backupsWrite' | 'backupsList'>,
  options: { appVersion: string; name?: string; current?: number },
): Promise<BeforeUpgradeResult> {
  const name = options.name ?? DB_NAME;
  // Listing databases opens nothing: the usual start (store already current) costs one call.
  const info = typeof indexedDB.databases === 'function' ? (await indexedDB.databases()).find((d) => d.name === name) : undefined;
  if (!info?.version) return { status: 'no-store' };
  const installed = Math.round(info.version / DEXIE_VERSION_FACTOR);
  if (installed >= (options.current ?? CURRENT_SCHEMA_VERSION)) return { status: 'current' };
  if ((await bridge.backupsList()).status === 'unsupported') return { status: 'unsupported' };
  // The export code loads only when an upgrade needs it, not on every start (the first screen waits for this).
  const { makeBackupFile } = await import('./storeFile');
  const old = new Dexie(name);
  try {
    await old.open();
    const { bytes } = await makeBackupFile(old, { reason: 'before-upgrade', appVersion: options.appVersion });
    const result = await bridge.backupsWrite({ reason: 'before-upgrade', data: bytes });
    if (result.status === 'saved') return { status: 'saved', from: old.verno, name: result.backup.name };
    return { status: 'error', from: old.verno, message: result.status === 'downloaded' ? 'downloaded' : result.message };
  } catch (error) {
    return { status: 'error', from: installed, message: error instanceof Error ? error.message : String(error) };
  } finally {
    old.close();
  }
}

let atStart: BeforeUpgradeResult | null = null;

/**
 * Run once at start, before anything opens the store (main.tsx). Never throws: a failed backup
 * is reported (useBackups shows it), and the app opens anyway.
 */
export async function backUpBeforeUpgradeAtStart(bridge: Pick<RendererApi, 'backupsWrite' | 'backupsList'>, appVersion: string): Promise<void> {
  try {
    atStart = await backUpBeforeUpgrade(bridge, { appVersion });
  } catch (error) {
    atStart = { status: 'error', from: 0, message: error instanceof Error ? error.message : String(error) };
  }
}

/** What the start-up backup did (once; null when nothing needed saying). */
export function takeUpgradeBackupResult(): BeforeUpgradeResult | null {
  const result = atStart;
  atStart = null;
  return result;
}
