import { describe, expect, it } from 'vitest';
import { mayGrantPermission, mayNavigate, mayOpenExternally, secureWebPreferences } from './security.js';

describe('desktop shell security', () => {
  it('runs the renderer isolated and sandboxed, without Node', () => {
    expect(secureWebPreferences('/app/preload.cjs')).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('allows navigation only within the app’s own pages', () => {
    expect(mayNavigate('app://optibid/')).toBe(true);
    expect(mayNavigate('app://optibid/bidding?zone=DE_LU')).toBe(true);
    for (const target of ['app://optibid.evil/', 'app://evil/', 'app:///etc/passwd', 'app://user@optibid/', 'http://127.0.0.1:4317/', 'https://evil.example/', 'file:///etc/passwd', 'javascript:alert(1)', 'not a url', '']) {
      expect([target, mayNavigate(target)]).toEqual([target, false]);
    }
  });

  it('opens only https links to allowlisted hosts externally', () => {
    expect(mayOpenExternally('https://www.epexspot.com/en/market-results')).toBe(true);
    expect(mayOpenExternally('http://www.epexspot.com/')).toBe(false);
    expect(mayOpenExternally('https://www.epexspot.com.evil.example/')).toBe(false);
    expect(mayOpenExternally('file:///etc/passwd')).toBe(false);
    expect(mayOpenExternally('smb://share/x')).toBe(false);
    expect(mayOpenExternally('app://optibid/')).toBe(false);
  });

  it('refuses every permission by default; the app’s page may only write to the clipboard', () => {
    expect(mayGrantPermission('clipboard-sanitized-write', 'app://optibid/bidding')).toBe(true);
    expect(mayGrantPermission('clipboard-sanitized-write', 'app://optibid')).toBe(true);
    expect(mayGrantPermission('clipboard-sanitized-write', 'https://evil.example/')).toBe(false);
    expect(mayGrantPermission('clipboard-sanitized-write', undefined)).toBe(false);
    for (const permission of ['clipboard-read', 'media', 'geolocation', 'notifications', 'openExternal', 'hid', 'serial', 'usb', 'fileSystem', 'display-capture', 'unknown']) {
      expect([permission, mayGrantPermission(permission, 'app://optibid/')]).toEqual([permission, false]);
    }
  });
});
