import type { ContextBridge, IpcRenderer } from 'electron';
import type { EventTopic } from '../shared/api/events.js';
import type { IpcChannels, IpcRequest, IpcResponse, MenuCommand, OptibidBridge, UpdateStatus } from '../shared/api/ipc.js';
import type { StreamClientMessage, StreamEvent, StreamServerMessage } from '../shared/api/stream.js';

/**
 * The preload: `window.optibid` (the OptibidBridge of shared/api/ipc.ts) and nothing else —
 * named functions only, never ipcRenderer, never a channel name, never an IPC event object.
 *
 * Self-contained on purpose: a sandboxed preload may `require` only 'electron' and a few
 * built-ins, never a sibling module, so the bridge's logic lives in this one file (types come
 * from shared/, erased at compile time). It is written as a factory over the few IPC calls it
 * makes, so tests load this file under plain Node and drive it against the real main-process
 * side; Electron itself is only touched at the bottom, inside the renderer.
 */

/**
 * The channel names. A sandboxed preload cannot load shared/ at run time, so they are spelled
 * out here; the type makes the compiler check each one against the contract's IpcChannels.
 */
const channels: typeof IpcChannels = {
  request: 'optibid:request',
  stream: 'optibid:stream',
  streamMessage: 'optibid:stream-message',
  appVersion: 'optibid:app-version',
  checkForUpdates: 'optibid:check-for-updates',
  installUpdate: 'optibid:install-update',
  updateStatus: 'optibid:update-status',
  openLogs: 'optibid:open-logs',
  menuCommand: 'optibid:menu-command',
};

/** The part of ipcRenderer the bridge uses. */
interface PreloadIpc {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  send(channel: string, ...args: unknown[]): void;
  on(channel: string, listener: (event: unknown, payload: unknown) => void): unknown;
}

type Listener<T> = (value: T) => void;

/** Calls each listener; one that throws is reported and does not keep the others from hearing. */
function notify<T>(listeners: Iterable<Listener<T>>, value: T): void {
  for (const listener of [...listeners]) {
    try {
      listener(value);
    } catch (error) {
      console.error('OptiBid: a listener failed', error);
    }
  }
}

function removeFrom<T>(set: Set<T>, item: T): () => void {
  return () => void set.delete(item);
}

function createOptibidBridge(ipc: PreloadIpc, versions: { electron: string; chrome: string }): OptibidBridge {
  // The current access token, as the page last gave it: sent with each request and to the stream.
  let accessToken: string | null = null;
  // Topic -> the page's listeners. The engine keeps one subscription per topic for this page.
  const topics = new Map<EventTopic, Set<Listener<StreamEvent>>>();
  // Topics the engine dropped (a failed re-authentication signs the stream out) while the page
  // still listens: subscribed again as soon as a sign-in succeeds.
  const dropped = new Set<EventTopic>();
  const updateListeners = new Set<Listener<UpdateStatus>>();
  const menuListeners = new Set<Listener<MenuCommand>>();
  let lastUpdateStatus: UpdateStatus | null = null;

  const toStream = (message: StreamClientMessage): void => ipc.send(channels.stream, message);

  ipc.on(channels.streamMessage, (_event, payload) => {
    const message = payload as StreamServerMessage;
    switch (message.type) {
      case 'event':
        notify(topics.get(message.topic) ?? [], message);
        return;
      case 'unsubscribed':
        // Also the answer to our own unsubscribe; the topic then has no listeners and is skipped.
        if (topics.has(message.topic)) dropped.add(message.topic);
        return;
      case 'authenticated':
        for (const topic of dropped) toStream({ type: 'subscribe', topic });
        dropped.clear();
        return;
      case 'error':
        console.warn(`OptiBid event stream: ${message.error.code}: ${message.error.message}`);
        return;
      default:
        return;
    }
  });
  ipc.on(channels.updateStatus, (_event, payload) => {
    lastUpdateStatus = payload as UpdateStatus;
    notify(updateListeners, lastUpdateStatus);
  });
  ipc.on(channels.menuCommand, (_event, payload) => notify(menuListeners, payload as MenuCommand));

  const bridge: OptibidBridge = {
    shell: 'electron',
    versions: Object.freeze({ ...versions }),

    request(method, path, body) {
      const request: IpcRequest = { method, path, ...(body === undefined ? {} : { body }), ...(accessToken ? { accessToken } : {}) };
      return ipc.invoke(channels.request, request) as Promise<IpcResponse>;
    },

    authenticate(token) {
      accessToken = token;
      // A refreshed token re-authenticates the stream in place: subscriptions stay.
      toStream(token ? { type: 'auth', accessToken: token } : { type: 'sign-out' });
    },

    subscribe(topic, onEvent) {
      const listener = onEvent as Listener<StreamEvent>;
      let listeners = topics.get(topic);
      if (!listeners) {
        listeners = new Set();
        topics.set(topic, listeners);
      }
      listeners.add(listener);
      // Sent for every new listener, not only the first: the engine answers each subscribe with
      // the topic's current state (a snapshot), which a listener joining later needs too. The
      // engine keeps one subscription per topic however often it is asked.
      toStream({ type: 'subscribe', topic });
      let subscribed = true;
      return () => {
        if (!subscribed) return;
        subscribed = false;
        listeners.delete(listener);
        if (listeners.size > 0 || topics.get(topic) !== listeners) return;
        topics.delete(topic);
        dropped.delete(topic);
        toStream({ type: 'unsubscribe', topic });
      };
    },

    app: {
      version: () => ipc.invoke(channels.appVersion) as Promise<string>,
      checkForUpdates: () => ipc.invoke(channels.checkForUpdates) as Promise<UpdateStatus>,
      installUpdate: async () => {
        await ipc.invoke(channels.installUpdate);
      },
      onUpdateStatus(listener) {
        updateListeners.add(listener);
        // The status may have been pushed before the page listened: it hears the latest at once.
        if (lastUpdateStatus) listener(lastUpdateStatus);
        return removeFrom(updateListeners, listener);
      },
      openLogs: async () => {
        await ipc.invoke(channels.openLogs);
      },
      onMenuCommand(listener) {
        menuListeners.add(listener);
        return removeFrom(menuListeners, listener);
      },
    },
  };
  return bridge;
}

// What tests load (CommonJS's single export, as a sandboxed preload must be CommonJS).
export = { createOptibidBridge };

// Inside Electron's sandboxed renderer only (tests load this file under plain Node, where
// there is no Electron to require).
if (process.type === 'renderer') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the sandbox's own require, which exists only in the renderer
  const electron = require('electron') as { contextBridge: ContextBridge; ipcRenderer: IpcRenderer };
  electron.contextBridge.exposeInMainWorld('optibid', createOptibidBridge(electron.ipcRenderer, { electron: process.versions.electron, chrome: process.versions.chrome }));
}
