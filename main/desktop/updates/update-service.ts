import type { AppUpdater, ProgressInfo, UpdateInfo } from 'electron-updater';
import type { Logger } from 'pino';
import type { UpdateStatus } from '../../../shared/api/ipc.js';
import type { Clock } from '../../engine/clock.js';
import { decideUpdates } from './update-feed.js';

/** electron-updater's messages can carry a stack or a response body; the banner shows the first line. */
const firstLine = (message: string): string => message.split('\n', 1)[0]?.trim() ?? message;

/** How often a running terminal looks for a new version (besides once at start). */
export const UPDATE_CHECK_INTERVAL_MS = 4 * 60 * 60 * 1000;

export interface UpdateServiceOptions {
  feedUrl: string | null;
  isPackaged: boolean;
  /** The platform's electron-updater (autoUpdater in the app); created only when updates are on. */
  createUpdater(): AppUpdater;
  /** Pushes each status change to the page. */
  publish(status: UpdateStatus): void;
  logger: Logger;
  clock: Clock;
  intervalMs?: number;
}

/**
 * The terminal's updates, on electron-updater with the generic provider: the feed URL comes
 * from the settings (never from the build), the update is downloaded as soon as it is found
 * and installed on request (or when the terminal quits). electron-updater itself honours
 * staged rollouts: `stagingPercentage` in latest*.yml against this installation's staging id
 * (kept in userData/.updaterId). Every step is published as an UpdateStatus.
 */
export class UpdateService {
  private current: UpdateStatus;
  private readonly updater: AppUpdater | null;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly options: UpdateServiceOptions) {
    const decision = decideUpdates(options.feedUrl, options.isPackaged);
    if (!decision.enabled) {
      this.updater = null;
      this.current = { state: 'disabled', reason: decision.reason };
      options.logger.info({ reason: decision.reason }, 'Updates are off');
      return;
    }
    const { feedUrl } = decision;
    this.current = { state: 'idle', checkedAt: null };
    const updater = options.createUpdater();
    updater.logger = {
      info: (message?: unknown) => options.logger.debug({ updater: true }, String(message)),
      warn: (message?: unknown) => options.logger.warn({ updater: true }, String(message)),
      error: (message?: unknown) => options.logger.error({ updater: true }, String(message)),
    };
    updater.autoDownload = true;
    updater.setFeedURL({ provider: 'generic', url: feedUrl });
    updater.on('checking-for-update', () => this.set({ state: 'checking' }));
    updater.on('update-not-available', () => this.set({ state: 'idle', checkedAt: options.clock.now().toISOString() }));
    updater.on('update-available', (info: UpdateInfo) => this.set({ state: 'available', version: info.version }));
    updater.on('download-progress', (progress: ProgressInfo) => {
      const version = 'version' in this.current ? this.current.version : '';
      this.set({ state: 'downloading', version, percent: Math.round(progress.percent * 10) / 10, bytesPerSecond: progress.bytesPerSecond });
    });
    updater.on('update-downloaded', (info: UpdateInfo) => this.set({ state: 'downloaded', version: info.version }));
    updater.on('error', (error: Error) => this.set({ state: 'error', message: firstLine(error.message) }));
    this.updater = updater;
  }

  get status(): UpdateStatus {
    return this.current;
  }

  /** Checks now and every few hours after; nothing when updates are off. */
  start(): void {
    if (!this.updater || this.timer) return;
    void this.check();
    this.timer = setInterval(() => void this.check(), this.options.intervalMs ?? UPDATE_CHECK_INTERVAL_MS);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Asks the feed for a newer version (downloading it if there is one); resolves with the status after the check. */
  async check(): Promise<UpdateStatus> {
    // Off, or a download under way or done: nothing to ask the server.
    if (!this.updater || this.current.state === 'downloading' || this.current.state === 'downloaded') return this.current;
    try {
      const result = await this.updater.checkForUpdates();
      // electron-updater answers null when this installation cannot update itself (an unpacked build, an AppImage run from elsewhere).
      if (result === null) this.set({ state: 'disabled', reason: 'This installation cannot update itself (not an installer-built copy)' });
      // A failed download arrives as an 'error' event; the promise's rejection is handled there.
      result?.downloadPromise?.catch(() => undefined);
    } catch (error) {
      // electron-updater has usually reported it already, as an 'error' event.
      if (this.current.state !== 'error') this.set({ state: 'error', message: firstLine(error instanceof Error ? error.message : String(error)) });
    }
    return this.current;
  }

  /** Quits and installs the downloaded update; refused while there is none. */
  install(): void {
    if (!this.updater || this.current.state !== 'downloaded') throw new Error('No update has been downloaded yet');
    this.options.logger.info({ version: this.current.version }, 'Installing the update; the terminal restarts');
    this.updater.quitAndInstall();
  }

  private set(status: UpdateStatus): void {
    this.current = status;
    this.options.publish(status);
  }
}
