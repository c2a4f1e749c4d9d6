import { FluentProvider, makeStaticStyles, tokens } from '@fluentui/react-components';
import { useEffect } from 'react';
import type { CSSProperties, ReactNode } from 'react';
import type { ThemeChoice } from '../../../shared/domain/theme';
import { colorSchemeFor, fluentThemeFor } from './appearance';
import type { Appearance } from './appearance';

const useDocumentStyles = makeStaticStyles({
  'html, body, #root': { height: '100%', margin: 0 },
});

// Inline rather than a class: Fluent copies the provider's className onto every portal (dialogs,
// drawers, toasts), and a full-height background there would cover the whole window.
const ROOT_STYLE: CSSProperties = {
  height: '100%',
  backgroundColor: tokens.colorNeutralBackground2,
  color: tokens.colorNeutralForeground1,
};

interface AppearanceRootProps {
  readonly appearance: Appearance;
  /** The user's choice behind the appearance; `system` when no choice is known. */
  readonly choice: ThemeChoice;
  readonly children: ReactNode;
}

/**
 * Draws everything inside it in the given appearance. The root carries `data-theme` (what is
 * drawn) and `data-theme-choice` (what the user chose) so tests and styles can read both.
 */
export function AppearanceRoot({ appearance, choice, children }: AppearanceRootProps) {
  useDocumentStyles();

  // Scrollbars and native controls follow the theme too.
  useEffect(() => {
    document.documentElement.style.colorScheme = colorSchemeFor(appearance);
  }, [appearance]);

  return (
    <FluentProvider
      theme={fluentThemeFor(appearance)}
      style={ROOT_STYLE}
      data-testid="app-root"
      data-theme={appearance}
      data-theme-choice={choice}
    >
      {children}
    </FluentProvider>
  );
}
