/**
 * The narrow bridge: one named function per contract method, bound to its channel from the
 * contract's one table (never a generic invoke), plus the menu's command events. The renderer
 * can never name a channel or reach ipcRenderer itself.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { API_KEY } from '../shared/apiKey';
import { MENU_COMMAND_CHANNEL, bindIpcApi, isMenuCommand } from '../shared/ipcChannels';
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
};

contextBridge.exposeInMainWorld(API_KEY, api);
