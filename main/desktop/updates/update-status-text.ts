import type { UpdateStatus } from '../../../shared/api/ipc.js';

/** What Help › Check for Updates… tells the trader once the check is done. */
export function updateStatusText(status: UpdateStatus, installedVersion: string): string {
  switch (status.state) {
    case 'disabled':
      return `Updates are off: ${status.reason}.`;
    case 'idle':
      return `OptiBid Terminal ${installedVersion} is the latest version.`;
    case 'checking':
      return 'Still checking for updates…';
    case 'available':
    case 'downloading':
      return `Version ${status.version} is available and is being downloaded.`;
    case 'downloaded':
      return `Version ${status.version} is ready: restart the terminal to install it.`;
    case 'error':
      return `The update server could not be checked: ${status.message}`;
  }
}
