import { describe, expect, it } from 'vitest';
import { isAppUrl, mayOpenExternally, secureWebPreferences } from './security.js';

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

  it('allows navigation only within the terminal’s own origin', () => {
    const origin = 'http://127.0.0.1:4317';
    expect(isAppUrl('http://127.0.0.1:4317/bidding', origin)).toBe(true);
    expect(isAppUrl('http://127.0.0.1:4318/', origin)).toBe(false);
    expect(isAppUrl('https://evil.example/', origin)).toBe(false);
    expect(isAppUrl('javascript:alert(1)', origin)).toBe(false);
    expect(isAppUrl('not a url', origin)).toBe(false);
  });

  it('opens only https links to allowlisted hosts externally', () => {
    expect(mayOpenExternally('https://www.epexspot.com/en/market-results')).toBe(true);
    expect(mayOpenExternally('http://www.epexspot.com/')).toBe(false);
    expect(mayOpenExternally('https://www.epexspot.com.evil.example/')).toBe(false);
    expect(mayOpenExternally('file:///etc/passwd')).toBe(false);
    expect(mayOpenExternally('smb://share/x')).toBe(false);
  });
});
