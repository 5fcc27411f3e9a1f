import { API_KEY, type RendererApi } from '@shared/ipc';
import { createBrowserBridge } from './browserBridge';

/**
 * The renderer's only door to the outside: preload's named functions inside Electron, or the
 * browser implementation in web mode (downloads instead of save dialogs, file inputs instead
 * of open dialogs).
 */
function resolveBridge(): RendererApi {
  const desktop = (window as unknown as Record<string, RendererApi | undefined>)[API_KEY];
  return desktop ?? createBrowserBridge();
}

export const bridge: RendererApi = resolveBridge();
export const isDesktop = (): boolean => Boolean((window as unknown as Record<string, unknown>)[API_KEY]);
