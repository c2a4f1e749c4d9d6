import { Menu } from 'electron';
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuInput } from './menu-template';
import { buildMenuTemplate } from './menu-template';

export function installApplicationMenu(input: MenuInput): void {
  const template: MenuItemConstructorOptions[] = buildMenuTemplate(input);
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
