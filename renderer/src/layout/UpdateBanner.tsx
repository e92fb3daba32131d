import { useEffect, useState } from 'react';
import type { UpdateStatus } from '../../../shared/api/ipc.js';

/** In the desktop app: a new version downloading (with progress) or ready to install on restart. */
export function UpdateBanner() {
  const [status, setStatus] = useState<UpdateStatus | null>(null);
  useEffect(() => window.optibid?.app.onUpdateStatus(setStatus), []);
  const app = window.optibid?.app;
  if (!app || !status) return null;
  if (status.state === 'downloading') {
    return (
      <div className="notice notice--info" role="status">
        <strong>Downloading OptiBid Terminal {status.version}</strong>
        <progress max={100} value={status.percent} aria-label="Download progress" />
        <span className="num">{status.percent.toFixed(0)} %</span>
      </div>
    );
  }
  if (status.state === 'downloaded') {
    return (
      <div className="notice notice--info" role="status">
        <strong>OptiBid Terminal {status.version} is ready.</strong>
        <span>Restart to install it; drafts and queued bids are kept.</span>
        <button type="button" className="button button--primary" onClick={() => void app.installUpdate()}>
          Restart to install
        </button>
      </div>
    );
  }
  return null;
}
