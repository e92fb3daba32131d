import { describe, expect, it } from 'vitest';
import { browserOpener, openInBrowser } from './open-browser.js';

describe('opening the terminal in the browser', () => {
  it('uses each platform’s own opener, and none without a desktop', () => {
    expect(browserOpener('darwin', {})?.command).toBe('open');
    expect(browserOpener('win32', {})?.args('http://127.0.0.1:4317/')).toEqual(['/c', 'start', '""', 'http://127.0.0.1:4317/']);
    expect(browserOpener('linux', { DISPLAY: ':0' })?.command).toBe('xdg-open');
    expect(browserOpener('linux', {})).toBeNull();
  });

  it('says it could not when there is no display, or the opener is not installed', async () => {
    expect(await openInBrowser('http://127.0.0.1:4317/', 'linux', {})).toBe(false);
    expect(await openInBrowser('http://127.0.0.1:4317/', 'linux', { DISPLAY: ':0', PATH: '/nonexistent' })).toBe(false);
  });
});
