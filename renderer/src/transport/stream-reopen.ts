import { transport } from './index.js';

/**
 * Calls `listener` each time the event stream opens again after being down. Topics without a
 * snapshot (ml-training, organization-setting) miss what happened meanwhile: their pages read
 * it again through the API here.
 */
export function onStreamReopen(listener: () => void): () => void {
  let wasOpen = transport.connection().state === 'open';
  return transport.onConnectionChange((connection) => {
    const open = connection.state === 'open';
    if (open && !wasOpen) listener();
    wasOpen = open;
  });
}
