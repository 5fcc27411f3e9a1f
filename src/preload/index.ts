/**
 * The narrow bridge: one named function per contract method, bound to its channel from the
 * contract's one table (never a generic invoke), plus the menu's command events. The renderer
 * can never name a channel or reach ipcRenderer itself.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { API_KEY } from '../shared/apiKey';
import { BACKUP_REQUEST_CHANNEL, MENU_COMMAND_CHANNEL, bindIpcApi, isBackupRequest, isMenuCommand } from '../shared/ipcChannels';
import type { RendererApi } from '../shared/ipc';

const api: RendererApi = {
  ...bindIpcApi((channel, request) => ipcRenderer.invoke(channel, request)),
  onMenuCommand(listener) {
    // The Electron event object never reaches the page (its `sender` is ipcRenderer itself).
    const forward = (_event: IpcRendererEvent, command: unknown) => {
      if (isMenuCommand(command)) listener(command);
    };
    ipcRenderer.on(MENU_COMMAND_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(MENU_COMMAND_CHANNEL, forward);
    };
  },
  onBackupRequest(listener) {
    const forward = (_event: IpcRendererEvent, request: unknown) => {
      if (isBackupRequest(request)) listener({ reason: request.reason, requestId: request.requestId });
    };
    ipcRenderer.on(BACKUP_REQUEST_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(BACKUP_REQUEST_CHANNEL, forward);
    };
  },
};

contextBridge.exposeInMainWorld(API_KEY, api);
