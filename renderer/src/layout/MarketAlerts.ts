import { useEffect } from 'react';
import type { MarketAlert } from '../../../shared/api/market-data.js';
import { engine } from '../api/engine.js';
import { useRecentAlerts } from '../state/recent-alerts.js';
import { toast, type ToastKind } from '../state/toast-store.js';
import { transport } from '../transport/index.js';

const KIND: Record<MarketAlert['severity'], ToastKind> = { info: 'info', warning: 'warning', critical: 'error' };

/** A short tone, made here (no audio file to ship or to load from elsewhere). */
function chime(severity: MarketAlert['severity']): void {
  const audio = new AudioContext();
  const oscillator = audio.createOscillator();
  const gain = audio.createGain();
  oscillator.frequency.value = severity === 'critical' ? 1040 : 880;
  gain.gain.setValueAtTime(0.15, audio.currentTime);
  gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + 0.25);
  oscillator.connect(gain).connect(audio.destination);
  oscillator.start();
  oscillator.stop(audio.currentTime + 0.25);
  oscillator.onended = () => void audio.close();
}

/**
 * Shows market alerts as the trader asked in Settings › Notifications (read at each alert, so a
 * change applies at once): a toast, a sound, both or neither; and keeps each for the
 * Dashboard's recent alerts, whatever the preferences. Rendered inside the signed-in
 * frame only: the topic needs a signed-in stream, and mounting after sign-in orders the
 * subscribe after the stream's `auth`.
 */
export function MarketAlerts(): null {
  useEffect(() => {
    const unsubscribe = transport.subscribe('market-alert', (event) => {
      if (event.snapshot) return;
      const alert = event.data;
      useRecentAlerts.getState().add(alert);
      void engine
        .notificationPreferences()
        .catch(() => ({ marketAlerts: { toast: true, sound: false } }))
        .then(({ marketAlerts }) => {
          // A rule's alert is titled with the rule's name (its message names the zone); a broadcast names its zone first.
          const title = alert.source === 'broadcast' && alert.zoneId ? `${alert.zoneId}: ${alert.title}` : alert.title;
          if (marketAlerts.toast) toast(KIND[alert.severity], title, alert.message);
          if (marketAlerts.sound) chime(alert.severity);
        });
    });
    return () => {
      unsubscribe();
      // Signed out: the next person on this window does not see them.
      useRecentAlerts.setState({ alerts: [] });
    };
  }, []);
  return null;
}
