import { Type, type Static } from '@sinclair/typebox';
import type { EventTopic } from './events.js';
import type { StreamEvent } from './stream.js';

/**
 * The one request shape the preload forwards to the main process. The main process checks it
 * and dispatches it into the engine's own route table, so validation, authentication and
 * errors are exactly those of HTTP.
 */
export const IpcRequest = Type.Object(
  {
    method: Type.Union([Type.Literal('GET'), Type.Literal('POST'), Type.Literal('PUT'), Type.Literal('DELETE')]),
    // The API and health only: no other path, no scheme or host, no way out of the route table.
    path: Type.String({ pattern: '^/(api/[A-Za-z0-9._~!$&\'()*+,;=:@%/?-]*|health)$', maxLength: 2048 }),
    body: Type.Optional(Type.Unknown()),
    accessToken: Type.Optional(Type.String({ maxLength: 4096 })),
  },
  { additionalProperties: false, title: 'IpcRequest' },
);
export type IpcRequest = Static<typeof IpcRequest>;

export interface IpcResponse {
  status: number;
  body: unknown;
}

/** What the updater is doing, as the renderer's banner shows it. */
export type UpdateStatus =
  | { state: 'disabled'; reason: string }
  | { state: 'idle'; checkedAt: string | null }
  | { state: 'checking' }
  | { state: 'available'; version: string }
  | { state: 'downloading'; version: string; percent: number; bytesPerSecond: number }
  | { state: 'downloaded'; version: string }
  | { state: 'error'; message: string };

/** The terminal's pages, as the navigation, the menu and the shortcuts name them. */
export const APP_PAGES = ['dashboard', 'market', 'alerts', 'bidding', 'assets', 'analytics', 'profile', 'settings'] as const;
export type AppPage = (typeof APP_PAGES)[number];
export const APP_PAGE_LABELS: Readonly<Record<AppPage, string>> = {
  dashboard: 'Dashboard',
  market: 'Market',
  alerts: 'Alerts',
  bidding: 'Bidding',
  assets: 'Assets',
  analytics: 'Analytics',
  profile: 'Profile',
  settings: 'Settings',
};

/** What the application menu asks the page to do (the same actions as the keyboard shortcuts). */
export type MenuCommand = { type: 'navigate'; page: AppPage } | { type: 'new-bid' } | { type: 'focus-search' } | { type: 'show-shortcuts' };

/**
 * `window.optibid` in Electron: the page's only window onto the desktop shell. Named functions
 * only — never ipcRenderer, never a channel name. The preload keeps the access token given to
 * `authenticate` and sends it with each request and to the event stream, so a token refresh
 * re-authenticates without dropping subscriptions.
 */
export interface OptibidBridge {
  readonly shell: 'electron';
  readonly versions: { readonly electron: string; readonly chrome: string };
  request(method: IpcRequest['method'], path: string, body?: unknown): Promise<IpcResponse>;
  authenticate(accessToken: string | null): void;
  subscribe<T extends EventTopic>(topic: T, onEvent: (event: StreamEvent<T>) => void): () => void;
  app: {
    version(): Promise<string>;
    checkForUpdates(): Promise<UpdateStatus>;
    installUpdate(): Promise<void>;
    onUpdateStatus(listener: (status: UpdateStatus) => void): () => void;
    openLogs(): Promise<void>;
    onMenuCommand(listener: (command: MenuCommand) => void): () => void;
  };
}

/** Channel names shared by the main process and the preload; the page never sees them. */
export const IpcChannels = {
  request: 'optibid:request',
  stream: 'optibid:stream',
  streamMessage: 'optibid:stream-message',
  appVersion: 'optibid:app-version',
  checkForUpdates: 'optibid:check-for-updates',
  installUpdate: 'optibid:install-update',
  updateStatus: 'optibid:update-status',
  openLogs: 'optibid:open-logs',
  menuCommand: 'optibid:menu-command',
} as const;
