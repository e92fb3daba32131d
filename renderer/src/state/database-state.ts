import type { TerminalStatus } from '../../../shared/api/events.js';

export interface DatabaseState {
  state: 'online' | 'offline' | 'syncing';
  queued: number;
}

/** What the terminal says about its data: the sync state and queue with a shared database, the embedded database's own mode without. */
export function databaseState(terminal: TerminalStatus): DatabaseState {
  return terminal.sync ? { state: terminal.sync.state, queued: terminal.sync.queued } : { state: terminal.database.mode, queued: 0 };
}
