import { teamsHighContrastTheme, webDarkTheme, webLightTheme } from '@fluentui/react-components';
import type { Theme } from '@fluentui/react-components';
import type { ThemeChoice } from '../../../shared/domain/theme';

/** What is actually drawn: a theme choice of `system` resolves to one of these. */
export type Appearance = 'light' | 'dark' | 'high-contrast';

export const resolveAppearance = (choice: ThemeChoice, system: Appearance): Appearance =>
  choice === 'system' ? system : choice;

const FLUENT_THEMES: Record<Appearance, Theme> = {
  light: webLightTheme,
  dark: webDarkTheme,
  'high-contrast': teamsHighContrastTheme,
};

export const fluentThemeFor = (appearance: Appearance): Theme => FLUENT_THEMES[appearance];

/** The CSS `color-scheme` that makes scrollbars and form controls match the theme. */
export const colorSchemeFor = (appearance: Appearance): 'light' | 'dark' =>
  appearance === 'light' ? 'light' : 'dark';

export const THEME_CHOICE_LABELS: Record<ThemeChoice, string> = {
  system: 'System',
  light: 'Light',
  dark: 'Dark',
  'high-contrast': 'High contrast',
};
