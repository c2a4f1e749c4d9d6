/**
 * The application menu as plain data. Deliberately Electron-free (no 'electron' import) so the
 * choices — which items exist per platform, no developer tools in packaged builds, what Help
 * opens — are tested in plain Node; the shell hands the result to `Menu.buildFromTemplate`.
 */

/** The subset of Electron's menu roles Mooring uses (names as Electron spells them). */
export type MenuRole =
  | 'about'
  | 'services'
  | 'hide'
  | 'hideOthers'
  | 'unhide'
  | 'quit'
  | 'close'
  | 'undo'
  | 'redo'
  | 'cut'
  | 'copy'
  | 'paste'
  | 'pasteAndMatchStyle'
  | 'delete'
  | 'selectAll'
  | 'reload'
  | 'forceReload'
  | 'toggleDevTools'
  | 'resetZoom'
  | 'zoomIn'
  | 'zoomOut'
  | 'togglefullscreen'
  | 'minimize'
  | 'zoom'
  | 'front'
  | 'window'
  | 'help';

/** Structurally a subset of Electron's `MenuItemConstructorOptions`. */
export interface MenuItemSpec {
  id?: string;
  label?: string;
  role?: MenuRole;
  type?: 'normal' | 'separator' | 'submenu';
  accelerator?: string;
  submenu?: MenuItemSpec[];
  click?: () => void;
}

export interface MenuActions {
  /** Opens `<userData>/logs` in the file manager. */
  openLogsFolder(): void;
  /** Opens the Mooring documentation (an allowlisted https URL) in the system browser. */
  openDocumentation(): void;
}

export interface MenuInput {
  readonly platform: string;
  readonly appName: string;
  /** Packaged builds get no developer tools and no reload. */
  readonly isPackaged: boolean;
  readonly actions: MenuActions;
}

/** Azure ML's guide to attaching Kubernetes clusters: what Mooring automates. */
export const DOCUMENTATION_URL =
  'https://learn.microsoft.com/azure/machine-learning/how-to-attach-kubernetes-anywhere';

const separator = (): MenuItemSpec => ({ type: 'separator' });

export function buildMenuTemplate(input: MenuInput): MenuItemSpec[] {
  const isMac = input.platform === 'darwin';
  // `&` marks the Alt-key mnemonic on Windows and Linux; macOS menus have none.
  const title = (label: string): string => (isMac ? label.replace('&', '') : label);
  const template: MenuItemSpec[] = [];

  if (isMac) {
    template.push({
      label: input.appName,
      submenu: [
        { role: 'about', label: `About ${input.appName}` },
        separator(),
        { role: 'services' },
        separator(),
        { role: 'hide', label: `Hide ${input.appName}` },
        { role: 'hideOthers' },
        { role: 'unhide' },
        separator(),
        { role: 'quit', label: `Quit ${input.appName}` },
      ],
    });
  }

  template.push({
    id: 'file',
    label: title('&File'),
    submenu: [isMac ? { role: 'close' } : { role: 'quit', label: title('E&xit') }],
  });

  template.push({
    id: 'edit',
    label: title('&Edit'),
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      separator(),
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      ...(isMac ? [{ role: 'pasteAndMatchStyle' as const }, { role: 'delete' as const }] : []),
      separator(),
      { role: 'selectAll' },
    ],
  });

  // Reload throws away the UI's state and developer tools expose the renderer: both are for
  // development only.
  const developmentItems: MenuItemSpec[] = input.isPackaged
    ? []
    : [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, separator()];
  template.push({
    id: 'view',
    label: title('&View'),
    submenu: [
      ...developmentItems,
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      separator(),
      { role: 'togglefullscreen' },
    ],
  });

  template.push({
    id: 'window',
    label: title('&Window'),
    role: 'window',
    submenu: isMac
      ? [{ role: 'minimize' }, { role: 'zoom' }, separator(), { role: 'front' }]
      : [{ role: 'minimize' }, { role: 'close' }],
  });

  template.push({
    id: 'help',
    label: title('&Help'),
    role: 'help',
    submenu: [
      {
        id: 'help.documentation',
        label: `${input.appName} documentation`,
        click: () => input.actions.openDocumentation(),
      },
      {
        id: 'help.openLogsFolder',
        label: 'Open Logs Folder',
        click: () => input.actions.openLogsFolder(),
      },
      ...(isMac ? [] : [separator(), { role: 'about' as const, label: `About ${input.appName}` }]),
    ],
  });

  return template;
}
