import type { StreamServerMessage } from '../../../shared/api/stream.js';

/**
 * The JSON text of each live event, kept beside its payload for as long as the payload lives.
 * The hub hands one payload object to every subscriber, and a connection whose zone selection
 * keeps the whole event passes that same object on (zone-selection.ts), so fifty connections on
 * one price update cost one JSON.stringify instead of fifty: at thousands of ticks a second,
 * serialising per connection was the largest part of the stream's own work. A payload is
 * published once, under one topic, and never changed afterwards, so the text cannot go stale.
 */
const liveEventTexts = new WeakMap<object, string>();

/** The message as sent on a WebSocket. */
export function eventText(message: StreamServerMessage): string {
  // Snapshots are read per subscriber and the other messages are one-off replies: nothing to share.
  if (message.type !== 'event' || message.snapshot) return JSON.stringify(message);
  let text = liveEventTexts.get(message.data);
  if (text === undefined) {
    text = JSON.stringify(message);
    liveEventTexts.set(message.data, text);
  }
  return text;
}
