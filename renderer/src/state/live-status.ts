import { create } from 'zustand';
import type { TerminalStatus } from '../../../shared/api/events.js';
import { transport } from '../transport/index.js';
import type { ConnectionState } from '../transport/transport.js';

interface LiveStatusState {
  terminal: TerminalStatus | null;
  connection: ConnectionState;
}

/**
 * What the status bar shows: the terminal's status as the engine pushes it (database mode,
 * queued writes, feed) and the state of the link to the engine itself.
 */
export const useLiveStatus = create<LiveStatusState>()(() => ({
  terminal: null,
  connection: transport.connection(),
}));

transport.onConnectionChange((connection) => useLiveStatus.setState({ connection }));
// Public topic: followed from the first screen on, signed in or not; every (re)subscribe brings a snapshot.
transport.subscribe('terminal-status', (event) => useLiveStatus.setState({ terminal: event.data }));
