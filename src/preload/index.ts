/**
 * The narrow bridge: one named function per contract channel, nothing generic. The renderer can
 * never name a channel or reach ipcRenderer itself.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { API_KEY } from '../shared/apiKey';
import type { RendererApi } from '../shared/ipc';

const api = {
  appInfo: () => ipcRenderer.invoke('app:info'),
  openTextFile: (request) => ipcRenderer.invoke('file:open-text', request),
  saveFile: (request) => ipcRenderer.invoke('file:save', request),
  openRoomView: (request) => ipcRenderer.invoke('window:open-room-view', request),
  printToPdf: (request) => ipcRenderer.invoke('file:print-pdf', request),
  syncStatus: () => ipcRenderer.invoke('sync:status'),
  syncEnroll: (request) => ipcRenderer.invoke('sync:enroll', request),
  syncForget: () => ipcRenderer.invoke('sync:forget'),
  syncPush: (request) => ipcRenderer.invoke('sync:push', request),
  syncPull: (request) => ipcRenderer.invoke('sync:pull', request),
} satisfies RendererApi;

contextBridge.exposeInMainWorld(API_KEY, api);
