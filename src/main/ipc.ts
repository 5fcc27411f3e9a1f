/**
 * Binds THE contract (src/shared/ipc.ts) to handlers: each method's handler is registered on the
 * method's own channel from IPC_METHODS, so no handler can sit on another method's channel.
 * Every call is checked twice before a handler runs: the sender frame must be the app's own page
 * (a navigated or injected frame is refused), and the payload must match the method's zod schema
 * (the renderer is untrusted input).
 */
import { IPC_METHODS, IPC_METHOD_NAMES, ipcRequests, type IpcMethod, type IpcResponse, type IpcValidRequest } from '../shared/ipc';

export type IpcHandlers = {
  [M in IpcMethod]: (request: IpcValidRequest<M>) => Promise<IpcResponse<M>>;
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
  for (const method of IPC_METHOD_NAMES) {
    const channel = IPC_METHODS[method];
    const schema = ipcRequests[method];
    const handler = handlers[method] as (request: unknown) => Promise<unknown>;
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
