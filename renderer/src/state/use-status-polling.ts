import { useEffect } from 'react';
import { useStatusStore } from './status-store.js';

export const POLL_INTERVAL_MS = 5_000;

/**
 * Polls the engine while the page is mounted. The next round is scheduled only once the
 * previous one has finished, so a slow engine never piles requests up.
 */
export function useStatusPolling(): void {
  const poll = useStatusStore((state) => state.poll);
  useEffect(() => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const round = async (): Promise<void> => {
      await poll(controller.signal);
      if (!controller.signal.aborted) timer = setTimeout(() => void round(), POLL_INTERVAL_MS);
    };
    void round();
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [poll]);
}
