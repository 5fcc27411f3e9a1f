/// <reference types="vite/client" />
import type { RendererApi } from '@shared/ipc';

declare global {
  interface Window {
    /** Present only inside Electron (exposed by preload). Web mode uses the browser bridge. */
    commonGround?: RendererApi;
  }
}
declare global {
  const __APP_VERSION__: string;
}
export {};
