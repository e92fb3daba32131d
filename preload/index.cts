// A sandboxed preload is a CommonJS script, so Electron is loaded the CommonJS way.
import electron = require('electron');

/**
 * The page's only window onto the desktop shell: a frozen object of named values. Never
 * ipcRenderer, never a channel name. The desktop-app issue adds request/subscribe here.
 */
electron.contextBridge.exposeInMainWorld('optibid', {
  shell: 'electron',
  versions: { electron: process.versions.electron, chrome: process.versions.chrome },
});
