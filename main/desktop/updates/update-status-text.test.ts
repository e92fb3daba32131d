import { describe, expect, it } from 'vitest';
import { updateStatusText } from './update-status-text.js';

describe('the answer to Help › Check for Updates…', () => {
  it('says what the check found, in words', () => {
    expect(updateStatusText({ state: 'disabled', reason: 'No update server is configured (OPTIBID_UPDATE_FEED_URL)' }, '0.1.0')).toBe('Updates are off: No update server is configured (OPTIBID_UPDATE_FEED_URL).');
    expect(updateStatusText({ state: 'idle', checkedAt: '2026-03-02T08:00:00.000Z' }, '0.1.0')).toBe('OptiBid Terminal 0.1.0 is the latest version.');
    expect(updateStatusText({ state: 'downloading', version: '0.2.0', percent: 12, bytesPerSecond: 1 }, '0.1.0')).toMatch(/^Version 0\.2\.0 is available/);
    expect(updateStatusText({ state: 'downloaded', version: '0.2.0' }, '0.1.0')).toMatch(/restart the terminal/);
    expect(updateStatusText({ state: 'error', message: 'HttpError: 404 Not Found' }, '0.1.0')).toBe('The update server could not be checked: HttpError: 404 Not Found');
  });
});
