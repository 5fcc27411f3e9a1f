import { describe, expect, it } from 'vitest';
import { IPC_METHODS, IPC_METHOD_NAMES, bindIpcApi, type IpcChannel } from '@shared/ipcChannels';
import { ipcRequests, type IpcApi } from '@shared/ipc';
import type { IpcHandlers } from '../../../src/main/ipc';

/**
 * The contract names each method's channel once; preload (bindIpcApi) and main
 * (registerIpcHandlers) are derived from that table. The @ts-expect-error lines are compile-time
 * tests (`npm run typecheck`): each says a wrong binding does not type-check.
 */
describe('IPC contract', () => {
  it('gives every method its own channel and a request schema', () => {
    expect(new Set(Object.values(IPC_METHODS)).size).toBe(IPC_METHOD_NAMES.length);
    expect(Object.keys(ipcRequests).sort()).toEqual([...IPC_METHOD_NAMES].sort());
  });

  it("preload's binding calls each method on its own channel", async () => {
    const calls: Array<[IpcChannel, unknown]> = [];
    const api = bindIpcApi(async (channel, request) => {
      calls.push([channel, request]);
      return channel;
    });
    expect(Object.keys(api).sort()).toEqual([...IPC_METHOD_NAMES].sort());
    for (const method of IPC_METHOD_NAMES) {
      const call = api[method] as (request?: unknown) => Promise<unknown>;
      expect(await call({ probe: method })).toBe(IPC_METHODS[method]);
    }
    expect(calls).toEqual(IPC_METHOD_NAMES.map((m) => [IPC_METHODS[m], { probe: m }]));
  });

  it('does not type-check a wrong binding', () => {
    // @ts-expect-error a channel that is not in the contract
    const unknownChannel: IpcChannel = 'sync:everything';
    // @ts-expect-error syncPush's handler answers with a pull response
    const pushAsPull: IpcHandlers['syncPush'] = async () => ({ status: 'ok', body: { changes: [], nextCursor: 0, hasMore: false, serverTime: 1 } });
    // @ts-expect-error the API's syncPush is a push, not a pull
    const pullAsPush: IpcApi['syncPush'] = (request: { councilId: string }) => Promise.resolve(request as never);
    expect([unknownChannel, typeof pushAsPull, typeof pullAsPush]).toHaveLength(3);
  });
});
