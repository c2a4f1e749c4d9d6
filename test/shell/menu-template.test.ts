import { describe, expect, it, vi } from 'vitest';
import { isAllowedExternalUrl } from '../../electron/security/external-urls';
import { DOCUMENTATION_URL, buildMenuTemplate } from '../../electron/shell/menu-template';
import type { MenuItemSpec } from '../../electron/shell/menu-template';

const build = (platform: string, isPackaged: boolean) => {
  const actions = { openLogsFolder: vi.fn(), openDocumentation: vi.fn() };
  return {
    actions,
    template: buildMenuTemplate({ platform, appName: 'Mooring', isPackaged, actions }),
  };
};

const roles = (items: MenuItemSpec[] | undefined): string[] =>
  (items ?? []).flatMap((item) => (item.role ? [item.role] : []));
const menu = (template: MenuItemSpec[], id: string) => template.find((item) => item.id === id);
const allRoles = (template: MenuItemSpec[]): string[] =>
  template.flatMap((item) => [...(item.role ? [item.role] : []), ...allRoles(item.submenu ?? [])]);

describe('the application menu', () => {
  it.each(['win32', 'darwin', 'linux'])(
    'has File, Edit, View, Window and Help on %s',
    (platform) => {
      const { template } = build(platform, true);
      for (const id of ['file', 'edit', 'view', 'window', 'help'])
        expect(menu(template, id)).toBeDefined();
      expect(roles(menu(template, 'edit')?.submenu)).toEqual(
        expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']),
      );
      expect(roles(menu(template, 'view')?.submenu)).toEqual(
        expect.arrayContaining(['resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']),
      );
    },
  );

  it('starts with the macOS app menu (About, Hide, Quit) on darwin only', () => {
    const mac = build('darwin', true).template;
    expect(mac[0]?.label).toBe('Mooring');
    expect(roles(mac[0]?.submenu)).toEqual(
      expect.arrayContaining(['about', 'hide', 'hideOthers', 'unhide', 'quit']),
    );
    expect(mac.map((item) => item.label)).toEqual([
      'Mooring',
      'File',
      'Edit',
      'View',
      'Window',
      'Help',
    ]);

    const windows = build('win32', true).template;
    expect(windows[0]?.id).toBe('file');
    expect(roles(menu(windows, 'file')?.submenu)).toEqual(['quit']);
    expect(windows.map((item) => item.label)).toEqual([
      '&File',
      '&Edit',
      '&View',
      '&Window',
      '&Help',
    ]);
  });

  it('offers no developer tools and no reload in packaged builds', () => {
    for (const platform of ['win32', 'darwin']) {
      const packaged = allRoles(build(platform, true).template);
      expect(packaged).not.toContain('toggleDevTools');
      expect(packaged).not.toContain('reload');
      expect(packaged).not.toContain('forceReload');
      const development = allRoles(build(platform, false).template);
      expect(development).toContain('toggleDevTools');
      expect(development).toContain('reload');
    }
  });

  it('has Help > Open Logs Folder and Help > Mooring documentation wired to the actions', () => {
    for (const platform of ['win32', 'darwin']) {
      const { template, actions } = build(platform, true);
      const help = menu(template, 'help')?.submenu ?? [];
      const logs = help.find((item) => item.label === 'Open Logs Folder');
      const docs = help.find((item) => item.label === 'Mooring documentation');
      logs?.click?.();
      docs?.click?.();
      expect(actions.openLogsFolder).toHaveBeenCalledTimes(1);
      expect(actions.openDocumentation).toHaveBeenCalledTimes(1);
    }
  });

  it('documents with an allowlisted https page', () => {
    expect(isAllowedExternalUrl(DOCUMENTATION_URL)).toBe(true);
  });
});
