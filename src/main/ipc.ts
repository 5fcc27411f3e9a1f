/**
 * Binds THE contract (src/shared/ipc.ts) to handlers. Every call is checked twice before a
 * handler runs: the sender frame must be the app's own page (a navigated or injected frame is
 * refused), and the payload must match the channel's zod schema (the renderer is untrusted input).
 */
import { ipcContract, type IpcChannel, type IpcContract } from '../shared/ipc';
import type { z } from 'zod';

export type IpcHandlers = {
  [C in IpcChannel]: (request: z.infer<IpcContract[C]['request']>) => Promise<IpcContract[C]['response']>;
};

export interface IpcMainLike {
  handle(channel: string, listener: (event: { senderFrame: { url: string } | null }, payload: unknown) => unknown): void;
}

export class IpcRejection extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IpcRejection';
  }
}

export function registerIpcHandlers(
  ipcMain: IpcMainLike,
  handlers: IpcHandlers,
  options: { isTrustedSender: (url: string) => boolean; log?: (message: string) => void },
): void {
  for (const channel of Object.keys(ipcContract) as IpcChannel[]) {
    const schema = ipcContract[channel].request;
    const handler = handlers[channel] as (request: unknown) => Promise<unknown>;
    ipcMain.handle(channel, async (event, payload) => {
      const url = event.senderFrame?.url ?? '';
      if (!options.isTrustedSender(url)) {
        options.log?.(`IPC ${channel} refused from untrusted frame ${url || '(none)'}`);
        throw new IpcRejection(`${channel}: refused, the sender is not the app`);
      }
      const parsed = schema.safeParse(payload);
      if (!parsed.success) {
        const problem = parsed.error.issues.map((i) => `${i.path.join('.') || 'request'}: ${i.message}`).join('; ');
        throw new IpcRejection(`${channel}: invalid request (${problem})`);
      }
      return handler(parsed.data);
    });
  }
}
