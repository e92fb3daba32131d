import type { OptibidBridge } from '../../../shared/api/ipc.js';
import { createHttpTransport } from './http-transport.js';
import { createIpcTransport } from './ipc-transport.js';
import type { Transport } from './transport.js';

declare global {
  interface Window {
    /** Present in Electron only: the preload's bridge. */
    optibid?: OptibidBridge;
  }
}

/** The one transport of the page: IPC when the desktop shell's bridge exists, HTTP + WebSocket otherwise. */
export const transport: Transport = window.optibid ? createIpcTransport(window.optibid) : createHttpTransport();
