import { useEffect } from 'react';
import { transport } from '../../transport/index.js';

/**
 * Calls `reload` whenever the queue or its bids may have changed: the terminal status moves
 * (online / offline / syncing, queued count: the engine publishes only changes) or a bid of
 * the organisation changed (a replayed write, a resolution, another terminal).
 */
export function useSyncEvents(reload: () => void): void {
  useEffect(() => {
    const stops = [transport.subscribe('terminal-status', reload), transport.subscribe('bid-update', reload)];
    return () => {
      for (const stop of stops) stop();
    };
  }, [reload]);
}
