import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { IpcChannels, type UpdateStatus } from '../../../shared/api/ipc.js';
import { dispatchIpcRequest, isTrustedSender } from './request-dispatch.js';
import type { StreamBridge, StreamPeer } from './stream-bridge.js';

/** What the handlers read of an IPC event: the sending page and its frame. */
export interface IpcEventLike {
  sender: StreamPeer;
  senderFrame: { url: string } | null;
}

/** The part of Electron's ipcMain used here, so the wiring runs under plain Node in tests. */
export interface IpcMainLike {
  handle(channel: string, handler: (event: IpcEventLike, ...args: unknown[]) => unknown): void;
  on(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => void): unknown;
}

export interface DesktopIpcServices {
  engineApp: FastifyInstance;
  stream: StreamBridge;
  appVersion(): string;
  updates: { check(): Promise<UpdateStatus>; install(): void };
  openLogs(): Promise<void>;
  logger: Logger;
}

/**
 * The main process's side of the OptibidBridge. Every channel checks that the sender is the
 * app's own page: requests answer a foreign frame with the 403 envelope, stream messages from
 * it are dropped, and the app functions (version, updates, logs) reject it.
 */
export function registerDesktopIpc(ipcMain: IpcMainLike, services: DesktopIpcServices): void {
  const frameUrl = (event: IpcEventLike): string | undefined => event.senderFrame?.url;

  ipcMain.handle(IpcChannels.request, (event, payload) => dispatchIpcRequest(services.engineApp, frameUrl(event), payload));

  ipcMain.on(IpcChannels.stream, (event, message) => {
    services.stream.receive(event.sender, frameUrl(event), message).catch((error: unknown) => {
      services.logger.error({ err: error }, 'Stream message over IPC failed');
    });
  });

  const appFunction = (channel: string, run: () => unknown): void => {
    ipcMain.handle(channel, (event) => {
      if (!isTrustedSender(frameUrl(event))) {
        services.logger.warn({ channel, frameUrl: frameUrl(event) ?? null }, 'IPC call from a frame that is not the app refused');
        throw new Error('Refused: IPC is accepted from the app’s own page only');
      }
      return run();
    });
  };
  appFunction(IpcChannels.appVersion, () => services.appVersion());
  appFunction(IpcChannels.checkForUpdates, () => services.updates.check());
  appFunction(IpcChannels.installUpdate, () => services.updates.install());
  appFunction(IpcChannels.openLogs, () => services.openLogs());
}
