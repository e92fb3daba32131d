import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { APP_PAGES, type MenuCommand } from '../../../shared/api/ipc.js';
import { MENU_SHORTCUTS } from './menu-commands.js';
import { buildMenuTemplate, type MenuOptions } from './menu-template.js';

function build(options: MenuOptions): { template: MenuItemConstructorOptions[]; sent: MenuCommand[]; calls: string[] } {
  const sent: MenuCommand[] = [];
  const calls: string[] = [];
  const template = buildMenuTemplate(options, { send: (command) => sent.push(command), openLogs: () => calls.push('openLogs'), checkForUpdates: () => calls.push('checkForUpdates') });
  return { template, sent, calls };
}

const submenu = (menu: MenuItemConstructorOptions | undefined): MenuItemConstructorOptions[] => (Array.isArray(menu?.submenu) ? menu.submenu : []);
const menuNamed = (template: MenuItemConstructorOptions[], name: string): MenuItemConstructorOptions | undefined => template.find((m) => m.label === name || m.role === name);
const allItems = (template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] => template.flatMap((menu) => [menu, ...allItems(submenu(menu))]);
const click = (item: MenuItemConstructorOptions | undefined): void => (item?.click as (() => void) | undefined)?.();
const LINUX: MenuOptions = { platform: 'linux', developer: false };

describe('application menu', () => {
  it('has the Go menu: the eight pages in order on CmdOrCtrl+1..8, each sending its navigate command', () => {
    const { template, sent } = build(LINUX);
    const go = submenu(menuNamed(template, 'Go'));
    expect(go.map((item) => [item.label, item.accelerator])).toEqual([
      ['Dashboard', 'CmdOrCtrl+1'],
      ['Market', 'CmdOrCtrl+2'],
      ['Alerts', 'CmdOrCtrl+3'],
      ['Bidding', 'CmdOrCtrl+4'],
      ['Assets', 'CmdOrCtrl+5'],
      ['Analytics', 'CmdOrCtrl+6'],
      ['Profile', 'CmdOrCtrl+7'],
      ['Settings', 'CmdOrCtrl+8'],
    ]);
    go.forEach(click);
    expect(sent).toEqual(APP_PAGES.map((page) => ({ type: 'navigate', page })));
  });

  it('sends new bid, find and keyboard shortcuts (CmdOrCtrl+/ and F1) to the page', () => {
    const { template, sent } = build(LINUX);
    const items = allItems(template);
    for (const accelerator of ['CmdOrCtrl+N', 'CmdOrCtrl+K', 'CmdOrCtrl+/', 'F1']) click(items.find((item) => item.accelerator === accelerator));
    expect(sent).toEqual([{ type: 'new-bid' }, { type: 'focus-search' }, { type: 'show-shortcuts' }, { type: 'show-shortcuts' }]);
    expect(items.find((item) => item.accelerator === 'F1')).toMatchObject({ visible: false, label: 'Keyboard Shortcuts' });
  });

  it('offers logs, updates and about in Help', () => {
    const { template, calls } = build(LINUX);
    const help = submenu(menuNamed(template, 'help'));
    click(help.find((item) => item.label === 'Open Logs'));
    click(help.find((item) => item.label === 'Check for Updates…'));
    expect(calls).toEqual(['openLogs', 'checkForUpdates']);
    expect(help.some((item) => item.role === 'about')).toBe(true);
  });

  it('follows each platform: the app menu on macOS (About and Quit live there), File › Quit elsewhere', () => {
    const mac = build({ platform: 'darwin', developer: false }).template;
    expect(mac[0]).toEqual({ role: 'appMenu' });
    expect(submenu(menuNamed(mac, 'File')).some((item) => item.role === 'close')).toBe(true);
    expect(allItems(mac).some((item) => item.role === 'about')).toBe(false);
    for (const platform of ['linux', 'win32'] as const) {
      const template = build({ platform, developer: false }).template;
      expect(template.map((menu) => menu.label ?? menu.role)).toEqual(['File', 'Edit', 'View', 'Go', 'windowMenu', 'help']);
      expect(submenu(menuNamed(template, 'File')).some((item) => item.role === 'quit')).toBe(true);
    }
  });

  it('keeps reload and developer tools to development runs', () => {
    const roles = (developer: boolean): unknown[] => allItems(build({ platform: 'linux', developer }).template).map((item) => item.role);
    expect(roles(false)).not.toContain('reload');
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(true)).toEqual(expect.arrayContaining(['reload', 'forceReload', 'toggleDevTools']));
  });

  it('binds each key once and carries every shortcut of the shared list', () => {
    for (const platform of ['darwin', 'linux'] as const) {
      const accelerators = allItems(build({ platform, developer: true }).template).flatMap((item) => (item.accelerator ? [item.accelerator] : []));
      expect(new Set(accelerators).size).toBe(accelerators.length);
      expect(accelerators).toEqual(expect.arrayContaining(MENU_SHORTCUTS.flatMap((s) => [s.accelerator, ...(s.alternative ? [s.alternative] : [])])));
    }
  });
});
