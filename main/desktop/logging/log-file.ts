import { mkdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import pino, { type DestinationStream } from 'pino';

export interface LogFile {
  /** The folder "Open logs" shows. */
  dir: string;
  path: string;
  destination: DestinationStream;
  /** Writes out what is buffered (on quit). */
  flush(): void;
}

/** Past this size the log starts over at the next start; the previous one is kept beside it. */
export const MAX_LOG_BYTES = 20 * 1024 * 1024;

/**
 * In the desktop app the engine's JSON log lines go to <userData>/logs/optibid.log, not to a
 * stdout nobody sees. Written asynchronously (the trading path never waits for the disk) and
 * flushed on quit; one previous file is kept as optibid.1.log.
 */
export function openLogFile(dir: string, maxBytes = MAX_LOG_BYTES): LogFile {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'optibid.log');
  try {
    if (statSync(path).size > maxBytes) renameSync(path, join(dir, 'optibid.1.log'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const destination = pino.destination({ dest: path, sync: false });
  return {
    dir,
    path,
    destination,
    flush: () => {
      try {
        destination.flushSync();
      } catch {
        // Not open yet: nothing was written that could be lost.
      }
    },
  };
}
